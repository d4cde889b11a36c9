package dev.purista.redis.autoconfigure;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.redis.RedisConfigStore;
import dev.purista.redis.RedisStateStore;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PuristaRedisStoresAutoConfiguration} with Boot's Redis auto-configuration, on a real Redis: what needs the
 * broker. The wiring without one is {@link PuristaRedisStoresAutoConfigurationTests}.
 */
class PuristaRedisStoresAutoConfigurationIntegrationTests {

	private static BrokerAddress redis;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(
				org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class, PuristaRedisStoresAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port());

	@BeforeAll
	static void findRedis() {
		redis = BrokerResolution.require(Broker.REDIS);
	}

	@Test
	void redisTypesSelectTheRedisStoresForTheServices() {
		this.runner.withPropertyValues("purista.state-store.type=redis", "purista.config-store.type=redis")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
				assertThat(environment.stateStore()).isInstanceOf(RedisStateStore.class);
				assertThat(environment.configStore()).isInstanceOf(RedisConfigStore.class);
				environment.stateStore().setState("wired", 1);
				assertThat(environment.stateStore().getState("wired").get("wired").toString()).isEqualTo("1");
				environment.stateStore().removeState("wired");
			});
	}

}
