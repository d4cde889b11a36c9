package dev.purista.mqtt.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.jspecify.annotations.Nullable;

/**
 * This instance's view of the ledgers of the queues it uses, kept from the retained ledger records it is
 * subscribed to. Thread-safe.
 */
final class QueueLedger {

	private final Map<String, Map<String, LedgerEntry>> queues = new ConcurrentHashMap<>();

	void track(String queueName) {
		this.queues.computeIfAbsent(queueName, (name) -> new ConcurrentHashMap<>());
	}

	/**
	 * Apply a received record: an empty payload removes the job's entry.
	 * @param queueName the queue
	 * @param jobId the job
	 * @param publish the message
	 * @param now when it was received
	 */
	void apply(String queueName, String jobId, Mqtt5Publish publish, long now) {
		Map<String, LedgerEntry> entries = this.queues.computeIfAbsent(queueName, (name) -> new ConcurrentHashMap<>());
		if (publish.getPayloadAsBytes().length == 0) {
			entries.remove(jobId);
			return;
		}
		LedgerEntry entry = LedgerEntry.read(queueName, jobId, publish, now);
		if (entry != null) {
			entries.put(jobId, entry);
		}
	}

	@Nullable LedgerEntry get(String queueName, String jobId) {
		Map<String, LedgerEntry> entries = this.queues.get(queueName);
		return (entries != null) ? entries.get(jobId) : null;
	}

	/**
	 * The entries of a queue, oldest publication first.
	 * @param queueName the queue
	 * @return a snapshot
	 */
	List<LedgerEntry> entries(String queueName) {
		Map<String, LedgerEntry> entries = this.queues.get(queueName);
		List<LedgerEntry> snapshot = (entries != null) ? new ArrayList<>(entries.values()) : new ArrayList<>();
		snapshot.sort(Comparator.comparingLong(LedgerEntry::seenAt));
		return snapshot;
	}

	List<String> queueNames() {
		return List.copyOf(this.queues.keySet());
	}

}
