package dev.purista.mqtt.queue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The live bridge instances, kept from the retained member records: each instance publishes until when it is
 * alive and which queues it uses, every third of the member timeout; its will message clears the record when
 * the broker loses its connection. Thread-safe.
 */
final class QueueMembers {

	private final Map<String, MemberRecord> members = new ConcurrentHashMap<>();

	/**
	 * Apply a received member record.
	 * @param instanceId the instance
	 * @param record the record, or {@code null} when it was cleared
	 */
	void apply(String instanceId, @Nullable MemberRecord record) {
		if (record == null) {
			this.members.remove(instanceId);
		}
		else {
			this.members.put(instanceId, record);
		}
	}

	/**
	 * Whether an instance is alive: its record exists and its heartbeat is recent.
	 * @param instanceId the instance
	 * @param now the time
	 * @return whether it is alive
	 */
	boolean isAlive(String instanceId, long now) {
		MemberRecord record = this.members.get(instanceId);
		return record != null && record.aliveUntil() > now;
	}

	/**
	 * Whether this instance recovers a queue's jobs: of the live instances consuming the queue (this one included),
	 * the one with the smallest instance id does, so that one copy is published again, not one per instance.
	 * @param queueName the queue
	 * @param self this instance
	 * @param now the time
	 * @return whether this instance recovers
	 */
	boolean isRecoverer(String queueName, String self, long now) {
		for (Map.Entry<String, MemberRecord> member : this.members.entrySet()) {
			MemberRecord record = member.getValue();
			if (record.aliveUntil() > now && record.queues().contains(queueName)
					&& member.getKey().compareTo(self) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether another live instance consumes a queue.
	 * @param queueName the queue
	 * @param self this instance
	 * @param now the time
	 * @return whether one does
	 */
	boolean hasOtherLiveConsumer(String queueName, String self, long now) {
		for (Map.Entry<String, MemberRecord> member : this.members.entrySet()) {
			MemberRecord record = member.getValue();
			if (record.aliveUntil() > now && record.queues().contains(queueName) && !member.getKey().equals(self)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A member record's JSON.
	 * @param aliveUntil until when the instance counts as alive (epoch ms)
	 * @param queues the queues it uses
	 */
	record MemberRecord(long aliveUntil, List<String> queues) {

		MemberRecord {
			queues = (queues != null) ? List.copyOf(queues) : List.of();
		}

	}

}
