package dev.purista.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.observation.TraceCarrier;

/**
 * The MQTT 5 user properties of TypeScript PURISTA's {@code MqttBridge} (its broker headers):
 * {@code messageType, senderServiceName, senderServiceVersion, senderServiceTarget, senderInstanceId}; on commands
 * and responses {@code receiverServiceName, receiverServiceVersion, receiverServiceTarget} and, when set,
 * {@code receiverInstanceId}; when set {@code eventName, principalId, tenantId}; and the W3C trace fields of the
 * message's {@code otp} ({@code traceparent, tracestate, baggage}).
 */
public final class MqttUserProperties {

	/** The user property holding the message type. */
	public static final String MESSAGE_TYPE = "messageType";

	/** The user property holding the receiver's instance id. */
	public static final String RECEIVER_INSTANCE_ID = "receiverInstanceId";

	private MqttUserProperties() {
	}

	/**
	 * The user properties of an outgoing message.
	 * @param message the message, with its sender's instance id set
	 * @return the user properties, without absent values
	 */
	public static Mqtt5UserProperties of(Message message) {
		Mqtt5UserPropertiesBuilder properties = Mqtt5UserProperties.builder();
		properties.add(MESSAGE_TYPE, message.messageType().wireName());
		MessageAddress sender = message.sender();
		properties.add("senderServiceName", sender.serviceName());
		properties.add("senderServiceVersion", sender.serviceVersion());
		properties.add("senderServiceTarget", sender.serviceTarget());
		addIfPresent(properties, "senderInstanceId", sender.instanceId());
		MessageAddress receiver = message.receiver();
		if (receiver != null && hasReceiver(message.messageType())) {
			properties.add("receiverServiceName", receiver.serviceName());
			properties.add("receiverServiceVersion", receiver.serviceVersion());
			properties.add("receiverServiceTarget", receiver.serviceTarget());
			addIfPresent(properties, RECEIVER_INSTANCE_ID, receiver.instanceId());
		}
		addIfPresent(properties, "eventName", message.eventName());
		addIfPresent(properties, "principalId", message.principalId());
		addIfPresent(properties, "tenantId", message.tenantId());
		TraceCarrier.fromOtp(message.otp()).forEach((name, value) -> {
			if (TraceCarrier.W3C_FIELDS.contains(name)) {
				properties.add(name, value);
			}
		});
		return properties.build();
	}

	/**
	 * A received message with the W3C trace context of its user properties: TypeScript
	 * ({@code deserializeOtpFromMqtt}) uses user property {@code traceparent} before the body's {@code otp}, so
	 * trace fields in the user properties whose {@code traceparent} differs from (or is missing in) {@code otp}
	 * replace it; otherwise the message is returned as decoded.
	 * @param message the decoded message
	 * @param properties its user properties
	 * @return the message whose {@code otp} carries the trace context to continue
	 */
	public static Message withTraceContext(Message message, Mqtt5UserProperties properties) {
		if (properties.asList().isEmpty()) {
			return message;
		}
		Map<String, String> fromProperties = new LinkedHashMap<>();
		properties.asList().forEach((property) -> {
			String name = property.getName().toString();
			String value = property.getValue().toString();
			if (TraceCarrier.W3C_FIELDS.contains(name) && !value.isEmpty() && !fromProperties.containsKey(name)) {
				fromProperties.put(name, value);
			}
		});
		String traceparent = fromProperties.get("traceparent");
		if (traceparent == null) {
			return message;
		}
		Map<String, String> body = TraceCarrier.fromOtp(message.otp());
		if (traceparent.equals(body.get("traceparent"))) {
			return message;
		}
		Map<String, String> carrier = new LinkedHashMap<>(body);
		carrier.putAll(fromProperties);
		return message.withTransport(message.id(), message.timestamp(), TraceCarrier.toOtp(carrier));
	}

	private static boolean hasReceiver(MessageType type) {
		return type == MessageType.COMMAND || type == MessageType.COMMAND_SUCCESS_RESPONSE
				|| type == MessageType.COMMAND_ERROR_RESPONSE;
	}

	private static void addIfPresent(Mqtt5UserPropertiesBuilder properties, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			properties.add(name, value);
		}
	}

}
