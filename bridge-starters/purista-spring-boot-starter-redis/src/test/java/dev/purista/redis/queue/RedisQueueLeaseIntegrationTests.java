package dev.purista.redis.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.PuristaException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.queue.worker.QueueJob;
import dev.purista.core.queue.worker.QueueJobHandler;
import dev.purista.core.queue.worker.QueueWorkerOptions;
import dev.purista.core.queue.worker.QueueWorkerRuntime;
import dev.purista.redis.RedisTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Short leases kept alive by heartbeats, on a real Redis through {@link QueueWorkerRuntime}: a handler that runs
 * longer than its lease keeps the job and acks it once; the job of a worker that is gone (no heartbeats, no ack)
 * is leased again by another worker within its lease time, with its attempt increased.
 */
class RedisQueueLeaseIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private final String queue = "lease-tests-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<QueueWorkerRuntime> runtimes = new ArrayList<>();

	private final CountDownLatch finish = new CountDownLatch(1);

	private RedisTestSupport redis;

	private RedisQueueBridge bridge;

	@BeforeEach
	void connect() {
		this.redis = new RedisTestSupport();
		this.bridge = new RedisQueueBridge(this.redis.connectionFactory, new MessageCodec(),
				RedisQueueBridgeOptions.builder().defaultLeaseTtl(LEASE).build(), Clock.systemUTC());
		this.bridge.start();
	}

	@AfterEach
	void stopAndCleanUp() throws InterruptedException {
		this.finish.countDown();
		for (QueueWorkerRuntime runtime : this.runtimes) {
			runtime.awaitDrain(Duration.ofSeconds(5));
		}
		if (this.bridge != null) {
			this.bridge.destroy();
		}
		if (this.redis != null) {
			Set<String> keys = this.redis.template.keys(RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX + this.queue + "*");
			if (keys != null && !keys.isEmpty()) {
				this.redis.template.delete(keys);
			}
			this.redis.close();
		}
	}

	@Test
	void handlerRunningLongerThanItsLeaseKeepsItThroughHeartbeatsAndIsAckedOnce() {
		List<QueueJob> first = new CopyOnWriteArrayList<>();
		List<QueueJob> second = new CopyOnWriteArrayList<>();
		startWorker(this.bridge, blockingUntilFinished(first));
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "long job")).jobId();
		await().atMost(PATIENCE).until(() -> first.size() == 1);
		startWorker(this.bridge, blockingUntilFinished(second));

		await("the other worker never gets the job").during(LEASE.multipliedBy(3))
			.atMost(PATIENCE)
			.until(() -> second.isEmpty());
		assertThat(this.bridge.inspectLeases(this.queue, 10)).singleElement()
			.satisfies((lease) -> assertThat(lease.leaseId()).isEqualTo(first.get(0).lease().leaseId()));
		this.finish.countDown();
		await().atMost(PATIENCE).until(() -> {
			QueueMetrics metrics = this.bridge.metrics(this.queue);
			return metrics.pending() == 0 && metrics.inflight() == 0;
		});
		assertThat(first).singleElement().satisfies((job) -> {
			assertThat(job.id()).isEqualTo(id);
			assertThat(job.attempt()).isEqualTo(1);
			assertThat(job.isLeaseLost()).isFalse();
		});
		assertThat(second).isEmpty();
		assertThat(this.bridge.metrics(this.queue).retries()).as("the lease never expired").isZero();
		assertThat(this.redis.template.opsForHash().hasKey(key("jobs"), id)).as("acked").isFalse();
	}

	@Test
	void jobOfAWorkerThatIsGoneIsLeasedAgainByAnotherWithinItsLease() {
		GoneableBridge dying = new GoneableBridge(this.bridge);
		List<QueueJob> victim = new CopyOnWriteArrayList<>();
		List<QueueJob> survivor = new CopyOnWriteArrayList<>();
		startWorker(dying, blockingUntilFinished(victim));
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "job")).jobId();
		await().atMost(PATIENCE).until(() -> victim.size() == 1);
		startWorker(this.bridge, (job) -> {
			survivor.add(job);
			return null;
		});
		await("heartbeats keep the job with its live worker").during(LEASE.multipliedBy(2))
			.atMost(PATIENCE)
			.until(() -> survivor.isEmpty());

		dying.gone.set(true);
		long goneAt = System.nanoTime();
		await("leased again within the lease time").atMost(LEASE.plusSeconds(2)).until(() -> survivor.size() == 1);
		assertThat(Duration.ofNanos(System.nanoTime() - goneAt)).isLessThan(LEASE.plusSeconds(2));
		assertThat(survivor.get(0).id()).isEqualTo(id);
		assertThat(survivor.get(0).attempt()).isEqualTo(victim.get(0).attempt() + 1);
		await().atMost(PATIENCE).until(() -> !this.redis.template.opsForHash().hasKey(key("jobs"), id));
	}

	private QueueJobHandler blockingUntilFinished(List<QueueJob> handled) {
		return (job) -> {
			handled.add(job);
			this.finish.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		};
	}

	private void startWorker(QueueBridge bridge, QueueJobHandler handler) {
		// only the lease is short; the heartbeat interval is the default, beating every third of the lease
		QueueWorkerOptions options = QueueWorkerOptions.of(this.queue)
			.withLifecycle(QueueLifecycle.defaults().withVisibilityTimeout(LEASE))
			.withIdlePollWait(Duration.ofMillis(100));
		QueueWorkerRuntime runtime = new QueueWorkerRuntime(bridge, options, handler);
		this.runtimes.add(runtime);
		runtime.start();
	}

	private String key(String suffix) {
		return RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX + this.queue + ":" + suffix;
	}

	/**
	 * The bridge of a worker whose process can be made to disappear: afterwards every call fails, so it neither
	 * heartbeats nor settles, while its leases stay in Redis as a killed process leaves them.
	 */
	private static final class GoneableBridge extends ForwardingQueueBridge {

		final AtomicBoolean gone = new AtomicBoolean();

		GoneableBridge(QueueBridge delegate) {
			super(delegate);
		}

		@Override
		public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
			failIfGone();
			return super.leaseNext(queueName, waitTime);
		}

		@Override
		public void extendLease(String queueName, String leaseId, Duration extension) {
			failIfGone();
			super.extendLease(queueName, leaseId, extension);
		}

		@Override
		public void ack(String queueName, String leaseId) {
			failIfGone();
			super.ack(queueName, leaseId);
		}

		@Override
		public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
			failIfGone();
			super.nack(queueName, leaseId, reason, delay);
		}

		@Override
		public void release(String queueName, String leaseId) {
			failIfGone();
			super.release(queueName, leaseId);
		}

		@Override
		public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
			failIfGone();
			super.deadLetter(queueName, leaseId, request);
		}

		private void failIfGone() {
			if (this.gone.get()) {
				throw new PuristaException("the worker's process is gone");
			}
		}

	}

}
