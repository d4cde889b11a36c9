package dev.purista.core.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QueueCapabilities}.
 */
class QueueCapabilitiesTests {

	@Test
	void builderWithoutSettingsSupportsNothing() {
		QueueCapabilities none = QueueCapabilities.builder().build();
		assertThat(none.delayedDelivery()).isFalse();
		assertThat(none.fifoOrdering()).isFalse();
		assertThat(none.partitions()).isFalse();
		assertThat(none.priorities()).isFalse();
		assertThat(none.deadLetterNative()).isFalse();
		assertThat(none.exactlyOnce()).isFalse();
		assertThat(none.maxBatchSize()).isEqualTo(1);
		assertThat(none.defaultDeadLetterPrefix()).isEmpty();
		assertThat(none.defaultDeadLetterSuffix()).isEmpty();
		assertThat(none.deadLetterInspectable()).isFalse();
		assertThat(none.deadLetterInspectSupported()).isFalse();
		assertThat(none.deadLetterReplaySupported()).isFalse();
		assertThat(none.deadLetterPurgeSupported()).isFalse();
		assertThat(none.leaseInspectionSupported()).isFalse();
		assertThat(none.idempotencyEnforcement()).isFalse();
		assertThat(none.partitionOrdering()).isFalse();
		assertThat(none.providerManagedDelayedDelivery()).isFalse();
		assertThat(none.strictStartupValidation()).isFalse();
	}

	@Test
	void eachSetterSetsItsOwnCapability() {
		QueueCapabilities all = QueueCapabilities.builder()
			.delayedDelivery(true)
			.fifoOrdering(true)
			.partitions(true)
			.priorities(true)
			.deadLetterNative(true)
			.exactlyOnce(true)
			.maxBatchSize(10)
			.defaultDeadLetterPrefix("dlq.")
			.defaultDeadLetterSuffix(".dead")
			.deadLetterInspectable(true)
			.deadLetterInspectSupported(true)
			.deadLetterReplaySupported(true)
			.deadLetterPurgeSupported(true)
			.leaseInspectionSupported(true)
			.idempotencyEnforcement(true)
			.partitionOrdering(true)
			.providerManagedDelayedDelivery(true)
			.strictStartupValidation(true)
			.build();
		assertThat(all).hasToString("QueueCapabilities[delayedDelivery=true, fifoOrdering=true, partitions=true, "
				+ "priorities=true, deadLetterNative=true, exactlyOnce=true, maxBatchSize=10, "
				+ "defaultDeadLetterPrefix=dlq., defaultDeadLetterSuffix=.dead, deadLetterInspectable=true, "
				+ "deadLetterInspectSupported=true, deadLetterReplaySupported=true, deadLetterPurgeSupported=true, "
				+ "leaseInspectionSupported=true, idempotencyEnforcement=true, partitionOrdering=true, "
				+ "providerManagedDelayedDelivery=true, strictStartupValidation=true]");
		assertThat(all.deadLetterQueueName("emails")).isEqualTo("dlq.emails.dead");
	}

	@Test
	void equalWhenEveryValueIsEqual() {
		QueueCapabilities one = QueueCapabilities.builder().delayedDelivery(true).defaultDeadLetterSuffix(".dl").build();
		QueueCapabilities same = QueueCapabilities.builder().delayedDelivery(true).defaultDeadLetterSuffix(".dl").build();
		assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(one).isNotEqualTo(same.toBuilder().strictStartupValidation(true).build());
		assertThat(one).isNotEqualTo(same.toBuilder().defaultDeadLetterSuffix(".dead").build());
		assertThat(one).isNotEqualTo(same.toBuilder().maxBatchSize(2).build());
	}

	@Test
	void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
		QueueCapabilities original = QueueCapabilities.builder()
			.fifoOrdering(true)
			.maxBatchSize(5)
			.defaultDeadLetterPrefix("p-")
			.leaseInspectionSupported(true)
			.idempotencyEnforcement(true)
			.build();
		assertThat(original.toBuilder().build()).isEqualTo(original);
		QueueCapabilities advisory = original.toBuilder().idempotencyEnforcement(false).build();
		assertThat(advisory.idempotencyEnforcement()).isFalse();
		assertThat(advisory).isEqualTo(QueueCapabilities.builder()
			.fifoOrdering(true)
			.maxBatchSize(5)
			.defaultDeadLetterPrefix("p-")
			.leaseInspectionSupported(true)
			.build());
	}

	@Test
	void batchSizeBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> QueueCapabilities.builder().maxBatchSize(0))
			.withMessageContaining("maxBatchSize must be at least 1");
	}

}
