package dev.purista.redis.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.purista.boot.autoconfigure.MissingBridgeStarterException;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.redis.queue.RedisQueueBridge;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaRedisQueueAutoConfiguration} with Boot's Redis auto-configuration, on a real Redis.
 */
class PuristaRedisQueueAutoConfigurationTests {

	private static BrokerAddress redis;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class, PuristaRedisQueueAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port());

	@BeforeAll
	static void findRedis() {
		redis = BrokerResolution.require(Broker.REDIS);
	}

	@Test
	void redisTypeSelectsTheRedisQueueBridgeWithConfiguredOptions() {
		this.runner
			.withPropertyValues("purista.queue-bridge.type=redis", "purista.redis.queue.key-prefix=wiring:queue:",
					"purista.redis.queue.default-max-attempts=4", "purista.redis.queue.default-lease-ttl=45s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisQueueBridge bridge = context.getBean(RedisQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge()).isSameAs(bridge);
				assertThat(bridge.options().keyPrefix()).isEqualTo("wiring:queue:");
				bridge.start();
				String queue = "wiring-" + System.nanoTime();
				bridge.enqueue(EnqueueRequest.of(queue, Map.of("n", 1)));
				QueueLease lease = bridge.leaseNext(queue, Duration.ofSeconds(5));
				assertThat(lease).isNotNull();
				assertThat(lease.message().maxAttempts()).isEqualTo(4);
				assertThat(lease.message().leaseTtlMs()).isEqualTo(45_000);
				bridge.ack(queue, lease.leaseId());
				assertThat(bridge.metrics(queue).pending()).isZero();
			});
	}

	@Test
	void lettuceRejectsCommandsWhileDisconnectedUnlessTurnedOff() {
		this.runner.run((context) -> assertThat(disconnectedBehavior(context.getBean(LettuceConnectionFactory.class)))
			.isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS));
		this.runner.withPropertyValues("purista.redis.reject-commands-while-disconnected=false")
			.run((context) -> assertThat(disconnectedBehavior(context.getBean(LettuceConnectionFactory.class)))
				.isEqualTo(ClientOptions.DisconnectedBehavior.DEFAULT));
	}

	@Test
	void withoutARedisConnectionTheStartupFailureNamesThePresentStarter() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
							PuristaRedisQueueAutoConfiguration.class, PuristaAutoConfiguration.class))
			.withPropertyValues("purista.queue-bridge.type=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingBridgeStarterException.class);
				assertThat(analyses(context.getStartupFailure())).singleElement().satisfies((analysis) -> {
					assertThat(analysis.getDescription())
						.contains("dev.purista:purista-spring-boot-starter-redis is on the classpath");
					assertThat(analysis.getAction()).contains("--debug");
				});
			});
	}

	@Test
	void inMemoryStaysTheDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisQueueBridge.class);
			assertThat(context.getBean(ServiceEnvironment.class).queueBridge())
				.isInstanceOf(InMemoryQueueBridge.class);
		});
	}

	private static List<FailureAnalysis> analyses(Throwable failure) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.filter((analysis) -> analysis.getDescription().contains("PURISTA"))
			.toList();
	}

	private static ClientOptions.DisconnectedBehavior disconnectedBehavior(LettuceConnectionFactory factory) {
		return factory.getClientConfiguration()
			.getClientOptions()
			.map(ClientOptions::getDisconnectedBehavior)
			.orElse(ClientOptions.DisconnectedBehavior.DEFAULT);
	}

}
