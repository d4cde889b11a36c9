package dev.purista.core.service;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.purista.core.queue.QueueLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class QueueWorkerDefinitionTests {

	private static final QueueWorkerFunction<Object, Object> HANDLER = (payload, parameter, context) -> null;

	@Test
	void builderStartsFromPuristasDefaults() {
		QueueWorkerDefinition definition = QueueWorkerDefinition.builder("emails", "send").handler(HANDLER).build();

		assertThat(definition.queueName()).isEqualTo("emails");
		assertThat(definition.name()).isEqualTo("send");
		assertThat(definition.payloadType()).isEqualTo(Object.class);
		assertThat(definition.parameterType()).isEqualTo(Object.class);
		assertThat(definition.maxParallelHandlers()).isOne();
		assertThat(definition.lifecycle()).isEqualTo(QueueLifecycle.defaults());
		assertThat(definition.strictIdempotency()).isFalse();
		assertThat(definition.requireDeadLetter()).isTrue();
		assertThat(definition.emits()).isEmpty();
		assertThat(definition.handler()).isSameAs(HANDLER);
	}

	@Test
	void strictIdempotencyLandsOnStrictIdempotencyOnly() {
		QueueWorkerDefinition definition = builder().strictIdempotency(true).build();

		assertThat(definition.strictIdempotency()).isTrue();
		assertThat(definition.requireDeadLetter()).isTrue();
	}

	@Test
	void requireDeadLetterLandsOnRequireDeadLetterOnly() {
		QueueWorkerDefinition definition = builder().requireDeadLetter(false).build();

		assertThat(definition.requireDeadLetter()).isFalse();
		assertThat(definition.strictIdempotency()).isFalse();
	}

	@Test
	void eachSettingLandsOnItsOwnAccessor() {
		QueueLifecycle lifecycle = QueueLifecycle.defaults().withMaxAttempts(3);
		QueueWorkerDefinition definition = builder().payloadType(String.class)
			.parameterType(Integer.class)
			.maxParallelHandlers(4)
			.lifecycle(lifecycle)
			.emits(Map.of("sent", Long.class))
			.build();

		assertThat(definition.payloadType()).isEqualTo(String.class);
		assertThat(definition.parameterType()).isEqualTo(Integer.class);
		assertThat(definition.maxParallelHandlers()).isEqualTo(4);
		assertThat(definition.lifecycle()).isEqualTo(lifecycle);
		assertThat(definition.emits()).containsExactly(Map.entry("sent", Long.class));
	}

	@Test
	void toBuilderCopiesEachFlagToItsOwnSetter() {
		assertThat(List.of(builder().build(), builder().strictIdempotency(true).build(),
				builder().requireDeadLetter(false).build(), builder().maxParallelHandlers(2).build()))
			.allSatisfy((definition) -> assertThat(definition.toBuilder().build()).isEqualTo(definition));
	}

	@Test
	void maxParallelHandlersBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().maxParallelHandlers(0).build())
			.withMessage("maxParallelHandlers of worker 'send' must be at least 1");
	}

	@Test
	void handlerIsRequired() {
		assertThatNullPointerException().isThrownBy(() -> QueueWorkerDefinition.builder("emails", "send").build())
			.withMessage("handler of worker 'send' must be set");
	}

	private static QueueWorkerDefinition.Builder builder() {
		return QueueWorkerDefinition.builder("emails", "send").handler(HANDLER);
	}

}
