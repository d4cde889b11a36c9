package dev.purista.core.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations PURISTA records. Names follow PURISTA's span names where one exists.
 */
public enum PuristaObservation implements ObservationDocumentation {

	/** Sending a command and waiting for its response (producer). */
	COMMAND_INVOKE("purista.command.invoke"),

	/** Handling a received command (consumer). */
	COMMAND_HANDLE("purista.command.handle"),

	/** Sending a command's response (producer; its context travels in the response's {@code otp}). */
	COMMAND_RESPONSE("purista.command.response"),

	/** Emitting an event (producer). */
	EVENT_EMIT("purista.emit"),

	/** Handling a message in a subscription (consumer). */
	SUBSCRIPTION_HANDLE("purista.subscription.handle"),

	/** Enqueueing a job (producer). */
	QUEUE_ENQUEUE("purista.queue.enqueue"),

	/** Processing a queue job (consumer). */
	QUEUE_PROCESS("purista.queue.process");

	private final String name;

	PuristaObservation(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public KeyName[] getLowCardinalityKeyNames() {
		return LowCardinalityKeys.values();
	}

	/**
	 * Low-cardinality tags of every PURISTA observation.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The service name. */
		SERVICE_NAME("purista.service.name"),

		/** The service version. */
		SERVICE_VERSION("purista.service.version"),

		/** The function (command, subscription, queue or event name). */
		TARGET("purista.target"),

		/** {@code success}, {@code handled_error} or {@code unhandled_error}. */
		OUTCOME("purista.outcome");

		private final String key;

		LowCardinalityKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
