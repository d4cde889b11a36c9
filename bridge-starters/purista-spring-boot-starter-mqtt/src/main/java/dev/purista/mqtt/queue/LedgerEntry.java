package dev.purista.mqtt.queue;

import java.util.Optional;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.jspecify.annotations.Nullable;

/**
 * One job's ledger record: a retained message on {@code <prefix>/queue/<queue>/ledger/<jobId>} whose payload is
 * the job JSON as it stands and whose MQTT user properties say where the job is. A job that is settled (acked or
 * dead-lettered) has no record.
 *
 * @param queueName the queue
 * @param jobId the job
 * @param state where the job is
 * @param holder the instance that holds it ({@code null} while {@link LedgerState#QUEUED})
 * @param delivery the number of the job's current publication; older copies of the job are stale
 * @param deadline when a {@link LedgerState#QUEUED} job must have been received, or when a
 * {@link LedgerState#LEASED} job's lease expires (epoch ms; 0 for {@link LedgerState#HELD})
 * @param leaseId the lease of a {@link LedgerState#LEASED} job, else {@code null}
 * @param revision the record's revision: each write is the writer's last known revision + 1, and a record never
 * replaces a newer one (copies of this instance's own writes arrive after it applied them)
 * @param job the job JSON (empty for {@link LedgerState#SETTLED})
 * @param seenAt when this instance received or wrote the record (epoch ms, not stored)
 */
record LedgerEntry(String queueName, String jobId, LedgerState state, @Nullable String holder, int delivery,
		long deadline, @Nullable String leaseId, long revision, byte[] job, long seenAt) {

	static final String STATE = "purista-queue-state";

	static final String HOLDER = "purista-queue-holder";

	static final String DELIVERY = "purista-queue-delivery";

	static final String DEADLINE = "purista-queue-deadline";

	static final String LEASE = "purista-queue-lease";

	static final String REVISION = "purista-queue-revision";

	/**
	 * The user properties of this record.
	 * @return the properties
	 */
	Mqtt5UserProperties properties() {
		var builder = Mqtt5UserProperties.builder()
			.add(STATE, this.state.name())
			.add(DELIVERY, Integer.toString(this.delivery))
			.add(DEADLINE, Long.toString(this.deadline))
			.add(REVISION, Long.toString(this.revision));
		if (this.holder != null) {
			builder.add(HOLDER, this.holder);
		}
		if (this.leaseId != null) {
			builder.add(LEASE, this.leaseId);
		}
		return builder.build();
	}

	/**
	 * Read a received record.
	 * @param queueName the queue
	 * @param jobId the job
	 * @param publish the message (an empty one clears the record: {@link LedgerState#SETTLED})
	 * @param now the time it was received
	 * @return the entry, or {@code null} when the message is no ledger record
	 */
	static @Nullable LedgerEntry read(String queueName, String jobId, Mqtt5Publish publish, long now) {
		try {
			byte[] job = publish.getPayloadAsBytes();
			long revision = Long.parseLong(property(publish, REVISION).orElse("0"));
			if (job.length == 0) {
				return new LedgerEntry(queueName, jobId, LedgerState.SETTLED, null, 0, 0, null, revision, job, now);
			}
			LedgerState state = LedgerState.valueOf(property(publish, STATE).orElse(""));
			int delivery = Integer.parseInt(property(publish, DELIVERY).orElse("1"));
			long deadline = Long.parseLong(property(publish, DEADLINE).orElse("0"));
			return new LedgerEntry(queueName, jobId, state, property(publish, HOLDER).orElse(null), delivery, deadline,
					property(publish, LEASE).orElse(null), revision, job, now);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The value of a user property of a message.
	 * @param publish the message
	 * @param name the property
	 * @return the first value
	 */
	static Optional<String> property(Mqtt5Publish publish, String name) {
		for (Mqtt5UserProperty property : publish.getUserProperties().asList()) {
			if (property.getName().equals(MqttUtf8String.of(name))) {
				return Optional.of(property.getValue().toString());
			}
		}
		return Optional.empty();
	}

}
