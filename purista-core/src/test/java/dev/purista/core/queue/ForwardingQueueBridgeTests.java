package dev.purista.core.queue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.purista.core.queue.memory.InMemoryQueueBridge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForwardingQueueBridge}: it offers exactly the optional roles of the bridge it forwards to.
 */
class ForwardingQueueBridgeTests {

	@Test
	void offersTheRolesOfItsDelegate() {
		InMemoryQueueBridge delegate = new InMemoryQueueBridge();
		ForwardingQueueBridge forwarding = new ForwardingQueueBridge(delegate);

		assertThat(forwarding.deadLetterAdministration()).containsSame(delegate);
		assertThat(forwarding.inspection()).containsSame(delegate);
		delegate.destroy();
	}

	@Test
	void offersNoRoleItsDelegateLacks() {
		ForwardingQueueBridge dataPlaneOnly = new ForwardingQueueBridge(new InMemoryQueueBridge()) {
			@Override
			public Optional<DeadLetterAdministration> deadLetterAdministration() {
				return Optional.empty();
			}

			@Override
			public Optional<QueueInspection> inspection() {
				return Optional.empty();
			}
		};
		ForwardingQueueBridge forwarding = new ForwardingQueueBridge(dataPlaneOnly);

		assertThat(forwarding.deadLetterAdministration()).isEmpty();
		assertThat(forwarding.inspection()).isEmpty();
	}

	@Test
	void deadLetterIsForwarded() {
		InMemoryQueueBridge delegate = new InMemoryQueueBridge();
		ForwardingQueueBridge forwarding = new ForwardingQueueBridge(delegate);
		forwarding.enqueue(EnqueueRequest.of("emails", "job"));
		QueueLease lease = forwarding.leaseNext("emails", Duration.ZERO);
		assertThat(lease).isNotNull();

		forwarding.deadLetter("emails", lease.leaseId(), DeadLetterRequest.because("bad"));
		assertThat(delegate.peekDeadLetter("emails.dead-letter", 0, 10)).singleElement()
			.satisfies((message) -> assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON, "bad"));
		assertThat(delegate.metrics("emails").inflight()).isZero();
		delegate.destroy();
	}

}
