package dev.purista.nats.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.PuristaException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.nats.NatsTestSupport;
import dev.purista.nats.queue.NatsQueueBridge;
import dev.purista.nats.queue.NatsQueueBridgeOptions;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link NatsQueueBridge} through a NATS outage under steady load: a producer and a worker, both connected through
 * a {@link TcpProxy}, run while the proxy cuts every connection and later accepts them again. No call hangs
 * (enqueue fails within JetStream's request timeout, saying so), health goes {@code DOWN} and back {@code UP},
 * and every job whose enqueue succeeded reaches a worker (at least once: an ack whose confirmation the outage
 * swallowed fails at the worker although JetStream may have taken it, so jobs are counted when leased). The
 * drainer leases until the queue stays empty for half a second on every check, not one job per check: jobs pile
 * up while the worker waits out an ack the cut swallowed (5 s), and at one job per Awaitility poll (100 ms) a
 * backlog of some 800 jobs outlasts the 90 s allowed.
 */
class NatsQueueBridgeOutageIntegrationTests {

	private static final Duration SLOWEST_CALL = Duration.ofSeconds(8);

	private final NatsTestSupport nats = new NatsTestSupport();

	private TcpProxy proxy;

	private NatsQueueBridge producer;

	private NatsQueueBridge worker;

	@BeforeEach
	void connectThroughProxy() {
		this.proxy = new TcpProxy(this.nats.address.host(), this.nats.address.port()).start();
		this.producer = bridge();
		this.worker = bridge();
	}

	@AfterEach
	void close() {
		this.proxy.restore();
		this.producer.destroy();
		this.worker.destroy();
		this.proxy.close();
	}

	@Test
	void jobsEnqueuedBeforeAndAfterAnOutageAllReachAWorkerAndNoCallHangs() throws Exception {
		String queue = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		Set<String> enqueued = ConcurrentHashMap.newKeySet();
		Set<String> processed = ConcurrentHashMap.newKeySet();
		AtomicInteger failedEnqueues = new AtomicInteger();
		AtomicLong slowestCallMs = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			threads.execute(() -> {
				int n = 0;
				while (!stop.get()) {
					long started = System.nanoTime();
					try {
						enqueued.add(this.producer.enqueue(EnqueueRequest.of(queue, Map.of("n", n++))).jobId());
					}
					catch (PuristaException ex) {
						failedEnqueues.incrementAndGet();
					}
					slowestCallMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
							Math::max);
				}
			});
			threads.execute(() -> {
				while (!stop.get()) {
					long started = System.nanoTime();
					try {
						QueueLease lease = this.worker.leaseNext(queue, Duration.ofMillis(200));
						if (lease != null) {
							processed.add(lease.id());
							this.worker.ack(queue, lease.leaseId());
						}
					}
					catch (PuristaException ex) {
						// the worker backs off by leasing again
					}
					slowestCallMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
							Math::max);
				}
			});
			await().atMost(Duration.ofSeconds(20)).until(() -> processed.size() >= 50);

			this.proxy.cutConnections();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !this.producer.isHealthy() && !this.worker.isHealthy());
			await().atMost(Duration.ofSeconds(20)).until(() -> failedEnqueues.get() >= 2);

			this.proxy.restore();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.producer.isHealthy() && this.worker.isHealthy());
			int afterRecovery = enqueued.size();
			await().atMost(Duration.ofSeconds(20)).until(() -> enqueued.size() >= afterRecovery + 50);
			stop.set(true);
		}
		finally {
			stop.set(true);
			threads.shutdown();
			assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}

		NatsQueueBridge drainer = bridge();
		try {
			await().atMost(Duration.ofSeconds(90)).until(() -> {
				QueueLease lease = drainer.leaseNext(queue, Duration.ofMillis(500));
				while (lease != null) {
					processed.add(lease.id());
					drainer.ack(queue, lease.leaseId());
					lease = drainer.leaseNext(queue, Duration.ofMillis(500));
				}
				return processed.containsAll(enqueued);
			});
		}
		finally {
			drainer.destroy();
		}
		assertThat(failedEnqueues.get()).as("enqueues during the outage failed").isGreaterThanOrEqualTo(2);
		assertThat(slowestCallMs.get()).as("no call hung").isLessThan(SLOWEST_CALL.toMillis());
		assertThat(processed).containsAll(enqueued);
	}

	private NatsQueueBridge bridge() {
		NatsQueueBridge bridge = new NatsQueueBridge(this.nats.options(this.proxy.port()), new MessageCodec(),
				NatsQueueBridgeOptions.builder().defaultLeaseTtl(Duration.ofSeconds(1)).build());
		bridge.start();
		return bridge;
	}

}
