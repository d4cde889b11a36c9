package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.SubscriptionFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SubscriptionDefinitionTests {

	private static final SubscriptionFunction<Object> HANDLER = (payload, context) -> null;

	@Test
	void builderStartsFromPuristasDefaults() {
		SubscriptionDefinition definition = SubscriptionDefinition.builder("onTick").handler(HANDLER).build();

		assertThat(definition.name()).isEqualTo("onTick");
		assertThat(definition.description()).isEmpty();
		assertThat(definition.filter()).isEqualTo(SubscriptionFilter.ANY);
		assertThat(definition.payloadType()).isEqualTo(Object.class);
		assertThat(definition.everyInstance()).isFalse();
		assertThat(definition.durable()).isFalse();
		assertThat(definition.maxAttempts()).isOne();
		assertThat(definition.retryDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(definition.deadLetterTarget()).isNull();
		assertThat(definition.outputEventName()).isNull();
		assertThat(definition.outputType()).isEqualTo(Object.class);
		assertThat(definition.emits()).isEmpty();
		assertThat(definition.handler()).isSameAs(HANDLER);
	}

	@Test
	void everyInstanceLandsOnEveryInstanceOnly() {
		SubscriptionDefinition definition = builder().everyInstance(true).build();

		assertThat(definition.everyInstance()).isTrue();
		assertThat(definition.durable()).isFalse();
	}

	@Test
	void durableLandsOnDurableOnly() {
		SubscriptionDefinition definition = builder().durable(true).build();

		assertThat(definition.durable()).isTrue();
		assertThat(definition.everyInstance()).isFalse();
	}

	@Test
	void eachSettingLandsOnItsOwnAccessor() {
		SubscriptionDefinition definition = builder().description("audit")
			.filter(SubscriptionFilter.event("tick"))
			.payloadType(String.class)
			.maxAttempts(3)
			.retryDelay(Duration.ofMillis(20))
			.deadLetterTarget("dlq")
			.outputEventName("ticked")
			.outputType(Integer.class)
			.emits(Map.of("tock", Long.class))
			.build();

		assertThat(definition.description()).isEqualTo("audit");
		assertThat(definition.filter()).isEqualTo(SubscriptionFilter.event("tick"));
		assertThat(definition.payloadType()).isEqualTo(String.class);
		assertThat(definition.maxAttempts()).isEqualTo(3);
		assertThat(definition.retryDelay()).isEqualTo(Duration.ofMillis(20));
		assertThat(definition.deadLetterTarget()).isEqualTo("dlq");
		assertThat(definition.outputEventName()).isEqualTo("ticked");
		assertThat(definition.outputType()).isEqualTo(Integer.class);
		assertThat(definition.emits()).containsExactly(Map.entry("tock", Long.class));
	}

	@Test
	void toBuilderCopiesEachFlagToItsOwnSetter() {
		assertThat(List.of(builder().build(), builder().everyInstance(true).build(), builder().durable(true).build(),
				builder().maxAttempts(4).deadLetterTarget("dlq").outputEventName("ticked").build()))
			.allSatisfy((definition) -> assertThat(definition.toBuilder().build()).isEqualTo(definition));
	}

	@Test
	void maxAttemptsBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().maxAttempts(0).build())
			.withMessage("maxAttempts of subscription 'onTick' must be at least 1");
	}

	@Test
	void handlerIsRequired() {
		assertThatNullPointerException().isThrownBy(() -> SubscriptionDefinition.builder("onTick").build())
			.withMessage("handler of subscription 'onTick' must be set");
	}

	@Test
	void emitsAreCopied() {
		Map<String, Type> emits = new HashMap<>(Map.of("tock", Long.class));
		SubscriptionDefinition definition = builder().emits(emits).build();
		emits.clear();

		assertThat(definition.emits()).containsOnlyKeys("tock");
	}

	private static SubscriptionDefinition.Builder builder() {
		return SubscriptionDefinition.builder("onTick").handler(HANDLER);
	}

}
