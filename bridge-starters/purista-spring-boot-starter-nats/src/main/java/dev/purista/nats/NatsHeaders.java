package dev.purista.nats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.observation.TraceCarrier;

/**
 * The NATS headers of TypeScript PURISTA's {@code NatsBridge} ({@code BrokerHeaderCustomMsg},
 * {@code BrokerHeaderCommandMsg}): {@code messageType}, the sender's {@code senderServiceName},
 * {@code senderServiceVersion}, {@code senderServiceTarget}, {@code senderInstanceId}, optional {@code eventName},
 * {@code principalId}, {@code tenantId}; on commands and responses the receiver's {@code receiverServiceName},
 * {@code receiverServiceVersion}, {@code receiverServiceTarget} and {@code receiverInstanceId} when known; and the
 * W3C trace headers ({@code traceparent}, {@code tracestate}, {@code baggage}) of the message's {@code otp}.
 * TypeScript builds these headers for commands too but does not send them, and neither does Java: a command's
 * routing and trace context travel in its body.
 */
public final class NatsHeaders {

	/** Header holding the message type's wire name. */
	public static final String MESSAGE_TYPE = "messageType";

	/** Header holding the receiver's instance id (NATS spelling, unlike AMQP's {@code receiverServiceInstanceId}). */
	public static final String RECEIVER_INSTANCE_ID = "receiverInstanceId";

	/** Dead-letter header (TypeScript's): why the message was dead-lettered. */
	public static final String DEAD_LETTER_REASON = "x-purista-dead-letter-reason";

	/** Dead-letter header (TypeScript's): JetStream's delivery count when it was dead-lettered. */
	public static final String DEAD_LETTER_ATTEMPT = "x-purista-dead-letter-attempt";

	/** Dead-letter header (TypeScript's): the subscribed subject. */
	public static final String DEAD_LETTER_ORIGINAL_SUBJECT = "x-purista-dead-letter-original-subject";

	/** Dead-letter header (TypeScript's): {@code <service>/<version>/<target>} of the subscription or command. */
	public static final String DEAD_LETTER_SUBSCRIBER = "x-purista-dead-letter-subscriber";

	private static final byte[] PUBLISH_ACK_START = "{\"stream\"".getBytes(StandardCharsets.US_ASCII);

	/** How many distinct header sets {@link #shared(Message)} keeps before it drops them and collects anew. */
	static final int SHARED_LIMIT = 1024;

	private static final Map<Key, Headers> SHARED = new ConcurrentHashMap<>();

	private NatsHeaders() {
	}

	/**
	 * Whether a message on an inbox is JetStream's acknowledgement of a publication ({@code {"stream":..,"seq":..}}),
	 * which a command captured by a stream (a durable command) gets before its response.
	 * @param message the received message
	 * @return {@code true} if it is a publish acknowledgement
	 */
	static boolean isJetStreamPublishAck(io.nats.client.Message message) {
		byte[] data = message.getData();
		return data != null && data.length >= PUBLISH_ACK_START.length
				&& Arrays.equals(data, 0, PUBLISH_ACK_START.length, PUBLISH_ACK_START, 0, PUBLISH_ACK_START.length);
	}

	/**
	 * The headers of an outgoing message.
	 * @param message the message, with its sender's instance id set
	 * @return the headers, without absent values
	 */
	public static Headers of(Message message) {
		Headers headers = new Headers();
		headers.put(MESSAGE_TYPE, message.messageType().wireName());
		MessageAddress sender = message.sender();
		headers.put("senderServiceName", sender.serviceName());
		headers.put("senderServiceVersion", sender.serviceVersion());
		headers.put("senderServiceTarget", sender.serviceTarget());
		putIfPresent(headers, "senderInstanceId", sender.instanceId());
		MessageAddress receiver = message.receiver();
		if (receiver != null && hasReceiverHeaders(message)) {
			headers.put("receiverServiceName", receiver.serviceName());
			headers.put("receiverServiceVersion", receiver.serviceVersion());
			headers.put("receiverServiceTarget", receiver.serviceTarget());
			putIfPresent(headers, RECEIVER_INSTANCE_ID, receiver.instanceId());
		}
		putIfPresent(headers, "eventName", message.eventName());
		putIfPresent(headers, "principalId", message.principalId());
		putIfPresent(headers, "tenantId", message.tenantId());
		TraceCarrier.fromOtp(message.otp()).forEach((name, value) -> {
			if (TraceCarrier.W3C_FIELDS.contains(name)) {
				headers.put(name, value);
			}
		});
		return headers;
	}

