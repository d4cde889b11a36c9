package dev.purista.nats.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The leases one {@link NatsQueueBridge} holds (in process memory, as in TypeScript) and the keeper thread that
 * tells JetStream every third of a consumer's {@code ack_wait} that held jobs are still in progress, and hands
 * expired leases to the bridge for recovery.
 */
final class HeldLeases {

	private static final Log logger = LogFactory.getLog(NatsQueueBridge.class);

	private final Map<String, HeldLease> leases = new ConcurrentHashMap<>();

	private final ScheduledExecutorService keeper;

	HeldLeases() {
		this.keeper = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "purista-nats-queue-leases");
			thread.setDaemon(true);
			return thread;
		});
	}

	void put(HeldLease held) {
		this.leases.put(held.leaseId, held);
	}

	@Nullable HeldLease find(String queueName, String leaseId) {
		HeldLease held = this.leases.get(leaseId);
		return (held != null && held.queueName.equals(queueName)) ? held : null;
	}

	/**
	 * Take a lease out of the table, so that only one caller ends it.
	 * @return the lease, or {@code null} when it is unknown (ended before)
	 */
	@Nullable HeldLease take(String queueName, String leaseId, String operation) {
		HeldLease held = this.leases.get(leaseId);
		if (held == null || !held.queueName.equals(queueName) || !this.leases.remove(leaseId, held)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored " + operation + " of unknown lease " + leaseId + " on queue '" + queueName + "'");
			}
			return null;
		}
		return held;
	}

	/**
	 * Take a lease out of the table unless another caller took it before.
	 * @return whether this caller took it
	 */
	boolean take(HeldLease held) {
		return this.leases.remove(held.leaseId, held);
	}

	List<HeldLease> all() {
		return List.copyOf(this.leases.values());
	}

	List<HeldLease> of(String queueName, int limit) {
		List<HeldLease> found = new ArrayList<>();
		for (HeldLease held : this.leases.values()) {
			if (found.size() >= limit) {
				break;
			}
			if (held.queueName.equals(queueName)) {
				found.add(held);
			}
		}
		return found;
	}

	/**
	 * Hand the queue's expired leases to {@code recover}.
	 */
	void recoverExpired(String queueName, Consumer<HeldLease> recover) {
		if (this.leases.isEmpty()) {
			return;
		}
		long now = System.currentTimeMillis();
		for (HeldLease held : this.leases.values()) {
			if (held.queueName.equals(queueName) && now >= held.expiresAt) {
				recover.accept(held);
			}
		}
	}

	/**
	 * Keep the queue's leases from now on: every third of {@code ackWait} (50 ms to 10 s), running leases are
	 * marked in progress and expired ones handed to {@code recover}.
	 */
	void keep(String queueName, Duration ackWait, Consumer<HeldLease> recover) {
		long period = Math.max(50, Math.min(10_000, ackWait.toMillis() / 3));
		this.keeper.scheduleWithFixedDelay(() -> keepLeases(queueName, recover), period, period,
				TimeUnit.MILLISECONDS);
	}

	void shutdown() {
		this.keeper.shutdownNow();
	}

	private void keepLeases(String queueName, Consumer<HeldLease> recover) {
		long now = System.currentTimeMillis();
		for (HeldLease held : this.leases.values()) {
			if (!held.queueName.equals(queueName)) {
				continue;
			}
			try {
				if (now >= held.expiresAt) {
					recover.accept(held);
				}
				else {
					held.delivered.inProgress();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not keep lease " + held.leaseId + " of queue '" + queueName + "': " + ex);
			}
		}
	}

}
