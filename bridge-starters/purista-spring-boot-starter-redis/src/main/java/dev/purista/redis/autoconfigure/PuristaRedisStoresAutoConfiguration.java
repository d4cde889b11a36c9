package dev.purista.redis.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.redis.RedisConfigStore;
import dev.purista.redis.RedisStateStore;

/**
 * Redis state and config stores, selected with {@code purista.state-store.type=redis} and
 * {@code purista.config-store.type=redis} (the {@code staging}, {@code production} and {@code serverless}
 * presets), connected through Boot's {@code spring.data.redis.*}. Runs after
 * {@link PuristaFoundationAutoConfiguration}, whose codec it uses, and before {@link PuristaAutoConfiguration},
 * whose in-memory fallbacks it takes the place of.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
public final class PuristaRedisStoresAutoConfiguration {

	@Bean
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnMissingBean(StateStore.class)
	@ConditionalOnProperty(name = "purista.state-store.type", havingValue = "redis")
	RedisStateStore puristaRedisStateStore(StringRedisTemplate redis, MessageCodec codec) {
		return new RedisStateStore(redis, codec, StoreOptions.stateDefaults());
	}

	@Bean
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnMissingBean(ConfigStore.class)
	@ConditionalOnProperty(name = "purista.config-store.type", havingValue = "redis")
	RedisConfigStore puristaRedisConfigStore(StringRedisTemplate redis, MessageCodec codec) {
		return new RedisConfigStore(redis, codec, StoreOptions.configDefaults());
	}

}
