package dev.purista.redis.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.TestSocketUtils;

import dev.purista.boot.autoconfigure.MissingBridgeStarterException;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaComponent;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.memory.InMemoryConfigStore;
import dev.purista.core.store.memory.InMemoryStateStore;
import dev.purista.redis.RedisConfigStore;
import dev.purista.redis.RedisStateStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaRedisStoresAutoConfiguration} with Boot's Redis auto-configuration, without a broker:
 * Boot's connection factory points at a port nothing listens on and the stores connect only when used. What
 * needs Redis is {@link PuristaRedisStoresAutoConfigurationIntegrationTests}.
 */
class PuristaRedisStoresAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class,
				PuristaRedisStoresAutoConfiguration.class, DataRedisAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + TestSocketUtils.findAvailableTcpPort());

	@Test
	void redisTypesSelectTheRedisStoresForTheServices() {
		this.runner.withPropertyValues("purista.state-store.type=redis", "purista.config-store.type=redis")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
				assertThat(environment.stateStore()).isSameAs(context.getBean(RedisStateStore.class));
				assertThat(environment.configStore()).isSameAs(context.getBean(RedisConfigStore.class));
			});
	}

	@Test
	void ordersItselfAfterTheFoundationAndBeforeTheServicesWhateverTheDeclaredOrder() {
		this.runner.run((context) -> assertThat(List.of(context.getBeanDefinitionNames())).containsSubsequence(
				PuristaFoundationAutoConfiguration.class.getName(), PuristaRedisStoresAutoConfiguration.class.getName(),
				PuristaAutoConfiguration.class.getName()));
	}

	@Test
	void eachStoreFollowsItsOwnType() {
		this.runner.withPropertyValues("purista.state-store.type=redis").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(RedisStateStore.class)
				.doesNotHaveBean(RedisConfigStore.class);
			assertThat(context.getBean(ServiceEnvironment.class).configStore()).isInstanceOf(InMemoryConfigStore.class);
		});
	}

	@Test
	void inMemoryStaysTheDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisStateStore.class);
			assertThat(context.getBean(ServiceEnvironment.class).stateStore()).isInstanceOf(InMemoryStateStore.class);
		});
	}

	@Test
	void withoutARedisConnectionTheStartupFailureNamesTheStore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
					PuristaRedisStoresAutoConfiguration.class, PuristaAutoConfiguration.class))
			.withPropertyValues("purista.config-store.type=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(MissingBridgeStarterException.class,
							(ex) -> assertThat(ex.getComponent()).isEqualTo(PuristaComponent.CONFIG_STORE));
			});
	}

}