	/**
	 * The headers of an outgoing message as a read-only {@link Headers}, which jnats sends without copying them.
	 * Messages without trace context ({@code otp} absent) whose header values are all equal share one instance:
	 * a caller's commands to one command, and the responses to one caller instance, carry the same headers every
	 * time. Up to {@value #SHARED_LIMIT} distinct sets are kept, then the kept ones are dropped and collected
	 * anew. The returned headers must not be changed (they cannot be: they are read-only); they are safe to read
	 * from several threads, since their serialized form is computed before they are shared.
	 * @param message the message, with its sender's instance id set
	 * @return the read-only headers, equal to {@link #of(Message)}
	 */
	static Headers shared(Message message) {
		if (message.otp() != null) {
			// trace context differs from message to message: nothing to share
			return new Headers(of(message), true);
		}
		Key key = new Key(message.messageType(), message.sender(),
				hasReceiverHeaders(message) ? message.receiver() : null, message.eventName(), message.principalId(),
				message.tenantId());
		Headers headers = SHARED.get(key);
		if (headers == null) {
			headers = new Headers(of(message), true);
			// computed and kept inside the instance before other threads can see it: jnats only reads it then
			headers.getSerialized();
			if (SHARED.size() >= SHARED_LIMIT) {
				SHARED.clear();
			}
			SHARED.put(key, headers);
		}
		return headers;
	}

	private static boolean hasReceiverHeaders(Message message) {
		return message.receiver() != null && (message instanceof Command
				|| message.messageType() == MessageType.COMMAND_SUCCESS_RESPONSE
				|| message.messageType() == MessageType.COMMAND_ERROR_RESPONSE);
	}

	/**
	 * A received message with the W3C trace context of its headers: TypeScript reads header {@code traceparent}
	 * before the body's {@code otp}, so a header that differs from (or is missing in) {@code otp} replaces it;
	 * otherwise the message is returned as decoded.
	 * @param message the decoded message
	 * @param headers its NATS headers, or {@code null} (TypeScript sends commands without headers)
	 * @return the message whose {@code otp} carries the trace context to continue
	 */
	public static Message withHeaderTraceContext(Message message, @Nullable Headers headers) {
		if (headers == null || headers.isEmpty()) {
			return message;
		}
		String headerTraceparent = headers.getFirst("traceparent");
		if (headerTraceparent == null || headerTraceparent.isEmpty()) {
			// no trace context to continue from the headers: the body's stands (checked before parsing otp)
			return message;
		}
		Map<String, String> fromHeaders = new LinkedHashMap<>();
		for (String field : TraceCarrier.W3C_FIELDS) {
			String value = headers.getFirst(field);
			if (value != null && !value.isEmpty()) {
				fromHeaders.put(field, value);
			}
		}
		Map<String, String> body = TraceCarrier.fromOtp(message.otp());
		String traceparent = fromHeaders.get("traceparent");
		if (traceparent == null || traceparent.equals(body.get("traceparent"))) {
			return message;
		}
		Map<String, String> carrier = new LinkedHashMap<>(body);
		carrier.putAll(fromHeaders);
		return message.withTransport(message.id(), message.timestamp(), TraceCarrier.toOtp(carrier));
	}

	private static void putIfPresent(Headers headers, String name, @Nullable String value) {
		if (value != null) {
			headers.put(name, value);
		}
	}

	/**
	 * Everything {@link #of(Message)} writes for a message without trace context.
	 */
	private record Key(MessageType messageType, MessageAddress sender, @Nullable MessageAddress receiver,
			@Nullable String eventName, @Nullable String principalId, @Nullable String tenantId) {

	}

}
