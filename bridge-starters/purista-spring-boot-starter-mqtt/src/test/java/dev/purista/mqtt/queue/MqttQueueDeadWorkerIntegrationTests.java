package dev.purista.mqtt.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.mqtt.MqttServer;
import dev.purista.mqtt.MqttTestSupport;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The offline-group-member pitfall against the real mosquitto: a worker that dies (its connection cut by a
 * {@link TcpProxy}, so it cannot reconnect) while it holds a lease and received jobs, and while mosquitto keeps
 * handing new jobs to its offline persistent session. A live worker takes all of them within a bounded time: the
 * dead worker's member record is cleared by its will (and would time out anyway), so its held and leased jobs are
 * recovered from the ledger; the jobs queued for its session are recovered when nobody received them within the
 * assign timeout.
 */
class MqttQueueDeadWorkerIntegrationTests {

	private static final Duration MEMBER_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration ASSIGN_TIMEOUT = Duration.ofSeconds(2);

	/** Member timeout + assign timeout + a lease TTL never reached + slack for the broker. */
	private static final Duration BOUND = Duration.ofSeconds(8);

	private final MqttTestSupport support = new MqttTestSupport();

	private final String prefix = "deadworker-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<AutoCloseable> cleanup = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		for (int i = this.cleanup.size() - 1; i >= 0; i--) {
			this.cleanup.get(i).close();
		}
	}

	@Test
	void liveWorkerTakesTheJobsOfADeadWorkerWithinABoundedTime() {
		TcpProxy proxy = new TcpProxy(this.support.address.host(), this.support.address.port()).start();
		this.cleanup.add(proxy);
		MqttServer direct = this.support.server();
		MqttServer throughProxy = new MqttServer("127.0.0.1", proxy.port(), direct.username(), direct.password());
		// the dead worker has the smaller id, so it would be the recoverer while alive
		MqttQueueBridge dying = start(throughProxy, "a-dying-" + this.prefix);
		MqttQueueBridge live = start(direct, "b-live-" + this.prefix);
		String queue = "reports";
		assertThat(dying.leaseNext(queue, Duration.ZERO)).isNull();
		assertThat(live.leaseNext(queue, Duration.ZERO)).isNull();
		await().atMost(BOUND).until(() -> isMemberOf(live, dying.instanceId()));

		Set<String> enqueued = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 6; i++) {
			enqueued.add(live.enqueue(EnqueueRequest.of(queue, Map.of("n", i)).withLeaseTtlMs(60_000L)).jobId());
		}
		QueueLease heldByDeadWorker = dying.leaseNext(queue, Duration.ofSeconds(5));
		assertThat(heldByDeadWorker).as("the dying worker got a share of the jobs").isNotNull();
		await().atMost(BOUND)
			.untilAsserted(() -> assertThat(live.inspectLeases(queue, 10)).extracting(QueueLease::leaseId)
				.as("the lease is in the ledger").containsExactly(heldByDeadWorker.leaseId()));

		proxy.cutConnections();
		await().atMost(BOUND).until(() -> !dying.isHealthy());
		long diedAt = System.currentTimeMillis();
		for (int i = 6; i < 12; i++) {
			// mosquitto hands every second one of these to the dead worker's offline session
			enqueued.add(live.enqueue(EnqueueRequest.of(queue, Map.of("n", i)).withLeaseTtlMs(60_000L)).jobId());
		}

		Map<String, QueueLease> takenByLiveWorker = new ConcurrentHashMap<>();
		await().atMost(BOUND).untilAsserted(() -> {
			QueueLease lease = live.leaseNext(queue, Duration.ofMillis(200));
			if (lease != null) {
				takenByLiveWorker.putIfAbsent(lease.id(), lease);
				live.ack(queue, lease.leaseId());
			}
			assertThat(takenByLiveWorker.keySet()).containsExactlyInAnyOrderElementsOf(enqueued);
		});
		assertThat(System.currentTimeMillis() - diedAt).isLessThan(BOUND.toMillis());
		QueueLease recovered = takenByLiveWorker.get(heldByDeadWorker.id());
		assertThat(recovered.message().attempt()).as("the dead worker's lease counted").isEqualTo(2);
		assertThat(recovered.message().headers()).containsEntry(QueueHeaders.LAST_RETRY_REASON,
				QueueHeaders.REASON_LEASE_EXPIRED);
		assertThat(live.leaseNext(queue, Duration.ofMillis(500))).as("nothing is delivered twice").isNull();
		assertThat(live.metrics(queue).pending()).isZero();
		assertThat(live.metrics(queue).inflight()).isZero();
	}

	private MqttQueueBridge start(MqttServer server, String instanceId) {
		MqttQueueBridge bridge = new MqttQueueBridge(server, new MessageCodec(), MqttQueueBridgeOptions.builder()
			.instanceId(instanceId)
			.topicPrefix(this.prefix)
			.memberTimeout(MEMBER_TIMEOUT)
			.assignTimeout(ASSIGN_TIMEOUT)
			.sessionExpiry(Duration.ofSeconds(30))
			.operationTimeout(Duration.ofSeconds(2))
			.build());
		bridge.start();
		this.cleanup.add(bridge::destroy);
		return bridge;
	}

	private static boolean isMemberOf(MqttQueueBridge bridge, String instanceId) {
		return bridge.isKnownMember(instanceId);
	}

}
