package dev.purista.redis.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.util.TestSocketUtils;

import dev.purista.boot.autoconfigure.MissingBridgeStarterException;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaConnections;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.redis.queue.RedisQueueBridge;
import dev.purista.redis.queue.RedisQueueBridgeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaRedisQueueAutoConfiguration} with Boot's Redis auto-configuration, without a broker:
 * Boot's connection factory points at a port nothing listens on (Lettuce connects lazily), and PURISTA's
 * connection lifecycle does not start, so nothing is connected. What needs Redis is
 * {@link PuristaRedisQueueAutoConfigurationIntegrationTests}.
 */
class PuristaRedisQueueAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class,
				PuristaRedisQueueAutoConfiguration.class, DataRedisAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + TestSocketUtils.findAvailableTcpPort())
		.withUserConfiguration(UnconnectedConfiguration.class);

	@Test
	void redisTypeSelectsTheRedisQueueBridgeWithOptionsFromTheProperties() {
		this.runner
			.withPropertyValues("purista.queue-bridge.type=redis", "purista.redis.queue.key-prefix=wiring:queue:",
					"purista.redis.queue.default-max-attempts=4", "purista.redis.queue.default-lease-ttl=45s",
					"purista.redis.queue.max-block=250ms", "purista.redis.queue.orphan-check-interval=3s")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisQueueBridge.class);
				RedisQueueBridge bridge = context.getBean(RedisQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge()).isSameAs(bridge);
				assertThat(bridge.options()).isEqualTo(RedisQueueBridgeOptions.builder()
					.keyPrefix("wiring:queue:")
					.defaultMaxAttempts(4)
					.defaultLeaseTtl(Duration.ofSeconds(45))
					.maxBlock(Duration.ofMillis(250))
					.orphanCheckInterval(Duration.ofSeconds(3))
					.build());
				assertThat(bridge.isReady()).as("not started: no broker was contacted").isFalse();
			});
	}

	@Test
	void ordersItselfAfterTheFoundationAndBeforeTheServicesWhateverTheDeclaredOrder() {
		this.runner.run((context) -> assertThat(List.of(context.getBeanDefinitionNames())).containsSubsequence(
				PuristaFoundationAutoConfiguration.class.getName(), PuristaRedisQueueAutoConfiguration.class.getName(),
				PuristaAutoConfiguration.class.getName()));
	}

	@Test
	void withoutPropertiesTheBridgeGetsTypeScriptPuristasDefaults() {
		this.runner.withPropertyValues("purista.queue-bridge.type=redis")
			.run((context) -> assertThat(context.getBean(RedisQueueBridge.class).options())
				.isEqualTo(RedisQueueBridgeOptions.defaults()));
	}

	@Test
	void withoutPropertiesJobsAreLeasedForThirtySecondsSoADeadWorkersJobsAreLeasedAgainWithinAMinute() {
		this.runner.withPropertyValues("purista.queue-bridge.type=redis")
			.run((context) -> assertThat(context.getBean(RedisQueueBridge.class).options().defaultLeaseTtl())
				.isEqualTo(Duration.ofSeconds(30))
				.isLessThanOrEqualTo(Duration.ofSeconds(60)));
	}

	@Test
	void customizersAdjustTheOptionsAfterThePropertiesInOrder() {
		this.runner
			.withPropertyValues("purista.queue-bridge.type=redis", "purista.redis.queue.key-prefix=from:properties:",
					"purista.redis.queue.default-max-attempts=4")
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> {
				RedisQueueBridgeOptions options = context.getBean(RedisQueueBridge.class).options();
				assertThat(options.keyPrefix()).isEqualTo("second:");
				assertThat(options.orphanCheckInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.defaultMaxAttempts()).as("what no customizer touched keeps the property")
					.isEqualTo(4);
			});
	}

	@Test
	void aUserQueueBridgeReplacesTheRedisOne() {
		this.runner.withPropertyValues("purista.queue-bridge.type=redis")
			.withBean("userQueueBridge", QueueBridge.class, InMemoryQueueBridge::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RedisQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge())
					.isSameAs(context.getBean("userQueueBridge"));
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
			.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
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

	/**
	 * PURISTA's connection lifecycle, kept from starting: the wiring is checked, no broker is contacted.
	 */
	@Configuration(proxyBeanMethods = false)
	static class UnconnectedConfiguration {

		@Bean
		PuristaConnections puristaConnections(ServiceEnvironment environment) {
			return new PuristaConnections(environment) {

				@Override
				public boolean isAutoStartup() {
					return false;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		// declared in the opposite of their order, so bean declaration order cannot pass the test
		@Bean
		@Order(2)
		RedisQueueBridgeOptionsCustomizer second() {
			return (builder) -> builder.keyPrefix("second:");
		}

		@Bean
		@Order(1)
		RedisQueueBridgeOptionsCustomizer first() {
			return (builder) -> builder.keyPrefix("first:").orphanCheckInterval(Duration.ofSeconds(2));
		}

	}

}
