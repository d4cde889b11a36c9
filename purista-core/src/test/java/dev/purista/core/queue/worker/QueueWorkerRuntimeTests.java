package dev.purista.core.queue.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.queue.DeadLetterAdministration;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.MutableClock;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.queue.RetryStrategy;
import dev.purista.core.queue.memory.InMemoryQueueBridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QueueWorkerRuntime}.
 */
class QueueWorkerRuntimeTests {

	private static final String QUEUE = "emails";

	private static final String DEAD_LETTER_QUEUE = "emails.dead-letter";

	private static final long T0 = 1_795_373_923_764L;

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(50);

	/** Retries without waiting, for tests about what happens after retries rather than when. */
	private static final QueueLifecycle FAST_RETRIES = QueueLifecycle.defaults()
		.withRetryStrategy(RetryStrategy.defaults().withInitialDelay(Duration.ofMillis(1)).withJitterFactor(0));

	private QueueBridge bridge = new InMemoryQueueBridge();

	private @Nullable QueueWorkerRuntime runtime;

	private final List<QueueJob> handled = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopRuntimeAndBridge() throws InterruptedException {
		if (this.runtime != null) {
			this.runtime.awaitDrain(Duration.ofSeconds(5));
		}
		this.bridge.destroy();
	}

	@Test
	void successfulJobIsAckedOnAWorkerThreadOfTheRuntime() {
		AtomicReference<String> threadName = new AtomicReference<>();
		start(options(), (job) -> {
			threadName.set(Thread.currentThread().getName());
			return JobResult.success("sent");
		});
		EnqueueResult result = this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitQueueEmpty(1);
		assertThat(this.handled).singleElement().satisfies((job) -> {
			assertThat(job.id()).isEqualTo(result.jobId());
			assertThat(job.attempt()).isEqualTo(1);
		});
		assertThat(threadName.get()).startsWith("purista-queue-emails-");
		assertThat(inspection().metrics(QUEUE).deadLetter()).isZero();
	}

	@Test
	void nullResultIsAcked() {
		start(options(), (job) -> null);
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitQueueEmpty(1);
		assertThat(inspection().metrics(QUEUE).deadLetter()).isZero();
		assertThat(inspection().metrics(QUEUE).retries()).isZero();
	}

	@Test
	void retriedJobIsScheduledAfterPuristasDelays() {
		MutableClock clock = new MutableClock(T0);
		this.bridge = new InMemoryQueueBridge(clock);
		this.runtime = new QueueWorkerRuntime(this.bridge, options(), record((job) -> JobResult.retry("busy", null)),
				clock);
		this.runtime.start();
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitRetried(1);
		clock.advance(Duration.ofMillis(1250));
		awaitRetried(2);
		clock.advance(Duration.ofMillis(2500));
		awaitHandled(3);

		QueueLease first = this.handled.get(0).lease();
		QueueLease second = this.handled.get(1).lease();
		QueueLease third = this.handled.get(2).lease();
		assertThat(first.message().attempt()).isEqualTo(1);
		assertThat(second.message().attempt()).isEqualTo(2);
		assertThat(third.message().attempt()).isEqualTo(3);
		assertThat(second.message().scheduledAt() - first.leasedAt()).isEqualTo(1250);
		assertThat(third.message().scheduledAt() - second.leasedAt()).isEqualTo(2500);
		assertThat(second.message().headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON, "busy");
	}

