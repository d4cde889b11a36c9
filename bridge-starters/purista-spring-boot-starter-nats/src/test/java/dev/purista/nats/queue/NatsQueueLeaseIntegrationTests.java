package dev.purista.nats.queue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.nats.NatsTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases of {@link NatsQueueBridge} against JetStream's {@code ack_wait}: a lease longer than the consumer's
 * {@code ack_wait} is kept in progress, and the job of a worker that died (it never settles its message) is
 * redelivered by JetStream and leased with reason {@code lease_expired}, or dead-lettered when its attempts are
 * exhausted. The consumers here are created with an {@code ack_wait} of one second.
 */
class NatsQueueLeaseIntegrationTests {

	private static final Duration ACK_WAIT = Duration.ofSeconds(1);

	private static NatsTestSupport nats;

	private NatsQueueBridge first;

	private NatsQueueBridge second;

	private String queue = "";

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@BeforeEach
	void startBridges() {
		this.queue = "lease-" + UUID.randomUUID().toString().substring(0, 8);
		this.first = bridge();
		this.second = bridge();
	}

	@AfterEach
	void destroyBridges() {
		this.first.destroy();
		this.second.destroy();
	}

	@Test
	void leaseLongerThanAckWaitIsKeptInProgressAndNotDeliveredElsewhere() {
		this.first.enqueue(EnqueueRequest.of(this.queue, "job").withLeaseTtlMs(30_000L));
		QueueLease lease = this.first.leaseNext(this.queue, Duration.ofSeconds(10));
		assertThat(lease).isNotNull();

		assertThat(this.second.leaseNext(this.queue, ACK_WAIT.multipliedBy(3)))
			.as("JetStream does not redeliver a job whose lease is still running").isNull();
		this.first.ack(this.queue, lease.leaseId());
		assertThat(this.first.metrics(this.queue).inflight()).isZero();
		assertThat(this.first.metrics(this.queue).pending()).isZero();
	}

	@Test
	void jobOfAWorkerThatDiedIsRedeliveredAfterAckWaitWithLeaseExpired() throws Exception {
		EnqueueResult result = this.first.enqueue(EnqueueRequest.of(this.queue, "job").withMaxAttempts(3));
		Message takenByDeadWorker = fetchWithoutSettling();
		assertThat(takenByDeadWorker).isNotNull();

		QueueLease lease = this.second.leaseNext(this.queue, Duration.ofSeconds(10));
		assertThat(lease).isNotNull();
		assertThat(lease.id()).isEqualTo(result.jobId());
		assertThat(lease.message().attempt()).isEqualTo(2);
		assertThat(lease.message().headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON,
				QueueHeaders.REASON_LEASE_EXPIRED);
		this.second.ack(this.queue, lease.leaseId());
	}

	@Test
	void exhaustedJobOfAWorkerThatDiedIsDeadLetteredWithLeaseExpired() throws Exception {
		EnqueueResult result = this.first.enqueue(EnqueueRequest.of(this.queue, "job").withMaxAttempts(1));
		assertThat(fetchWithoutSettling()).isNotNull();

		assertThat(this.second.leaseNext(this.queue, ACK_WAIT.multipliedBy(3))).isNull();
		List<QueueMessage> deadLetters = this.second.peekDeadLetter(this.queue + NatsQueueNames.DEAD_LETTER_SUFFIX, 0,
				10);
		assertThat(deadLetters).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo(result.jobId());
			assertThat(message.attempt()).isEqualTo(1);
			assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON,
					QueueHeaders.REASON_LEASE_EXPIRED);
		});
		assertThat(this.second.metrics(this.queue).pending()).isZero();
		assertThat(this.second.metrics(this.queue).inflight()).isZero();
	}

	private Message fetchWithoutSettling() throws Exception {
		try (Connection deadWorker = nats.connect()) {
			NatsQueueNames names = this.first.names();
			List<Message> fetched = deadWorker.jetStream()
				.subscribe(names.pendingSubject(this.queue),
						PullSubscribeOptions.bind(names.pendingStream(this.queue), names.pendingConsumer(this.queue)))
				.fetch(1, Duration.ofSeconds(10));
			return fetched.isEmpty() ? null : fetched.get(0);
		}
	}

	private NatsQueueBridge bridge() {
		NatsQueueBridge bridge = new NatsQueueBridge(nats.options(), new MessageCodec(),
				NatsQueueBridgeOptions.builder().defaultLeaseTtl(ACK_WAIT).build());
		bridge.start();
		return bridge;
	}

}
