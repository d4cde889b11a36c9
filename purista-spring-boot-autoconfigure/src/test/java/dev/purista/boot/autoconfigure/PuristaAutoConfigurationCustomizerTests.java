package dev.purista.boot.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.purista.core.bridge.memory.InMemoryEventBridge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryEventBridgeOptionsCustomizer} beans adjust the in-memory event bridge that
 * {@link PuristaAutoConfiguration} builds.
 */
class PuristaAutoConfigurationCustomizerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("purista.event-bridge.instance-id=from-properties",
				"purista.event-bridge.default-command-timeout=7s");

	@Test
	void customizersRunAfterThePropertiesInOrderAndTheLastWins() {
		this.runner.withUserConfiguration(CustomizersConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			InMemoryEventBridge bridge = context.getBean(InMemoryEventBridge.class);
			assertThat(bridge.instanceId()).isEqualTo("second");
			assertThat(bridge.isIsolating()).isFalse();
			assertThat(bridge.defaultCommandTimeout()).as("what no customizer touched keeps the property")
				.isEqualTo(Duration.ofSeconds(7));
		});
	}

	@Test
	void withoutCustomizersThePropertiesApply() {
		this.runner.run((context) -> {
			InMemoryEventBridge bridge = context.getBean(InMemoryEventBridge.class);
			assertThat(bridge.instanceId()).isEqualTo("from-properties");
			assertThat(bridge.isIsolating()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		// declared in the opposite of their order, so bean declaration order cannot pass the test
		@Bean
		@Order(2)
		InMemoryEventBridgeOptionsCustomizer second() {
			return (builder) -> builder.instanceId("second");
		}

		@Bean
		@Order(1)
		InMemoryEventBridgeOptionsCustomizer first() {
			return (builder) -> builder.instanceId("first").isolation(false);
		}

	}

}
