package dev.purista.redis.autoconfigure;

import java.time.Clock;

import io.lettuce.core.ClientOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.redis.queue.RedisQueueBridge;
import dev.purista.redis.queue.RedisQueueBridgeOptions;

/**
 * The Redis queue bridge, selected with {@code purista.queue-bridge.type=redis} (the {@code staging},
 * {@code production} and {@code serverless} presets), on Boot's Redis connection ({@code spring.data.redis.*}).
 * PURISTA's lifecycle starts it with the services and destroys it after they drained, which gives back the
 * leases of jobs that did not finish in time. Runs after {@link PuristaFoundationAutoConfiguration}, whose codec
 * it uses, and before {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of. Its
 * options can be adjusted with {@link RedisQueueBridgeOptionsCustomizer} beans.
 * <p>
 * Also makes Boot's Lettuce client reject commands while disconnected
 * ({@code purista.redis.reject-commands-while-disconnected}), so a Redis outage fails enqueues at once.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@EnableConfigurationProperties(PuristaRedisProperties.class)
public final class PuristaRedisQueueAutoConfiguration {

	@Bean
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnMissingBean(QueueBridge.class)
	@ConditionalOnProperty(name = "purista.queue-bridge.type", havingValue = "redis")
	RedisQueueBridge puristaRedisQueueBridge(RedisConnectionFactory connectionFactory, MessageCodec codec,
			PuristaRedisProperties properties, ObjectProvider<RedisQueueBridgeOptionsCustomizer> customizers) {
		RedisQueueBridgeOptions.Builder options = properties.getQueue().toOptionsBuilder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return new RedisQueueBridge(connectionFactory, codec, options.build(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnBean(DataRedisConnectionDetails.class)
	@ConditionalOnProperty(name = "purista.queue-bridge.type", havingValue = "redis")
	BrokerConnectionFailureDescriber puristaRedisConnectionFailureDescriber(DataRedisConnectionDetails details) {
		return RedisConnectionFailureDescriber.of(details);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientOptions.class)
	@ConditionalOnProperty(name = "purista.redis.reject-commands-while-disconnected", havingValue = "true",
			matchIfMissing = true)
	static class FailFastConfiguration {

		@Bean
		LettuceClientOptionsBuilderCustomizer puristaRejectCommandsWhileDisconnected() {
			return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

}
