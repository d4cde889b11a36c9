package dev.purista.redis.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.redis.queue.RedisQueueBridge;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PuristaRedisQueueAutoConfiguration} with Boot's Redis auto-configuration, on a real Redis: what needs the
 * broker. The wiring without one is {@link PuristaRedisQueueAutoConfigurationTests}.
 */
class PuristaRedisQueueAutoConfigurationIntegrationTests {

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

}