	@Test
	void requestedRetryDelayIsUsed() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		start(options(), (job) -> (job.attempt() == 1) ? JobResult.retry("later", Duration.ofMillis(20)) : null);
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitQueueEmpty(2);
		assertThat(recording.nackDelays).containsExactly(Duration.ofMillis(20));
	}

	@Test
	void thrownExceptionIsRetriedWithItsMessageAsReasonAndWorkerKeepsRunning() {
		start(options().withLifecycle(FAST_RETRIES), (job) -> {
			if (job.attempt() == 1) {
				throw new IllegalStateException("database down");
			}
			return JobResult.success();
		});
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitQueueEmpty(2);
		assertThat(this.handled.get(1).attempt()).isEqualTo(2);
		assertThat(this.handled.get(1).headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON, "database down");
		assertThat(inspection().metrics(QUEUE).deadLetter()).isZero();
	}

	@Test
	void failingJobIsDeadLetteredAfterMaxAttempts() {
		start(options().withLifecycle(FAST_RETRIES.withMaxAttempts(3)), (job) -> JobResult.fail("boom", false));
		EnqueueResult result = this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitDeadLettered(DEAD_LETTER_QUEUE);
		assertThat(deadLetters().peekDeadLetter(DEAD_LETTER_QUEUE, 0, 10)).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo(result.jobId());
			assertThat(message.attempt()).isEqualTo(3);
			assertThat(message.headers())
				.containsEntry(QueueHeaders.DEAD_LETTER_REASON, QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED)
				.containsEntry(QueueHeaders.LAST_RETRY_REASON, "boom");
		});
		assertThat(this.handled).hasSize(3);
		assertThat(this.runtime.deadLetterQueueName()).isEqualTo(DEAD_LETTER_QUEUE);
		awaitQueueEmpty(3);
	}

	@Test
	void deadLetteringIsOneBridgeCallThatAlsoSettlesTheLease() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		start(options().withLifecycle(FAST_RETRIES.withMaxAttempts(2)), (job) -> JobResult.retry("smtp down", null));
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitDeadLettered(DEAD_LETTER_QUEUE);
		awaitQueueEmpty(2);
		assertThat(recording.deadLetters).containsExactly(DeadLetterRequest
			.because(QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED)
			.into(DEAD_LETTER_QUEUE)
			.withLastRetryReason("smtp down"));
		assertThat(recording.acks).as("no separate ack after dead-lettering").hasValue(0);
		assertThat(inspection().inspectLeases(QUEUE, 10)).isEmpty();
	}

	@Test
	void fatalFailureIsDeadLetteredAtOnce() {
		start(options(), (job) -> JobResult.fail("invalid address", true));
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitDeadLettered(DEAD_LETTER_QUEUE);
		assertThat(deadLetters().peekDeadLetter(DEAD_LETTER_QUEUE, 0, 10)).singleElement().satisfies((message) -> {
			assertThat(message.attempt()).isEqualTo(1);
			assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON, "invalid address");
		});
		awaitQueueEmpty(1);
	}

	@Test
	void deadLetterResultUsesConfiguredDeadLetterQueue() {
		start(options().withDeadLetterQueueName("emails-parked"), (job) -> JobResult.deadLetter("parked"));
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		awaitDeadLettered("emails-parked");
		assertThat(deadLetters().peekDeadLetter("emails-parked", 0, 10)).singleElement()
			.satisfies((message) -> assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON,
					"parked"));
		assertThat(deadLetters().peekDeadLetter(DEAD_LETTER_QUEUE, 0, 10)).isEmpty();
		awaitQueueEmpty(1);
	}

	@Test
	void retryAfterRetryWindowDeadLettersWithRetryWindowExpired() {
		MutableClock clock = new MutableClock(T0);
		this.bridge = new InMemoryQueueBridge(clock);
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));
		clock.advance(Duration.ofMinutes(2));
		QueueWorkerOptions options = options()
			.withLifecycle(QueueLifecycle.defaults().withRetryWindow(Duration.ofMinutes(2)));
		this.runtime = new QueueWorkerRuntime(this.bridge, options, record((job) -> JobResult.retry("busy", null)),
				clock);
		this.runtime.start();

		awaitDeadLettered(DEAD_LETTER_QUEUE);
		assertThat(deadLetters().peekDeadLetter(DEAD_LETTER_QUEUE, 0, 10)).singleElement()
			.satisfies((message) -> assertThat(message.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON,
					QueueHeaders.REASON_RETRY_WINDOW_EXPIRED));
	}

	@Test
	void sequentialWorkerHandlesOneJobAtATime() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		start(options(), (job) -> {
			maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			}
			finally {
				running.decrementAndGet();
			}
			return null;
		});
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "a"));
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "b"));

		await().atMost(PATIENCE).until(() -> this.handled.size() == 1);
		await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> {
			QueueMetrics metrics = inspection().metrics(QUEUE);
			return metrics.inflight() == 1 && metrics.pending() == 1 && this.handled.size() == 1;
		});
		release.countDown();
		awaitQueueEmpty(2);
		assertThat(maxRunning.get()).isEqualTo(1);
	}

	@Test
	void parallelWorkerHandlesFourJobsAtOnce() throws InterruptedException {
		CountDownLatch allRunning = new CountDownLatch(4);
		CountDownLatch release = new CountDownLatch(1);
		start(options().withMaxParallelHandlers(4), (job) -> {
			allRunning.countDown();
			release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		});
		for (int i = 0; i < 4; i++) {
			this.bridge.enqueue(EnqueueRequest.of(QUEUE, i));
		}

		assertThat(allRunning.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.runtime.inFlight()).isEqualTo(4);
		assertThat(inspection().metrics(QUEUE).inflight()).isEqualTo(4);
		release.countDown();
		awaitQueueEmpty(4);
		await().atMost(PATIENCE).until(() -> this.runtime.inFlight() == 0);
	}

	@Test
	void stopIntakeLetsRunningJobFinishAndLeasesNothingNew() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean sawCancelRequest = new AtomicBoolean();
		start(options(), (job) -> {
			release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			sawCancelRequest.set(job.isCancelRequested());
			return null;
		});
		EnqueueResult running = this.bridge.enqueue(EnqueueRequest.of(QUEUE, "running"));
		await().atMost(PATIENCE).until(() -> this.runtime.inFlight() == 1);

		this.runtime.stopIntake();
		assertThat(this.runtime.isRunning()).isFalse();
		EnqueueResult waiting = this.bridge.enqueue(EnqueueRequest.of(QUEUE, "after stop"));
		CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(this::awaitDrain);
		release.countDown();

		assertThat(drained.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.handled).extracting(QueueJob::id).containsExactly(running.jobId());
		assertThat(sawCancelRequest).isTrue();
		assertThat(this.runtime.inFlight()).isZero();
		QueueMetrics metrics = inspection().metrics(QUEUE);
		assertThat(metrics.inflight()).isZero();
		assertThat(metrics.pending()).isEqualTo(1);
		QueueLease next = this.bridge.leaseNext(QUEUE, Duration.ZERO);
		assertThat(next).isNotNull();
		assertThat(next.id()).isEqualTo(waiting.jobId());
	}

	@Test
	void drainTimeoutReleasesUnfinishedJobForAnotherWorker() throws InterruptedException {
		CountDownLatch never = new CountDownLatch(1);
		CountDownLatch handlerReturned = new CountDownLatch(1);
		AtomicBoolean sawCancelRequest = new AtomicBoolean();
		start(options(), (job) -> {
			try {
				never.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
				return null;
			}
			finally {
				sawCancelRequest.set(job.isCancelRequested());
				handlerReturned.countDown();
			}
		});
		EnqueueResult result = this.bridge.enqueue(EnqueueRequest.of(QUEUE, "slow"));
		await().atMost(PATIENCE).until(() -> this.runtime.inFlight() == 1);

		assertThat(this.runtime.awaitDrain(Duration.ofMillis(200))).isFalse();

		QueueLease fresh = this.bridge.leaseNext(QUEUE, PATIENCE);
		assertThat(fresh).isNotNull();
		assertThat(fresh.id()).isEqualTo(result.jobId());
		assertThat(fresh.message().attempt()).isEqualTo(2);
		assertThat(handlerReturned.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(sawCancelRequest).isTrue();
		assertThat(inspection().inspectLeases(QUEUE, 10)).extracting(QueueLease::leaseId)
			.as("the released job's late result does not touch the new lease")
			.containsExactly(fresh.leaseId());
		QueueMetrics metrics = inspection().metrics(QUEUE);
		assertThat(metrics.deadLetter()).isZero();
		assertThat(metrics.retries()).isZero();
	}

	@Test
	void failingBridgeIsRetriedWithGrowingPausesAndWorkResumesWhenItRecovers() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		recording.failLeasing.set(true);
		this.bridge = recording;
		start(options(), (job) -> null);

		await().atMost(PATIENCE).until(() -> recording.leaseCallNanos.size() >= 5);
		List<Long> calls = new ArrayList<>(recording.leaseCallNanos);
		List<Long> pausesMs = new ArrayList<>();
		for (int i = 1; i < 5; i++) {
			pausesMs.add(TimeUnit.NANOSECONDS.toMillis(calls.get(i) - calls.get(i - 1)));
		}
		assertThat(pausesMs.get(0)).isGreaterThanOrEqualTo(90);
		assertThat(pausesMs.get(1)).isGreaterThanOrEqualTo(190);
		assertThat(pausesMs.get(2)).isGreaterThanOrEqualTo(390);
		assertThat(pausesMs.get(3)).isGreaterThanOrEqualTo(790);

		recording.failLeasing.set(false);
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "after outage"));
		awaitQueueEmpty(1);
	}

	@Test
	void heartbeatExtendsLeaseAtMostMaxLeaseExtensionsTimes() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		CountDownLatch release = new CountDownLatch(1);
		QueueLifecycle lifecycle = QueueLifecycle.defaults()
			.withHeartbeatInterval(Duration.ofMillis(100))
			.withVisibilityTimeout(PATIENCE)
			.withMaxLeaseExtensions(3);
		start(options().withLifecycle(lifecycle), (job) -> {
			release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		});
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "long job").withLeaseTtlMs(1000L));

		await().atMost(PATIENCE).until(() -> recording.extensions.get() == 3);
		await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> recording.extensions.get() == 3);
		assertThat(inspection().inspectLeases(QUEUE, 10)).singleElement()
			.satisfies((lease) -> assertThat(lease.leaseExpiresAt() - System.currentTimeMillis())
				.isGreaterThan(PATIENCE.toMillis() / 2));
		release.countDown();
		awaitQueueEmpty(1);
		assertThat(inspection().metrics(QUEUE).retries()).as("the lease never expired").isZero();
	}

	@Test
	void noHeartbeatWithoutAutoHeartbeat() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		QueueLifecycle lifecycle = QueueLifecycle.defaults()
			.withHeartbeatInterval(Duration.ofMillis(20))
			.withAutoHeartbeat(false);
		CountDownLatch release = new CountDownLatch(1);
		start(options().withLifecycle(lifecycle), (job) -> {
			release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		});
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job"));

		await().atMost(PATIENCE).until(() -> this.runtime.inFlight() == 1);
		await().during(Duration.ofMillis(200)).atMost(PATIENCE).until(() -> recording.extensions.get() == 0);
		release.countDown();
		awaitQueueEmpty(1);
	}

	@Test
	void handlerRunningLongerThanItsLeaseKeepsItThroughHeartbeatsAndIsAckedOnce() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		Duration lease = Duration.ofMillis(300);
		CountDownLatch release = new CountDownLatch(1);
		// only the lease is short; the heartbeat interval stays the default and beats every third of the lease
		start(options().withMaxParallelHandlers(2).withLifecycle(QueueLifecycle.defaults().withVisibilityTimeout(lease)),
				(job) -> {
					release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
					return null;
				});
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "long job").withLeaseTtlMs(lease.toMillis()));

		awaitHandled(1);
		// the second worker thread keeps leasing, which would take the job again once its lease expired
		await().during(lease.multipliedBy(4)).atMost(PATIENCE).until(() -> this.handled.size() == 1);
		release.countDown();
		awaitQueueEmpty(1);
		assertThat(this.handled).singleElement().satisfies((job) -> {
			assertThat(job.attempt()).isEqualTo(1);
			assertThat(job.isLeaseLost()).isFalse();
		});
		assertThat(recording.extensions.get()).isGreaterThanOrEqualTo(3);
		assertThat(recording.acks.get()).isEqualTo(1);
		assertThat(inspection().metrics(QUEUE).retries()).as("the lease never expired").isZero();
	}

	@Test
	void failedHeartbeatIsTriedAgainWhileTheLeaseHolds() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		Duration lease = Duration.ofMillis(1500);
		CountDownLatch release = new CountDownLatch(1);
		start(options().withMaxParallelHandlers(2).withLifecycle(QueueLifecycle.defaults().withVisibilityTimeout(lease)),
				(job) -> {
					release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
					return null;
				});
		recording.failExtending.set(true);
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "long job").withLeaseTtlMs(lease.toMillis()));

		await().atMost(PATIENCE).until(() -> recording.extensions.get() >= 1);
		recording.failExtending.set(false);
		await().during(lease.multipliedBy(2)).atMost(PATIENCE).until(() -> this.handled.size() == 1);
		release.countDown();
		awaitQueueEmpty(1);
		assertThat(this.handled).singleElement().satisfies((job) -> assertThat(job.isLeaseLost()).isFalse());
		assertThat(inspection().metrics(QUEUE).retries()).as("the lease never expired").isZero();
	}

	@Test
	void leaseLostWhileTheHandlerRunsCancelsItAndItsLateResultDoesNotSettleTheJobAgain() {
		RecordingQueueBridge recording = new RecordingQueueBridge(new InMemoryQueueBridge());
		this.bridge = recording;
		Duration lease = Duration.ofMillis(300);
		start(options().withMaxParallelHandlers(2).withLifecycle(QueueLifecycle.defaults().withVisibilityTimeout(lease)),
				(job) -> {
					if (job.attempt() == 1) {
						await().atMost(PATIENCE).until(job::isCancelRequested);
						return JobResult.retry("late result of the first attempt", null);
					}
					return null;
				});
		recording.failExtending.set(true);
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job").withLeaseTtlMs(lease.toMillis()));

		awaitHandled(2);
		await().atMost(PATIENCE).until(() -> this.runtime.inFlight() == 0);
		assertThat(this.handled).extracting(QueueJob::attempt).containsExactly(1, 2);
		assertThat(this.handled.get(0).isLeaseLost()).isTrue();
		assertThat(this.handled.get(1).isLeaseLost()).isFalse();
		QueueMetrics metrics = inspection().metrics(QUEUE);
		assertThat(metrics.pending()).as("the first attempt's retry did not put the job back").isZero();
		assertThat(metrics.inflight()).isZero();
		assertThat(metrics.deadLetter()).isZero();
	}

	@Test
	void jobOfAWorkerThatIsGoneIsLeasedAgainSoonAfterItsHeartbeatsStop() throws InterruptedException {
		InMemoryQueueBridge shared = new InMemoryQueueBridge();
		this.bridge = shared;
		RecordingQueueBridge dying = new RecordingQueueBridge(shared);
		Duration lease = Duration.ofMillis(500);
		QueueWorkerOptions options = options().withLifecycle(QueueLifecycle.defaults().withVisibilityTimeout(lease));
		CountDownLatch victimBlocked = new CountDownLatch(1);
		List<QueueJob> victimJobs = new CopyOnWriteArrayList<>();
		QueueWorkerRuntime victim = new QueueWorkerRuntime(dying, options, (job) -> {
			victimJobs.add(job);
			victimBlocked.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		});
		victim.start();
		try {
			this.bridge.enqueue(EnqueueRequest.of(QUEUE, "job").withLeaseTtlMs(lease.toMillis()));
			await().atMost(PATIENCE).until(() -> victimJobs.size() == 1);
			start(options, (job) -> null);

			await().during(lease.multipliedBy(3)).atMost(PATIENCE).until(() -> this.handled.isEmpty());
			dying.gone.set(true);
			long goneAt = System.nanoTime();
			await().atMost(lease.plusSeconds(1)).until(() -> this.handled.size() == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - goneAt)).isLessThan(lease.plusSeconds(1));
			assertThat(this.handled.get(0).id()).isEqualTo(victimJobs.get(0).id());
			assertThat(this.handled.get(0).attempt()).isEqualTo(victimJobs.get(0).attempt() + 1);
			awaitQueueEmpty(1);
		}
		finally {
			victimBlocked.countDown();
			victim.awaitDrain(PATIENCE);
		}
	}

	@Test
	void stoppedRuntimeCannotBeRestarted() throws InterruptedException {
		start(options(), (job) -> null);
		assertThat(this.runtime.isRunning()).isTrue();
		assertThat(this.runtime.awaitDrain(PATIENCE)).isTrue();
		assertThat(this.runtime.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(this.runtime::start);
	}

	@Test
	void stoppingAnIdleWorkerDoesNotWaitForItsLeasePoll() throws InterruptedException {
		Duration longPoll = Duration.ofSeconds(20);
		start(options().withIdlePollWait(longPoll).withMaxParallelHandlers(3), (job) -> null);
		await().until(() -> this.runtime.isRunning());

		long started = System.nanoTime();
		assertThat(this.runtime.awaitDrain(PATIENCE)).isTrue();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(longPoll.dividedBy(4));
	}

	@Test
	void jobEnqueuedJustBeforeStopIsNotLostWhenIdleWorkersAreWoken() throws InterruptedException {
		start(options().withIdlePollWait(Duration.ofSeconds(20)), (job) -> null);
		this.runtime.stopIntake();
		this.bridge.enqueue(EnqueueRequest.of(QUEUE, "late"));

		assertThat(this.runtime.awaitDrain(PATIENCE)).isTrue();

		assertThat(this.bridge.leaseNext(QUEUE, Duration.ofSeconds(1))).isNotNull();
	}

	private QueueWorkerOptions options() {
		return QueueWorkerOptions.of(QUEUE).withIdlePollWait(POLL);
	}

	private void start(QueueWorkerOptions options, QueueJobHandler handler) {
		this.runtime = new QueueWorkerRuntime(this.bridge, options, record(handler));
		this.runtime.start();
	}

	private QueueJobHandler record(QueueJobHandler handler) {
		return (job) -> {
			this.handled.add(job);
			return handler.handle(job);
		};
	}

	private boolean awaitDrain() {
		try {
			return this.runtime.awaitDrain(PATIENCE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private QueueInspection inspection() {
		return this.bridge.inspection().orElseThrow();
	}

	private DeadLetterAdministration deadLetters() {
		return this.bridge.deadLetterAdministration().orElseThrow();
	}

	private void awaitHandled(int count) {
		await().atMost(PATIENCE).until(() -> this.handled.size() >= count);
	}

	private void awaitRetried(int count) {
		awaitHandled(count);
		await().atMost(PATIENCE).until(() -> {
			QueueMetrics metrics = inspection().metrics(QUEUE);
			return metrics.retries() == count && metrics.inflight() == 0;
		});
	}

	private void awaitQueueEmpty(int handledJobs) {
		await().atMost(PATIENCE).until(() -> {
			QueueMetrics metrics = inspection().metrics(QUEUE);
			return this.handled.size() == handledJobs && metrics.pending() == 0 && metrics.inflight() == 0;
		});
	}

	private void awaitDeadLettered(String deadLetterQueue) {
		await().atMost(PATIENCE).until(() -> {
			List<QueueMessage> deadLetters = deadLetters().peekDeadLetter(deadLetterQueue, 0, 10);
			return deadLetters.size() == 1;
		});
	}

}
