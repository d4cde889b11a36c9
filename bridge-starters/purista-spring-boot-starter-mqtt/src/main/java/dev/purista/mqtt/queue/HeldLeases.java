package dev.purista.mqtt.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The leases this instance holds, by lease id. Taking a lease out is the one step that settles it, so a lease is
 * settled once however many threads try. Thread-safe.
 */
final class HeldLeases {

	private final Map<String, HeldLease> leases = new ConcurrentHashMap<>();

	void put(HeldLease lease) {
		this.leases.put(lease.leaseId, lease);
	}

	@Nullable HeldLease find(String queueName, String leaseId) {
		HeldLease lease = this.leases.get(leaseId);
		return (lease != null && lease.queueName.equals(queueName)) ? lease : null;
	}

	/**
	 * Take a lease out; {@code null} when it is unknown (settled before or of another queue).
	 * @param queueName the queue
	 * @param leaseId the lease
	 * @return the lease or {@code null}
	 */
	@Nullable HeldLease take(String queueName, String leaseId) {
		HeldLease lease = find(queueName, leaseId);
		return (lease != null && this.leases.remove(leaseId, lease)) ? lease : null;
	}

	boolean take(HeldLease lease) {
		return this.leases.remove(lease.leaseId, lease);
	}

	boolean holds(String queueName, String jobId) {
		for (HeldLease lease : this.leases.values()) {
			if (lease.queueName.equals(queueName) && lease.jobId.equals(jobId)) {
				return true;
			}
		}
		return false;
	}

	List<HeldLease> expired(long now) {
		List<HeldLease> expired = new ArrayList<>();
		for (HeldLease lease : this.leases.values()) {
			if (lease.expiresAt <= now) {
				expired.add(lease);
			}
		}
		return expired;
	}

	List<HeldLease> all() {
		return new ArrayList<>(this.leases.values());
	}

}
