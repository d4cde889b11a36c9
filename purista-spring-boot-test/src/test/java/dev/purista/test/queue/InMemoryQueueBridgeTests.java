package dev.purista.test.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.memory.InMemoryQueueBridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The in-memory queue bridge against the queue bridge contract, plus what only it promises.
 */
class InMemoryQueueBridgeTests extends AbstractQueueBridgeTests {

	private static final long T0 = 1_795_373_923_764L;

	@Override
	protected QueueBridge createBridge() {
		return new InMemoryQueueBridge();
	}

	@Test
	void hasDefaultQueueBridgeCapabilitiesPlusIdempotencyAndLeaseInspection() {
		assertThat(bridge().name()).isEqualTo("InMemoryQueueBridge");
		assertThat(bridge().capabilities()).isEqualTo(QueueCapabilities.builder()
			.delayedDelivery(true)
			.fifoOrdering(true)
			.maxBatchSize(1)
			.defaultDeadLetterSuffix(".dead-letter")
			.deadLetterInspectable(true)
			.deadLetterInspectSupported(true)
			.deadLetterReplaySupported(true)
			.deadLetterPurgeSupported(true)
			.leaseInspectionSupported(true)
			.idempotencyEnforcement(true)
			.strictStartupValidation(true)
			.build());
		assertThat(bridge().capabilities().deadLetterQueueName("emails")).isEqualTo("emails.dead-letter");
	}

	@Test
	void jobsWithoutLimitsGetThirtySecondLeasesAndFiveAttempts() {
		bridge().enqueue(EnqueueRequest.of(queue(), "job"));
		QueueLease lease = leaseNext();
		assertThat(lease.message().leaseTtlMs()).isEqualTo(30_000);
		assertThat(lease.message().maxAttempts()).isEqualTo(5);
		assertThat(lease.leaseExpiresAt() - lease.leasedAt()).isEqualTo(30_000);
	}

	@Test
	void ackOfUnknownLeaseIsIgnored() {
		bridge().ack(queue(), "no-such-lease");
		bridge().nack(queue(), "no-such-lease", "reason", Duration.ZERO);
		bridge().release(queue(), "no-such-lease");
		assertThat(metrics(queue()).pending()).isZero();
	}

	@Test
	void destroyedBridgeRefusesWork() {
		bridge().destroy();
		assertThat(bridge().isReady()).isFalse();
		assertThat(bridge().isHealthy()).isFalse();
		assertThatExceptionOfType(BridgeStoppingException.class)
			.isThrownBy(() -> bridge().enqueue(EnqueueRequest.of(queue(), "job")));
		assertThatExceptionOfType(BridgeStoppingException.class)
			.isThrownBy(() -> bridge().leaseNext(queue(), Duration.ZERO));
		assertThatExceptionOfType(BridgeStoppingException.class).isThrownBy(() -> metrics(queue()));
		assertThatExceptionOfType(BridgeStoppingException.class).isThrownBy(() -> bridge().ack(queue(), "lease"));
		assertThatExceptionOfType(BridgeStoppingException.class).isThrownBy(() -> bridge().start());
	}

	@Test
	void destroyWakesUpWaitingConsumerWithBridgeStoppingException() throws Exception {
		ExecutorService consumer = Executors.newSingleThreadExecutor();
		try {
			Future<@Nullable QueueLease> waiting = consumer
				.submit(() -> bridge().leaseNext(queue(), Duration.ofSeconds(30)));
			await().atMost(PATIENCE).until(() -> hasThreadWaitingInLeaseNext());
			bridge().destroy();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> waiting.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
				.withCauseInstanceOf(BridgeStoppingException.class);
		}
		finally {
			consumer.shutdownNow();
		}
	}

	@Test
	void interruptedLeaseNextReturnsNullAndKeepsInterruptFlag() {
		Thread.currentThread().interrupt();
		try {
			assertThat(bridge().leaseNext(queue(), Duration.ofSeconds(5))).isNull();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void delayedJobBecomesDueExactlyAtItsScheduledTime() {
		MutableClock clock = new MutableClock(T0);
		InMemoryQueueBridge bridge = new InMemoryQueueBridge(clock);
		bridge.enqueue(EnqueueRequest.of("q", "job").withScheduledAt(T0 + 1000));

		assertThat(bridge.leaseNext("q", Duration.ZERO)).isNull();
		clock.advance(Duration.ofMillis(999));
		assertThat(bridge.leaseNext("q", Duration.ZERO)).isNull();
		clock.advance(Duration.ofMillis(1));
		QueueLease lease = bridge.leaseNext("q", Duration.ZERO);
		assertThat(lease).isNotNull();
		assertThat(lease.leasedAt()).isEqualTo(T0 + 1000);
		assertThat(lease.leaseExpiresAt()).isEqualTo(T0 + 1000 + 30_000);
		bridge.destroy();
	}

	@Test
	void leaseExpiresExactlyAfterItsTimeToLive() {
		MutableClock clock = new MutableClock(T0);
		InMemoryQueueBridge bridge = new InMemoryQueueBridge(clock);
		bridge.enqueue(EnqueueRequest.of("q", "job").withLeaseTtlMs(1000L));
		QueueLease first = bridge.leaseNext("q", Duration.ZERO);
		assertThat(first).isNotNull();

		clock.advance(Duration.ofMillis(999));
		assertThat(bridge.leaseNext("q", Duration.ZERO)).isNull();
		assertThat(bridge.inspectLeases("q", 10)).extracting(QueueLease::leaseId).containsExactly(first.leaseId());
		clock.advance(Duration.ofMillis(1));
		QueueLease second = bridge.leaseNext("q", Duration.ZERO);
		assertThat(second).isNotNull();
		assertThat(second.message().attempt()).isEqualTo(2);
		assertThat(second.message().scheduledAt()).isEqualTo(T0 + 1000);
		assertThat(second.message().headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON,
				QueueHeaders.REASON_LEASE_EXPIRED);
		assertThat(bridge.metrics("q").retries()).isEqualTo(1);
		bridge.destroy();
	}

	@Test
	void oldestAgeIsMeasuredFromCreation() {
		MutableClock clock = new MutableClock(T0);
		InMemoryQueueBridge bridge = new InMemoryQueueBridge(clock);
		bridge.enqueue(EnqueueRequest.of("q", "job"));
		clock.advance(Duration.ofMillis(1500));
		assertThat(bridge.metrics("q").oldestAgeMs()).isEqualTo(1500);
		bridge.destroy();
	}

	private static boolean hasThreadWaitingInLeaseNext() {
		return Thread.getAllStackTraces().keySet().stream()
			.anyMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING && isLeaseNext(thread));
	}

	private static boolean isLeaseNext(Thread thread) {
		for (StackTraceElement element : thread.getStackTrace()) {
			if (element.getMethodName().equals("leaseNext")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A clock tests move by hand.
	 */
	static final class MutableClock extends Clock {

		private final AtomicLong millis;

		MutableClock(long millis) {
			this.millis = new AtomicLong(millis);
		}

		void advance(Duration duration) {
			this.millis.addAndGet(duration.toMillis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.millis.get());
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

	}

}
