package dev.purista.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventHub;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.validation.JsonSchemas;
import dev.purista.core.validation.PayloadValidator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two steps of PURISTA's auto-configuration: the foundation a bridge starter builds on, and the services
 * and fallbacks that come after the starters.
 */
class PuristaFoundationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class));

	@Test
	void foundationProvidesCodecValidatorSchemasAndPropertiesButNoBridgesOrServices() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(MessageCodec.class)
			.hasSingleBean(PayloadValidator.class)
			.hasSingleBean(JsonSchemas.class)
			.hasSingleBean(PuristaProperties.class)
			.doesNotHaveBean(EventBridge.class)
			.doesNotHaveBean(ServiceEnvironment.class)
			.doesNotHaveBean(PuristaServices.class));
	}

	@Test
	void aUserCodecReplacesTheFoundationsAndReachesTheServices() {
		MessageCodec codec = new MessageCodec();
		this.runner.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class))
			.withBean(MessageCodec.class, () -> codec)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MessageCodec.class);
				assertThat(context.getBean(ServiceEnvironment.class).codec()).isSameAs(codec);
			});
	}

	@ParameterizedTest(name = "declared as {0}")
	@MethodSource("declaredOrders")
	void aStarterOrderedBetweenTheStepsSeesTheFoundationAndTakesThePlaceOfTheFallback(List<Class<?>> declared) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(declared.toArray(Class<?>[]::new)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).as("the starter's @ConditionalOnBean(MessageCodec.class) matched")
					.hasBean("starterEventBridge");
				assertThat(context.getBean(ServiceEnvironment.class).eventBridge().instanceId())
					.as("the services use the starter's bridge, not the in-memory fallback")
					.isEqualTo(StarterLikeAutoConfiguration.INSTANCE_ID);
			});
	}

	static Stream<List<Class<?>>> declaredOrders() {
		return permutations(List.of(PuristaAutoConfiguration.class, StarterLikeAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class));
	}

	private static Stream<List<Class<?>>> permutations(List<Class<?>> classes) {
		if (classes.size() <= 1) {
			return Stream.of(classes);
		}
		return classes.stream().flatMap((first) -> {
			List<Class<?>> rest = new ArrayList<>(classes);
			rest.remove(first);
			return permutations(rest).map((tail) -> {
				List<Class<?>> permutation = new ArrayList<>();
				permutation.add(first);
				permutation.addAll(tail);
				return permutation;
			});
		});
	}

	/**
	 * What a bridge starter looks like: after the foundation, before the services, and conditional on a
	 * foundation bean.
	 */
	@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class)
	static final class StarterLikeAutoConfiguration {

		static final String INSTANCE_ID = "starter-bridge";

		@Bean
		@ConditionalOnBean(MessageCodec.class)
		@ConditionalOnMissingBean(EventBridge.class)
		EventBridge starterEventBridge(MessageCodec codec) {
			return new InMemoryEventBridge(new InMemoryEventHub(),
					InMemoryEventBridgeOptions.builder().instanceId(INSTANCE_ID).build(), codec);
		}

	}

}
