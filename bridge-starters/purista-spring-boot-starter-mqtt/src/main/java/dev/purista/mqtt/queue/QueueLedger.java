package dev.purista.mqtt.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.jspecify.annotations.Nullable;

/**
 * This instance's view of the ledgers of the queues it uses: every record it received on its ledger
 * subscriptions and every record it wrote (applied at once, before the broker echoes it). A record replaces the
 * job's entry only when its revision is not older; cleared records stay as {@link LedgerState#SETTLED} entries for a
 * while so that older copies arriving late are ignored. Thread-safe.
 */
final class QueueLedger {

	private final Map<String, Map<String, LedgerEntry>> queues = new ConcurrentHashMap<>();

	private final AtomicLong lastRevision = new AtomicLong();

	void track(String queueName) {
		this.queues.computeIfAbsent(queueName, (name) -> new ConcurrentHashMap<>());
	}

	boolean isTracked(String queueName) {
		return this.queues.containsKey(queueName);
	}

	/**
	 * Apply a received record.
	 * @param queueName the queue
	 * @param jobId the job
	 * @param publish the message
	 * @param now when it was received
	 */
	void apply(String queueName, String jobId, Mqtt5Publish publish, long now) {
		LedgerEntry entry = LedgerEntry.read(queueName, jobId, publish, now);
		if (entry != null) {
			offer(entry);
		}
	}

	/**
	 * Apply a record unless the entry holds a newer one.
	 * @param entry the record
	 */
	void offer(LedgerEntry entry) {
		entries(entry.queueName()).merge(entry.jobId(), entry,
				(current, offered) -> (offered.revision() >= current.revision()) ? offered : current);
	}

	/**
	 * Write a record: the next revision of the job's entry, applied at once when the queue is followed.
	 * @param queueName the queue
	 * @param jobId the job
	 * @param next builds the record from the next revision
	 * @return the record written
	 */
	LedgerEntry write(String queueName, String jobId, Function<Long, LedgerEntry> next) {
		Map<String, LedgerEntry> entries = this.queues.get(queueName);
		if (entries == null) {
			return next.apply(clock(0));
		}
		LedgerEntry[] written = new LedgerEntry[1];
		entries.compute(jobId, (id, current) -> {
			written[0] = next.apply(clock((current != null) ? current.revision() : 0));
			return written[0];
		});
		return written[0];
	}

	/**
	 * The next revision: after the current one and after every revision this process wrote (epoch microseconds,
	 * strictly increasing per process), so records of different jobs written later have higher revisions.
	 */
	private long clock(long current) {
		long stamp = this.lastRevision.updateAndGet((last) -> Math.max(last + 1, System.currentTimeMillis() * 1000));
		return Math.max(current + 1, stamp);
	}

	/**
	 * The unsettled entry of a job.
	 * @param queueName the queue
	 * @param jobId the job
	 * @return the entry, or {@code null} when the job is settled or unknown
	 */
	@Nullable LedgerEntry get(String queueName, String jobId) {
		Map<String, LedgerEntry> entries = this.queues.get(queueName);
		LedgerEntry entry = (entries != null) ? entries.get(jobId) : null;
		return (entry != null && entry.state() != LedgerState.SETTLED) ? entry : null;
	}

	/**
	 * The unsettled entries of a queue, in the order this instance saw them.
	 * @param queueName the queue
	 * @param limit how many at most
	 * @return a snapshot
	 */
	List<LedgerEntry> entries(String queueName, int limit) {
		Map<String, LedgerEntry> entries = this.queues.get(queueName);
		List<LedgerEntry> snapshot = new ArrayList<>();
		if (entries != null) {
			for (LedgerEntry entry : entries.values()) {
				if (entry.state() != LedgerState.SETTLED) {
					snapshot.add(entry);
				}
			}
		}
		snapshot.sort(Comparator.comparingLong(LedgerEntry::seenAt));
		return (snapshot.size() > limit) ? snapshot.subList(0, limit) : snapshot;
	}

	/**
	 * Forget settled entries older than a time.
	 * @param before the time (epoch ms)
	 */
	void forgetSettled(long before) {
		for (Map<String, LedgerEntry> entries : this.queues.values()) {
			entries.values().removeIf((entry) -> entry.state() == LedgerState.SETTLED && entry.seenAt() < before);
		}
	}

	private Map<String, LedgerEntry> entries(String queueName) {
		return this.queues.computeIfAbsent(queueName, (name) -> new ConcurrentHashMap<>());
	}

}
