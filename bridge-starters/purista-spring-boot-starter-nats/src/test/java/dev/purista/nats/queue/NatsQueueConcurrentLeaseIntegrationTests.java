package dev.purista.nats.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.nats.NatsTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent lease calls of one {@link NatsQueueBridge} fetch at the same time: while four threads wait in
 * {@code leaseNext} on an empty queue, the server holds four pull requests on the queue's consumer at once
 * ({@code num_waiting}), one per call, and the four jobs enqueued then are leased once each.
 */
class NatsQueueConcurrentLeaseIntegrationTests {

	private static final int WORKERS = 4;

	private final NatsTestSupport nats = new NatsTestSupport();

	private NatsQueueBridge bridge;

	private Connection observer;

	private ExecutorService threads;

	@BeforeEach
	void start() {
		this.bridge = new NatsQueueBridge(this.nats.options(), new MessageCodec());
		this.bridge.start();
		this.observer = this.nats.connect();
		this.threads = Executors.newFixedThreadPool(WORKERS);
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		this.bridge.destroy();
		this.observer.close();
	}

	@Test
	void concurrentLeaseCallsEachWaitOnTheServerWithAPullRequestOfTheirOwn() throws Exception {
		String queue = "concurrent-" + UUID.randomUUID().toString().substring(0, 8);
		NatsQueueNames names = this.bridge.names();
		assertThat(this.bridge.metrics(queue).pending()).isZero();
		List<Future<QueueLease>> leases = new ArrayList<>();
		for (int i = 0; i < WORKERS; i++) {
			leases.add(this.threads.submit(() -> this.bridge.leaseNext(queue, Duration.ofSeconds(20))));
		}
		JetStreamManagement jsm = this.observer.jetStreamManagement();

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jsm.getConsumerInfo(names.pendingStream(queue), names.pendingConsumer(queue))
				.getNumWaiting() >= WORKERS);

		Set<String> enqueued = new HashSet<>();
		for (int i = 0; i < WORKERS; i++) {
			enqueued.add(this.bridge.enqueue(EnqueueRequest.of(queue, Map.of("n", i))).jobId());
		}
		Set<String> leased = new HashSet<>();
		for (Future<QueueLease> future : leases) {
			QueueLease lease = future.get(30, TimeUnit.SECONDS);
			assertThat(lease).isNotNull();
			leased.add(lease.id());
			this.bridge.ack(queue, lease.leaseId());
		}
		assertThat(leased).isEqualTo(enqueued);
	}

}
