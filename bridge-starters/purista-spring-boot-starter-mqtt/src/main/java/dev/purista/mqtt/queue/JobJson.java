package dev.purista.mqtt.queue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import dev.purista.core.error.PuristaException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueMessage;

/**
 * Job JSON (the {@link QueueMessage} fields, as every PURISTA queue bridge stores them), through the
 * application's {@link MessageCodec}.
 */
final class JobJson {

	private static final Log logger = LogFactory.getLog(JobJson.class);

	private final MessageCodec codec;

	JobJson(MessageCodec codec) {
		this.codec = codec;
	}

	byte[] write(Object value, String what) {
		try {
			return this.codec.mapper().writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new PuristaException(MqttQueueBridge.NAME + " could not write the " + what + " as JSON: "
					+ ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Read a job.
	 * @param json the stored bytes
	 * @return the job, or {@code null} when the bytes are not a PURISTA job
	 */
	@Nullable QueueMessage read(byte @Nullable [] json) {
		if (json == null || json.length == 0) {
			return null;
		}
		try {
			return this.codec.mapper().readValue(json, QueueMessage.class);
		}
		catch (JacksonException | NullPointerException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not a PURISTA job: " + ex.getMessage());
			}
			return null;
		}
	}

	/**
	 * Read a value of another type.
	 * @param json the bytes
	 * @param type the type
	 * @param <T> the type
	 * @return the value, or {@code null} when the bytes are not one
	 */
	<T> @Nullable T read(byte @Nullable [] json, Class<T> type) {
		if (json == null || json.length == 0) {
			return null;
		}
		try {
			return this.codec.mapper().readValue(json, type);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
