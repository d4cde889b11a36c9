package dev.purista.test.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.error.PuristaException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.DeadLetterAdministration;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.QueueMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link QueueBridge} must pass. Extend it, return a fresh bridge from
 * {@link #createBridge()} and the suite runs against it; the in-memory bridge passes it first.
 * <p>
 * What the suite states:
 * <ul>
 * <li>Enqueued jobs are leased with every field kept, {@code attempt} incremented per lease, and removed by
 * {@code ack}.</li>
 * <li>Due jobs are leased in enqueue order; a delayed job is never leased before its {@code scheduledAt}.</li>
 * <li>{@code nack} reschedules after its delay with header {@value QueueHeaders#LAST_RETRY_REASON}, or
 * dead-letters into {@link QueueCapabilities#deadLetterQueueName(String)} with header
 * {@value QueueHeaders#DEAD_LETTER_REASON} when {@code attempt >= maxAttempts}.</li>
 * <li>An expired lease is recovered (leased again with the next attempt, reason {@code lease_expired}), or
 * dead-lettered with reason {@code lease_expired} when attempts are exhausted; {@code extendLease} prevents
 * recovery; a stale lease's {@code ack} is ignored.</li>
 * <li>{@code release} makes a job due at once and never dead-letters it.</li>
 * <li>{@code deadLetter} moves the leased job (attempt kept, reason and last retry reason as headers) into the
 * default or a named dead-letter queue and ends the lease in the same step: the job is not leased again, and
 * the lease then behaves as an acked one.</li>
 * <li>{@code leaseNext} blocks up to its wait time, returns {@code null} when nothing became due, does not
 * wait with {@link Duration#ZERO}, and wakes up when a job is enqueued or a delayed job becomes due.</li>
 * <li>Idempotency keys (when {@link QueueCapabilities#idempotencyEnforcement()}), dead-letter inspection,
 * replay and purge, lease inspection: each when the capability says so; the capability flags agree with the
 * optional roles the bridge offers ({@link QueueBridge#deadLetterAdministration()},
 * {@link QueueBridge#inspection()}).</li>
 * <li>Metrics, payload isolation (a producer's later changes do not reach the job) and many concurrent
 * producers and consumers (every job acked exactly once).</li>
 * </ul>
 * Tests that read metrics or dead letters use the bridge's {@link QueueInspection} and
 * {@link DeadLetterAdministration}, and are skipped for a bridge that does not offer them.
 * Every test uses its own queue name, so bridges backed by a shared broker need no cleanup between tests.
 * Leases are short (a few hundred milliseconds); the suite waits with the bridge's own blocking
 * {@code leaseNext} or with Awaitility, never by sleeping.
 */
public abstract class AbstractQueueBridgeTests {

	/** How long tests wait for something that should happen promptly. */
	protected static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final Duration SHORT_LEASE = Duration.ofMillis(300);

	private final MessageCodec codec = new MessageCodec();

	private @Nullable QueueBridge bridge;

	private String queue = "";

	/**
	 * Create the bridge under test. Called before every test; the suite starts it.
	 * @return a new bridge
	 */
	protected abstract QueueBridge createBridge();

	/**
	 * Release the bridge after a test. Calls {@link QueueBridge#destroy()} by default.
	 * @param bridge the bridge of the finished test
	 */
	protected void destroyBridge(QueueBridge bridge) {
		bridge.destroy();
	}

	/**
	 * The bridge of the running test.
	 * @return the bridge
	 */
	protected final QueueBridge bridge() {
		QueueBridge current = this.bridge;
		if (current == null) {
			throw new IllegalStateException("No bridge: createBridge() was not called yet");
		}
		return current;
	}

	/**
	 * The queue of the running test, unique per test.
	 * @return the queue name
	 */
	protected final String queue() {
		return this.queue;
	}

	@BeforeEach
	void createAndStartBridge() {
		this.queue = "contract-" + UUID.randomUUID().toString().substring(0, 8);
		QueueBridge created = createBridge();
		this.bridge = created;
		created.start();
	}

	@AfterEach
	void destroyBridgeAfterTest() {
		QueueBridge current = this.bridge;
		if (current != null) {
			this.bridge = null;
			destroyBridge(current);
		}
	}

	@Test
	void startedBridgeIsReadyAndHealthy() {
		assertThat(bridge().isReady()).isTrue();
		assertThat(bridge().isHealthy()).isTrue();
		assertThat(bridge().name()).isNotBlank();
		assertThat(bridge().instanceId()).isNotBlank();
	}

	@Test
	void enqueuedJobIsLeasedWithAllFieldsAndAttemptOneThenRemovedByAck() {
		long before = System.currentTimeMillis();
		EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), Map.of("to", "a@b.co"))
			.withParameter(Map.of("locale", "de"))
			.withHeaders(Map.of(QueueHeaders.TENANT_ID, "t-1"))
			.withMaxAttempts(3)
			.withLeaseTtlMs(30_000L)
			.withTrace("trace-1", "span-1", "correlation-1")
			.withIdempotencyKey("k-1"));
		long after = System.currentTimeMillis();

		assertThat(result.queueName()).isEqualTo(queue());
		assertThat(result.jobId()).isNotBlank();
		assertThat(result.scheduledAt()).isBetween(before, after);

		QueueLease lease = leaseNext();
		assertThat(lease.id()).isEqualTo(result.jobId());
		assertThat(lease.queueName()).isEqualTo(queue());
		assertThat(lease.leaseId()).isNotBlank().isNotEqualTo(result.jobId());
		assertThat(lease.leaseExpiresAt()).isEqualTo(lease.leasedAt() + 30_000);
		QueueMessage message = lease.message();
		assertThat(message.id()).isEqualTo(result.jobId());
		assertThat(message.queueName()).isEqualTo(queue());
		assertThat(json(message.payload())).isEqualTo(json(Map.of("to", "a@b.co")));
		assertThat(json(message.parameter())).isEqualTo(json(Map.of("locale", "de")));
		assertThat(message.headers()).containsEntry(QueueHeaders.TENANT_ID, "t-1");
		assertThat(message.attempt()).isEqualTo(1);
		assertThat(message.maxAttempts()).isEqualTo(3);
		assertThat(message.leaseTtlMs()).isEqualTo(30_000);
		assertThat(message.leaseExpiresAt()).isEqualTo(lease.leaseExpiresAt());
		assertThat(message.createdAt()).isBetween(before, after);
		assertThat(message.scheduledAt()).isEqualTo(result.scheduledAt());
		assertThat(message.traceId()).isEqualTo("trace-1");
		assertThat(message.parentSpanId()).isEqualTo("span-1");
		assertThat(message.correlationId()).isEqualTo("correlation-1");
		assertThat(message.idempotencyKey()).isEqualTo("k-1");

		bridge().ack(queue(), lease.leaseId());
		assertThat(bridge().leaseNext(queue(), Duration.ZERO)).isNull();
		assertThat(metrics(queue())).satisfies((metrics) -> {
			assertThat(metrics.pending()).isZero();
			assertThat(metrics.inflight()).isZero();
			assertThat(metrics.deadLetter()).isZero();
		});
	}

	@Test
	void dueJobsAreLeasedInEnqueueOrder() {
		List<String> enqueued = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			enqueued.add(bridge().enqueue(EnqueueRequest.of(queue(), Map.of("n", i))).jobId());
		}
		List<String> leased = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			QueueLease lease = leaseNext();
			leased.add(lease.id());
			bridge().ack(queue(), lease.leaseId());
		}
		assertThat(leased).containsExactlyElementsOf(enqueued);
	}

	@Test
	void delayedJobIsNotLeasedBeforeItIsDueWhileLaterDueJobsAre() {
		long due = System.currentTimeMillis() + 1000;
		EnqueueResult delayed = bridge().enqueue(EnqueueRequest.of(queue(), "later").withScheduledAt(due));
		EnqueueResult immediate = bridge().enqueue(EnqueueRequest.of(queue(), "now"));
		assertThat(delayed.scheduledAt()).isEqualTo(due);

		QueueLease first = leaseNext();
		assertThat(first.id()).isEqualTo(immediate.jobId());
		bridge().ack(queue(), first.leaseId());

		QueueLease early = bridge().leaseNext(queue(), Duration.ZERO);
		assertThat(early == null || early.leasedAt() >= due).as("a delayed job is not leased before it is due")
			.isTrue();

		QueueLease late = (early != null) ? early : leaseNext();
		assertThat(late.id()).isEqualTo(delayed.jobId());
		assertThat(late.leasedAt()).isGreaterThanOrEqualTo(due);
		assertThat(late.message().scheduledAt()).isEqualTo(due);
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(due);
	}

	@Test
	void attemptIncrementsWithEveryLease() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job").withMaxAttempts(5));
		for (int attempt = 1; attempt <= 3; attempt++) {
			QueueLease lease = leaseNext();
			assertThat(lease.message().attempt()).isEqualTo(attempt);
			bridge().nack(queue(), lease.leaseId(), null, Duration.ZERO);
		}
	}

	@Test
	void nackWithDelayReschedulesJobWithRetryReason() {
		EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), "job").withMaxAttempts(5));
		QueueLease first = leaseNext();
		long nackedAt = System.currentTimeMillis();
		bridge().nack(queue(), first.leaseId(), "busy", Duration.ofMillis(500));

		QueueLease again = leaseNext();
		assertThat(again.id()).isEqualTo(result.jobId());
		assertThat(again.message().attempt()).isEqualTo(2);
		assertThat(again.message().scheduledAt()).isGreaterThanOrEqualTo(nackedAt + 500);
		assertThat(again.leasedAt()).isGreaterThanOrEqualTo(nackedAt + 500);
		assertThat(again.message().headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON, "busy");
		assertThat(metrics(queue()).deadLetter()).isZero();
	}

	@Test
	void nackDeadLettersJobWhenAttemptsAreExhausted() {
		EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), "job").withMaxAttempts(2));
		bridge().nack(queue(), leaseNext().leaseId(), "first", Duration.ZERO);
		QueueLease second = leaseNext();
		assertThat(second.message().attempt()).isEqualTo(2);
		bridge().nack(queue(), second.leaseId(), "second", Duration.ZERO);

		assertThat(bridge().leaseNext(queue(), Duration.ZERO)).isNull();
		List<QueueMessage> deadLetters = deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10);
		assertThat(deadLetters).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo(result.jobId());
			assertThat(message.attempt()).isEqualTo(2);
			assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON, "second")
				.containsEntry(QueueHeaders.LAST_RETRY_REASON, "second");
		});
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.deadLetter()).isEqualTo(1);
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.inflight()).isZero();
	}

	@Test
	void nackWithoutReasonDeadLettersWithMaxAttemptsExceeded() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job").withMaxAttempts(1));
		bridge().nack(queue(), leaseNext().leaseId(), null, Duration.ZERO);

		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).singleElement()
			.satisfies((message) -> assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON,
					QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED));
	}

	@Test
	void expiredLeaseIsRecoveredAndLeasedAgainWithNextAttempt() {
		EnqueueResult result = bridge().enqueue(
				EnqueueRequest.of(queue(), "job").withMaxAttempts(3).withLeaseTtlMs(SHORT_LEASE.toMillis()));
		QueueLease first = leaseNext();

		QueueLease second = leaseNext();
		assertThat(second.id()).isEqualTo(result.jobId());
		assertThat(second.leaseId()).isNotEqualTo(first.leaseId());
		assertThat(second.message().attempt()).isEqualTo(2);
		assertThat(second.leasedAt()).isGreaterThanOrEqualTo(first.leaseExpiresAt());
		assertThat(second.message().headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON,
				QueueHeaders.REASON_LEASE_EXPIRED);

		bridge().ack(queue(), first.leaseId());
		assertThat(metrics(queue()).inflight()).as("the stale lease's ack is ignored").isEqualTo(1);
		bridge().ack(queue(), second.leaseId());
		assertThat(metrics(queue()).inflight()).isZero();
	}

	@Test
	void expiredLeaseOfExhaustedJobIsDeadLetteredWithLeaseExpired() {
		EnqueueResult result = bridge().enqueue(
				EnqueueRequest.of(queue(), "job").withMaxAttempts(1).withLeaseTtlMs(SHORT_LEASE.toMillis()));
		leaseNext();

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(bridge().leaseNext(queue(), Duration.ofMillis(50))).isNull();
			assertThat(metrics(queue()).deadLetter()).isEqualTo(1);
		});
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo(result.jobId());
			assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON,
					QueueHeaders.REASON_LEASE_EXPIRED);
		});
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.inflight()).isZero();
	}

	@Test
	void extendedLeaseIsNotRecovered() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job").withLeaseTtlMs(SHORT_LEASE.toMillis()));
		QueueLease lease = leaseNext();
		bridge().extendLease(queue(), lease.leaseId(), PATIENCE);

		assertThat(bridge().leaseNext(queue(), SHORT_LEASE.multipliedBy(3))).isNull();
		bridge().ack(queue(), lease.leaseId());
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.inflight()).isZero();
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.deadLetter()).isZero();
	}

	@Test
	void extendingUnknownLeaseFails() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job"));
		QueueLease lease = leaseNext();
		bridge().ack(queue(), lease.leaseId());

		assertThatExceptionOfType(PuristaException.class)
			.isThrownBy(() -> bridge().extendLease(queue(), lease.leaseId(), PATIENCE));
	}

	@Test
	void releasedJobIsDueAtOnceAndNeverDeadLettered() {
		EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), "job").withMaxAttempts(1));
		QueueLease first = leaseNext();
		bridge().release(queue(), first.leaseId());

		QueueLease again = leaseNext();
		assertThat(again.id()).isEqualTo(result.jobId());
		assertThat(again.message().attempt()).as("attempt counts leases").isEqualTo(2);
		assertThat(metrics(queue()).deadLetter()).isZero();
		bridge().ack(queue(), again.leaseId());
	}

	@Test
	void repeatedIdempotencyKeyReturnsFirstJobAndStoresNothing() {
		assumeTrue(bridge().capabilities().idempotencyEnforcement(), "bridge does not enforce idempotency keys");
		EnqueueResult first = bridge().enqueue(EnqueueRequest.of(queue(), Map.of("n", 1)).withIdempotencyKey("k"));
		EnqueueResult second = bridge().enqueue(EnqueueRequest.of(queue(), Map.of("n", 2)).withIdempotencyKey("k"));
		EnqueueResult otherQueue = bridge()
			.enqueue(EnqueueRequest.of(queue() + "-other", Map.of("n", 3)).withIdempotencyKey("k"));

		assertThat(second).isEqualTo(first);
		assertThat(otherQueue.jobId()).isNotEqualTo(first.jobId());
		assertThat(metrics(queue()).pending()).isEqualTo(1);
		QueueLease lease = leaseNext();
		assertThat(lease.id()).isEqualTo(first.jobId());
		assertThat(json(lease.message().payload())).isEqualTo(json(Map.of("n", 1)));
		bridge().ack(queue(), lease.leaseId());

		EnqueueResult afterAck = bridge()
			.enqueue(EnqueueRequest.of(queue(), Map.of("n", 4)).withIdempotencyKey("k"));
		assertThat(afterAck).isEqualTo(first);
		assertThat(bridge().leaseNext(queue(), Duration.ZERO)).isNull();
	}

	@Test
	void deadLettersCanBePeekedRedrivenAndPurged() {
		QueueCapabilities capabilities = bridge().capabilities();
		assumeTrue(capabilities.deadLetterInspectSupported() && capabilities.deadLetterReplaySupported()
				&& capabilities.deadLetterPurgeSupported(), "bridge cannot inspect, replay and purge dead letters");
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			ids.add(bridge().enqueue(EnqueueRequest.of(queue(), Map.of("n", i))).jobId());
		}
		for (int i = 1; i <= 3; i++) {
			QueueLease lease = leaseNext();
			bridge().deadLetter(queue(), lease.leaseId(), DeadLetterRequest.because("bad-" + i));
		}

		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).extracting(QueueMessage::id)
			.containsExactlyElementsOf(ids);
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10))
			.extracting((message) -> message.headers().get(QueueHeaders.DEAD_LETTER_REASON))
			.containsExactly("bad-1", "bad-2", "bad-3");
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 1, 1)).extracting(QueueMessage::id)
			.containsExactly(ids.get(1));
		assertThat(metrics(queue()).deadLetter()).isEqualTo(3);

		assertThat(deadLetterAdministration().redriveDeadLetter(deadLetterQueue(), 2)).isEqualTo(2);
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).extracting(QueueMessage::id)
			.containsExactly(ids.get(2));
		QueueLease redrivenA = leaseNext();
		QueueLease redrivenB = leaseNext();
		assertThat(List.of(redrivenA.id(), redrivenB.id())).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
		assertThat(json(redrivenA.message().payload())).isNotNull();
		bridge().ack(queue(), redrivenA.leaseId());
		bridge().ack(queue(), redrivenB.leaseId());

		assertThat(deadLetterAdministration().purgeDeadLetter(deadLetterQueue())).isEqualTo(1);
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).isEmpty();
		assertThat(metrics(queue()).deadLetter()).isZero();
	}

	@Test
	void deadLetterMovesTheLeasedJobWithItsReasonAndEndsTheLease() {
		EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), Map.of("to", "a@b.co"))
			.withHeaders(Map.of(QueueHeaders.TENANT_ID, "t-1"))
			.withMaxAttempts(5)
			.withLeaseTtlMs(SHORT_LEASE.toMillis()));
		QueueLease lease = leaseNext();
		bridge().deadLetter(queue(), lease.leaseId(),
				DeadLetterRequest.because(QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED).withLastRetryReason("smtp down"));

		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).singleElement()
			.satisfies((message) -> {
				assertThat(message.id()).isEqualTo(result.jobId());
				assertThat(message.queueName()).isEqualTo(queue());
				assertThat(message.attempt()).as("attempt as leased").isEqualTo(1);
				assertThat(message.leaseExpiresAt()).isZero();
				assertThat(json(message.payload())).isEqualTo(json(Map.of("to", "a@b.co")));
				assertThat(message.headers())
					.containsEntry(QueueHeaders.DEAD_LETTER_REASON, QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED)
					.containsEntry(QueueHeaders.LAST_RETRY_REASON, "smtp down")
					.containsEntry(QueueHeaders.TENANT_ID, "t-1");
			});
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.inflight()).as("the lease is gone").isZero();
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.deadLetter()).isEqualTo(1);
		assertThat(metrics.retries()).isZero();
		assertThat(bridge().leaseNext(queue(), SHORT_LEASE.multipliedBy(3)))
			.as("not leased again once the lease time has passed").isNull();
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).hasSize(1);
	}

	@Test
	void leaseOfADeadLetteredJobBehavesAsAnAckedOne() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job"));
		QueueLease lease = leaseNext();
		bridge().deadLetter(queue(), lease.leaseId(), DeadLetterRequest.because("bad"));

		assertThatExceptionOfType(PuristaException.class)
			.isThrownBy(() -> bridge().extendLease(queue(), lease.leaseId(), PATIENCE));
		bridge().ack(queue(), lease.leaseId());
		bridge().nack(queue(), lease.leaseId(), "again", Duration.ZERO);
		bridge().release(queue(), lease.leaseId());
		bridge().deadLetter(queue(), lease.leaseId(), DeadLetterRequest.because("twice"));
		assertThat(bridge().leaseNext(queue(), Duration.ZERO)).isNull();
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).singleElement()
			.satisfies((message) -> assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON,
					"bad"));
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.inflight()).isZero();
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.deadLetter()).isEqualTo(1);
	}

	@Test
	void deadLetterOfAnAckedLeaseIsIgnored() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job"));
		QueueLease lease = leaseNext();
		bridge().ack(queue(), lease.leaseId());
		bridge().deadLetter(queue(), lease.leaseId(), DeadLetterRequest.because("late"));

		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).isEmpty();
		assertThat(metrics(queue()).deadLetter()).isZero();
	}

	@Test
	void deadLetterGoesToANamedDeadLetterQueueWhenGiven() {
		String parked = queue() + "-parked";
		EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), "job"));
		QueueLease lease = leaseNext();
		bridge().deadLetter(queue(), lease.leaseId(), DeadLetterRequest.because("parked").into(parked));

		assertThat(deadLetterAdministration().peekDeadLetter(parked, 0, 10)).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo(result.jobId());
			assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON, "parked")
				.doesNotContainKey(QueueHeaders.LAST_RETRY_REASON);
		});
		assertThat(deadLetterAdministration().peekDeadLetter(deadLetterQueue(), 0, 10)).isEmpty();
		assertThat(metrics(queue()).inflight()).isZero();
		assertThat(deadLetterAdministration().purgeDeadLetter(parked)).isEqualTo(1);
	}

	@Test
	void capabilityFlagsAgreeWithTheRolesTheBridgeOffers() {
		QueueCapabilities capabilities = bridge().capabilities();
		boolean administers = capabilities.deadLetterInspectSupported() || capabilities.deadLetterReplaySupported()
				|| capabilities.deadLetterPurgeSupported();
		assertThat(bridge().deadLetterAdministration().isPresent())
			.as("deadLetterAdministration() is offered exactly when a dead-letter inspect, replay or purge flag is set")
			.isEqualTo(administers);
		if (capabilities.leaseInspectionSupported()) {
			assertThat(bridge().inspection()).as("leaseInspectionSupported needs inspection()").isPresent();
		}
		if (!capabilities.deadLetterInspectable()) {
			assertThat(capabilities.deadLetterInspectSupported())
				.as("dead letters that are not kept cannot be peeked").isFalse();
		}
	}

	@Test
	void activeLeasesCanBeInspected() {
		assumeTrue(bridge().capabilities().leaseInspectionSupported(), "bridge cannot inspect leases");
		bridge().enqueue(EnqueueRequest.of(queue(), "a"));
		bridge().enqueue(EnqueueRequest.of(queue(), "b"));
		QueueLease first = leaseNext();
		QueueLease second = leaseNext();

		assertThat(inspection().inspectLeases(queue(), 10)).extracting(QueueLease::leaseId)
			.containsExactlyInAnyOrder(first.leaseId(), second.leaseId());
		assertThat(inspection().inspectLeases(queue(), 1)).hasSize(1);
		bridge().ack(queue(), first.leaseId());
		assertThat(inspection().inspectLeases(queue(), 10)).extracting(QueueLease::leaseId)
			.containsExactly(second.leaseId());
	}

	@Test
	void metricsCountPendingInflightDeadLetteredAndRetriedJobs() {
		long before = System.currentTimeMillis();
		EnqueueResult a = bridge().enqueue(EnqueueRequest.of(queue(), "a"));
		EnqueueResult b = bridge().enqueue(EnqueueRequest.of(queue(), "b").withMaxAttempts(1));
		bridge().enqueue(EnqueueRequest.of(queue(), "c").withScheduledAt(before + 600_000));

		QueueMetrics initial = metrics(queue());
		assertThat(initial.pending()).as("due and delayed jobs are pending").isEqualTo(3);
		assertThat(initial.inflight()).isZero();
		assertThat(initial.deadLetter()).isZero();
		assertThat(initial.retries()).isZero();
		assertThat(initial.oldestAgeMs()).isNotNull().isBetween(0L, System.currentTimeMillis() - before);

		QueueLease leaseA = leaseNext();
		assertThat(leaseA.id()).isEqualTo(a.jobId());
		QueueMetrics leased = metrics(queue());
		assertThat(leased.pending()).isEqualTo(2);
		assertThat(leased.inflight()).isEqualTo(1);

		bridge().nack(queue(), leaseA.leaseId(), "again", Duration.ofMinutes(10));
		QueueMetrics retried = metrics(queue());
		assertThat(retried.pending()).isEqualTo(3);
		assertThat(retried.inflight()).isZero();
		assertThat(retried.retries()).isEqualTo(1);

		QueueLease leaseB = leaseNext();
		assertThat(leaseB.id()).isEqualTo(b.jobId());
		bridge().nack(queue(), leaseB.leaseId(), null, Duration.ZERO);
		QueueMetrics deadLettered = metrics(queue());
		assertThat(deadLettered.pending()).isEqualTo(2);
		assertThat(deadLettered.inflight()).isZero();
		assertThat(deadLettered.deadLetter()).isEqualTo(1);
		assertThat(deadLettered.retries()).isEqualTo(1);
	}

	@Test
	void metricsOfEmptyQueueAreZeroWithoutOldestAge() {
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.inflight()).isZero();
		assertThat(metrics.deadLetter()).isZero();
		assertThat(metrics.retries()).isZero();
		assertThat(metrics.oldestAgeMs()).isNull();
	}

	@Test
	void leaseNextWaitsAndReturnsNullWhenQueueStaysEmpty() {
		long started = System.nanoTime();
		assertThat(bridge().leaseNext(queue(), Duration.ofMillis(400))).isNull();
		long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(waitedMs).isGreaterThanOrEqualTo(350).isLessThan(PATIENCE.toMillis());
	}

	@Test
	void leaseNextWithZeroWaitReturnsAtOnce() {
		long started = System.nanoTime();
		assertThat(bridge().leaseNext(queue(), Duration.ZERO)).isNull();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
	}

	@Test
	void waitingLeaseNextWakesUpWhenJobIsEnqueued() throws Exception {
		ExecutorService consumer = Executors.newSingleThreadExecutor();
		try {
			AtomicReference<Thread> consumerThread = new AtomicReference<>();
			Future<@Nullable QueueLease> waiting = consumer.submit(() -> {
				consumerThread.set(Thread.currentThread());
				return bridge().leaseNext(queue(), PATIENCE.multipliedBy(3));
			});
			awaitBlocked(consumerThread);

			EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), "wake up"));
			QueueLease lease = waiting.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(lease).isNotNull();
			assertThat(lease.id()).isEqualTo(result.jobId());
		}
		finally {
			consumer.shutdownNow();
		}
	}

	@Test
	void waitingLeaseNextWakesUpWhenDelayedJobBecomesDue() throws Exception {
		ExecutorService consumer = Executors.newSingleThreadExecutor();
		try {
			AtomicReference<Thread> consumerThread = new AtomicReference<>();
			Future<@Nullable QueueLease> waiting = consumer.submit(() -> {
				consumerThread.set(Thread.currentThread());
				return bridge().leaseNext(queue(), PATIENCE.multipliedBy(3));
			});
			awaitBlocked(consumerThread);

			long due = System.currentTimeMillis() + 300;
			EnqueueResult result = bridge().enqueue(EnqueueRequest.of(queue(), "soon").withScheduledAt(due));
			QueueLease lease = waiting.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(lease).isNotNull();
			assertThat(lease.id()).isEqualTo(result.jobId());
			assertThat(lease.leasedAt()).isGreaterThanOrEqualTo(due);
		}
		finally {
			consumer.shutdownNow();
		}
	}

	@Test
	void manyConcurrentProducersAndConsumersAckEveryJobExactlyOnce() throws Exception {
		int producers = 8;
		int jobsPerProducer = 500;
		int consumers = 4;
		int total = producers * jobsPerProducer;
		Set<String> enqueued = ConcurrentHashMap.newKeySet();
		Map<String, AtomicInteger> acked = new ConcurrentHashMap<>();
		AtomicInteger ackCount = new AtomicInteger();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
		try {
			for (int p = 0; p < producers; p++) {
				int producer = p;
				pool.execute(() -> guard(failure, () -> {
					go.await();
					for (int n = 0; n < jobsPerProducer; n++) {
						enqueued.add(bridge().enqueue(EnqueueRequest.of(queue(), Map.of("p", producer, "n", n)))
							.jobId());
					}
				}));
			}
			for (int c = 0; c < consumers; c++) {
				pool.execute(() -> guard(failure, () -> {
					go.await();
					while (!stop.get()) {
						QueueLease lease = bridge().leaseNext(queue(), Duration.ofMillis(200));
						if (lease != null) {
							acked.computeIfAbsent(lease.id(), (id) -> new AtomicInteger()).incrementAndGet();
							bridge().ack(queue(), lease.leaseId());
							ackCount.incrementAndGet();
						}
					}
				}));
			}
			go.countDown();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ackCount.get() >= total || failure.get() != null);
		}
		finally {
			stop.set(true);
			pool.shutdown();
			assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
		assertThat(failure.get()).isNull();
		assertThat(enqueued).hasSize(total);
		assertThat(acked.keySet()).isEqualTo(enqueued);
		assertThat(acked.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
		assertThat(ackCount.get()).isEqualTo(total);
		assertThat(bridge().leaseNext(queue(), Duration.ZERO)).isNull();
		QueueMetrics metrics = metrics(queue());
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.inflight()).isZero();
	}

	@Test
	void jobIsAJsonCopyUnaffectedByProducerOrConsumerChanges() {
		List<String> tags = new ArrayList<>(List.of("x"));
		Map<String, Object> payload = new HashMap<>(Map.of("name", "a", "tags", tags));
		Map<String, Object> parameter = new HashMap<>(Map.of("page", 1));
		bridge().enqueue(EnqueueRequest.of(queue(), payload).withParameter(parameter).withMaxAttempts(5));
		payload.put("name", "changed by producer");
		tags.add("y");
		parameter.put("page", 2);

		QueueLease first = leaseNext();
		JsonNode expectedPayload = json(Map.of("name", "a", "tags", List.of("x")));
		assertThat(json(first.message().payload())).isEqualTo(expectedPayload);
		assertThat(json(first.message().parameter())).isEqualTo(json(Map.of("page", 1)));

		if (first.message().payload() instanceof ObjectNode node) {
			node.put("name", "changed by consumer");
		}
		bridge().nack(queue(), first.leaseId(), null, Duration.ZERO);
		QueueLease second = leaseNext();
		assertThat(json(second.message().payload())).isEqualTo(expectedPayload);
		bridge().ack(queue(), second.leaseId());
	}

	/**
	 * Lease the next job of the test's queue, waiting up to {@link #PATIENCE}, and fail if there is none.
	 * @return the lease
	 */
	protected final QueueLease leaseNext() {
		QueueLease lease = bridge().leaseNext(queue(), PATIENCE);
		assertThat(lease).as("a job of queue '%s' within %s", queue(), PATIENCE).isNotNull();
		return lease;
	}

	/**
	 * The bridge's inspection; the running test is skipped when the bridge offers none.
	 * @return the inspection
	 */
	protected final QueueInspection inspection() {
		Optional<QueueInspection> inspection = bridge().inspection();
		assumeTrue(inspection.isPresent(), "bridge offers no QueueInspection");
		return inspection.get();
	}

	/**
	 * The bridge's dead-letter administration; the running test is skipped when the bridge offers none.
	 * @return the administration
	 */
	protected final DeadLetterAdministration deadLetterAdministration() {
		Optional<DeadLetterAdministration> administration = bridge().deadLetterAdministration();
		assumeTrue(administration.isPresent(), "bridge offers no DeadLetterAdministration");
		return administration.get();
	}

	/**
	 * The metrics of a queue, through the bridge's inspection.
	 * @param queueName the queue
	 * @return the metrics
	 */
	protected final QueueMetrics metrics(String queueName) {
		return inspection().metrics(queueName);
	}

	/**
	 * The dead-letter queue of the test's queue, as the bridge names it.
	 * @return the dead-letter queue name
	 */
	protected final String deadLetterQueue() {
		return bridge().capabilities().deadLetterQueueName(queue());
	}

	/**
	 * The JSON tree of a value, for comparing payloads whatever Java type a bridge returns them as.
	 * @param value the value
	 * @return the tree, or {@code null}
	 */
	protected final @Nullable JsonNode json(@Nullable Object value) {
		return this.codec.copyAsJson(value);
	}

	private static void awaitBlocked(AtomicReference<Thread> thread) {
		await().atMost(PATIENCE).until(() -> {
			Thread current = thread.get();
			return current != null && (current.getState() == Thread.State.WAITING
					|| current.getState() == Thread.State.TIMED_WAITING);
		});
	}

	private static void guard(AtomicReference<@Nullable Throwable> failure, ThrowingRunnable action) {
		try {
			action.run();
		}
		catch (Throwable ex) {
			failure.compareAndSet(null, ex);
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
