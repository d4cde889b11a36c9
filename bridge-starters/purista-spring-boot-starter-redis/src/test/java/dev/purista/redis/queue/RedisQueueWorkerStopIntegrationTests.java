package dev.purista.redis.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.types.RedisClientInfo;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.worker.QueueJob;
import dev.purista.core.queue.worker.QueueWorkerOptions;
import dev.purista.core.queue.worker.QueueWorkerRuntime;
import dev.purista.redis.RedisTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker that stops (SIGTERM, graceful shutdown) while it waits for a job on a real Redis: a job that arrives
 * while its {@code BLMOVE} is still blocked on the server is given back at once, not stranded in the processing
 * list until the orphan check or a lease runs out (the fault run of {@code benchmarks/chaos} showed a SIGTERM of
 * an email process delaying a mail by 30 s this way, when stopping interrupted the waiting client call).
 */
class RedisQueueWorkerStopIntegrationTests {

	private final String queue = "stop-tests-" + UUID.randomUUID().toString().substring(0, 8);

	private RedisTestSupport redis;

	private RedisQueueBridge bridge;

	@BeforeEach
	void connect() {
		this.redis = new RedisTestSupport();
		// the orphan check would rescue a stranded job after its interval: out of reach within this test
		this.bridge = new RedisQueueBridge(this.redis.connectionFactory, new MessageCodec(),
				RedisQueueBridgeOptions.builder()
					.maxBlock(Duration.ofSeconds(2))
					.orphanCheckInterval(Duration.ofMinutes(10))
					.build(),
				Clock.systemUTC());
		this.bridge.start();
	}

	@AfterEach
	void cleanUp() {
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
	void jobArrivingWhileAStoppingWorkerWaitsIsGivenBackAtOnce() throws InterruptedException {
		List<QueueJob> stopping = new CopyOnWriteArrayList<>();
		QueueWorkerRuntime worker = worker(stopping);
		worker.start();
		await("the worker waits in BLMOVE").atMost(Duration.ofSeconds(10)).until(this::blockedInBlmove);

		worker.stopIntake();
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "arrives while stopping")).jobId();
		assertThat(worker.awaitDrain(Duration.ofSeconds(10))).isTrue();

		List<QueueJob> next = new CopyOnWriteArrayList<>();
		QueueWorkerRuntime successor = worker(next);
		successor.start();
		try {
			await("the next worker gets the job at once").atMost(Duration.ofSeconds(5)).until(() -> next.size() == 1);
			assertThat(next.get(0).id()).isEqualTo(id);
			assertThat(stopping).as("the stopping worker never ran it").isEmpty();
		}
		finally {
			successor.awaitDrain(Duration.ofSeconds(5));
		}
	}

	@Test
	void stoppingDoesNotInterruptAWorkerTakingAJobSoTheJobIsGivenBackNotStranded() throws InterruptedException {
		HeldBridge held = new HeldBridge(this.bridge);
		List<QueueJob> stopping = new CopyOnWriteArrayList<>();
		QueueWorkerRuntime worker = worker(held, stopping);
		worker.start();
		assertThat(held.entered.await(10, TimeUnit.SECONDS)).as("the worker calls leaseNext").isTrue();

		worker.stopIntake();
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "taken while stopping")).jobId();
		held.proceed.countDown();
		assertThat(worker.awaitDrain(Duration.ofSeconds(10))).isTrue();

		List<QueueJob> next = new CopyOnWriteArrayList<>();
		QueueWorkerRuntime successor = worker(this.bridge, next);
		successor.start();
		try {
			await("the next worker gets the job at once").atMost(Duration.ofSeconds(5)).until(() -> next.size() == 1);
			assertThat(next.get(0).id()).isEqualTo(id);
			assertThat(held.interrupted).as("the stopping worker was interrupted in leaseNext").isFalse();
		}
		finally {
			successor.awaitDrain(Duration.ofSeconds(5));
		}
	}

	private QueueWorkerRuntime worker(List<QueueJob> handled) {
		return worker(this.bridge, handled);
	}

	private QueueWorkerRuntime worker(QueueBridge bridge, List<QueueJob> handled) {
		return new QueueWorkerRuntime(bridge,
				QueueWorkerOptions.of(this.queue).withIdlePollWait(Duration.ofSeconds(2)), (job) -> {
					handled.add(job);
					return null;
				});
	}

	private boolean blockedInBlmove() {
		List<RedisClientInfo> clients = this.redis.template
			.execute((RedisCallback<List<RedisClientInfo>>) (connection) -> connection.serverCommands().getClientList());
		return clients != null && clients.stream()
			.anyMatch((client) -> "blmove".equals(client.getLastCommand()) && client.getFlags().contains("b"));
	}

	/**
	 * The real bridge, whose first {@code leaseNext} waits until the test lets it go on: the moment a stopping
	 * worker takes a job. An interrupt meanwhile is kept for the real call, as it would reach it.
	 */
	private static final class HeldBridge extends ForwardingQueueBridge {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch proceed = new CountDownLatch(1);

		volatile boolean interrupted;

		HeldBridge(QueueBridge delegate) {
			super(delegate);
		}

		@Override
		public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
			if (this.entered.getCount() > 0) {
				this.entered.countDown();
				boolean wasInterrupted = false;
				while (true) {
					try {
						this.proceed.await();
						break;
					}
					catch (InterruptedException ex) {
						wasInterrupted = true;
					}
				}
				if (wasInterrupted) {
					this.interrupted = true;
					Thread.currentThread().interrupt();
				}
			}
			return super.leaseNext(queueName, waitTime);
		}

	}

}
