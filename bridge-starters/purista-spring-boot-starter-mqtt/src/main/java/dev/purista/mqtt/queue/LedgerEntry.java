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
 * @param job the job JSON
 * @param seenAt when this instance received the record (epoch ms, not stored)
 */
record LedgerEntry(String queueName, String jobId, LedgerState state, @Nullable String holder, int delivery,
		long deadline, byte[] job, long seenAt) {

	static final String STATE = "purista-queue-state";

	static final String HOLDER = "purista-queue-holder";

	static final String DELIVERY = "purista-queue-delivery";

	static final String DEADLINE = "purista-queue-deadline";

	/**
	 * The user properties of a record.
	 * @param state where the job is
	 * @param holder the holder, or {@code null}
	 * @param delivery the publication number
	 * @param deadline the deadline
	 * @return the properties
	 */
	static Mqtt5UserProperties properties(LedgerState state, @Nullable String holder, int delivery, long deadline) {
		var builder = Mqtt5UserProperties.builder()
			.add(STATE, state.name())
			.add(DELIVERY, Integer.toString(delivery))
			.add(DEADLINE, Long.toString(deadline));
		if (holder != null) {
			builder.add(HOLDER, holder);
		}
		return builder.build();
	}

	/**
	 * Read a received record.
	 * @param queueName the queue
	 * @param jobId the job
	 * @param publish the retained message (not empty)
	 * @param now the time it was received
	 * @return the entry, or {@code null} when the message is no ledger record
	 */
	static @Nullable LedgerEntry read(String queueName, String jobId, Mqtt5Publish publish, long now) {
		try {
			LedgerState state = LedgerState.valueOf(property(publish, STATE).orElse(""));
			int delivery = Integer.parseInt(property(publish, DELIVERY).orElse("1"));
			long deadline = Long.parseLong(property(publish, DEADLINE).orElse("0"));
			return new LedgerEntry(queueName, jobId, state, property(publish, HOLDER).orElse(null), delivery, deadline,
					publish.getPayloadAsBytes(), now);
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
