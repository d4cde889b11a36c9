package dev.purista.core.message;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The values of PURISTA's {@code messageType} field ({@code EBMessageType}).
 */
public enum MessageType {

	/** A command (request) addressed to one service function. */
	COMMAND("command"),
	/** The successful answer to a command. */
	COMMAND_SUCCESS_RESPONSE("commandSuccessResponse"),
	/** The error answer to a command. */
	COMMAND_ERROR_RESPONSE("commandErrorResponse"),
	/** A service is initialising. */
	INFO_SERVICE_INIT("infoServiceInit"),
	/** A service is ready. */
	INFO_SERVICE_READY("infoServiceReady"),
	/** A service is not ready. */
	INFO_SERVICE_NOT_READY("infoServiceNotReady"),
	/** A command was registered; the payload holds its metadata. */
	INFO_SERVICE_FUNCTION_ADDED("infoServiceFunctionAdded"),
	/** A service drains (unused by PURISTA core, kept for the wire). */
	INFO_SERVICE_DRAIN("infoServiceDrain"),
	/** A service shuts down (unused by PURISTA core, kept for the wire). */
	INFO_SERVICE_SHUTDOWN("infoServiceShutdown"),
	/** An invocation timed out (unused by PURISTA core, kept for the wire). */
	INFO_INVOKE_TIMEOUT("infoInvokeTimeout"),
	/** A subscription failed (unused by PURISTA core, kept for the wire). */
	INFO_SUBSCRIPTION_ERROR("infoSubscriptionError"),
	/** A custom event. */
	CUSTOM_MESSAGE("customMessage"),
	/** A stream frame. */
	STREAM("stream");

	private static final Map<String, MessageType> BY_WIRE_NAME = new HashMap<>();

	static {
		for (MessageType type : values()) {
			BY_WIRE_NAME.put(type.wireName, type);
		}
	}

	private final String wireName;

	MessageType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Return the name used on the wire, e.g. {@code commandSuccessResponse}.
	 * @return the wire name
	 */
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Whether this is one of the {@code info*} types.
	 * @return {@code true} for info messages
	 */
	public boolean isInfo() {
		return this.wireName.startsWith("info");
	}

	/**
	 * Return the type for a wire name.
	 * @param wireName the value of {@code messageType}
	 * @return the type, or {@code null} if PURISTA has no such type
	 */
	public static @Nullable MessageType fromWireName(String wireName) {
		return BY_WIRE_NAME.get(wireName);
	}

	@Override
	public String toString() {
		return this.wireName;
	}

}
