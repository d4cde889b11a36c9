package dev.purista.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;

/**
 * The broker headers of TypeScript PURISTA's {@code AmqpBridge}: what a published message carries, and the
 * {@code x-match: all} binding arguments that select messages by those headers.
 */
public final class AmqpHeaders {

	/** Header holding the message type's wire name. */
	public static final String MESSAGE_TYPE = "messageType";

	/** Header holding the reply queue on responses (the command's {@code replyTo} property). */
	public static final String REPLY_TO = "replyTo";

	/** Header holding the responder's instance id on responses (TypeScript's spelling). */
	public static final String RECEIVER_SERVICE_INSTANCE_ID = "receiverServiceInstanceId";

	/** Header counting deliveries of a subscription message, starting at 1. */
	public static final String RETRY_ATTEMPT = "x-purista-retry-attempt";

	/** Header holding why a message was dead-lettered. */
	public static final String DEAD_LETTER_REASON = "x-purista-dead-letter-reason";

	private static final String[] TRACE_HEADERS = { "traceparent", "tracestate", "baggage" };

	private AmqpHeaders() {
	}

	/**
	 * The headers of an outgoing message: type, sender, receiver (all but info messages), event name, principal,
	 * tenant and the W3C trace headers found in {@code otp}.
	 * @param message the message
	 * @param otp the parsed {@code otp} object, or {@code null}
	 * @param replyTo for a response, the command's reply queue
	 * @return the headers, without absent values
	 */
	public static Map<String, Object> of(Message message, @Nullable Map<String, Object> otp,
			@Nullable String replyTo) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(MESSAGE_TYPE, message.messageType().wireName());
		putAddress(headers, "sender", message.sender(), true);
		MessageAddress receiver = message.receiver();
		if (receiver != null && !message.messageType().isInfo()) {
			// commands and responses carry no receiverInstanceId (as in TypeScript); events addressed to an
			// instance do, so that receiver filters can select them
			putAddress(headers, "receiver", receiver, !(message instanceof Command) && replyTo == null);
			if (replyTo != null) {
				putIfPresent(headers, RECEIVER_SERVICE_INSTANCE_ID, receiver.instanceId());
				headers.put(REPLY_TO, replyTo);
			}
		}
		putIfPresent(headers, "eventName", message.eventName());
		putIfPresent(headers, "principalId", message.principalId());
		putIfPresent(headers, "tenantId", message.tenantId());
		if (otp != null) {
			for (String name : TRACE_HEADERS) {
				if (otp.get(name) instanceof String value) {
					headers.put(name, value);
				}
			}
		}
		return headers;
	}

	/**
	 * The binding arguments of a command queue.
	 * @param command the command address
	 * @return {@code x-match: all} on message type and receiver
	 */
	public static Map<String, Object> commandBinding(MessageAddress command) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("x-match", "all");
		arguments.put(MESSAGE_TYPE, MessageType.COMMAND.wireName());
		putAddress(arguments, "receiver", command, false);
		return arguments;
	}

	/**
	 * The binding arguments of a subscription queue: only the filters that are set. A subscription without
	 * filters receives every message.
	 * @param filter the subscription's filter
	 * @return {@code x-match: all} on the set filters
	 */
	public static Map<String, Object> subscriptionBinding(SubscriptionFilter filter) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("x-match", "all");
		if (filter.messageType() != null) {
			arguments.put(MESSAGE_TYPE, filter.messageType().wireName());
		}
		putIfPresent(arguments, "senderServiceName", filter.senderServiceName());
		putIfPresent(arguments, "senderServiceVersion", filter.senderServiceVersion());
		putIfPresent(arguments, "senderServiceTarget", filter.senderServiceTarget());
		putIfPresent(arguments, "senderInstanceId", filter.senderInstanceId());
		putIfPresent(arguments, "receiverServiceName", filter.receiverServiceName());
		putIfPresent(arguments, "receiverServiceVersion", filter.receiverServiceVersion());
		putIfPresent(arguments, "receiverServiceTarget", filter.receiverServiceTarget());
		putIfPresent(arguments, "receiverInstanceId", filter.receiverInstanceId());
		putIfPresent(arguments, "eventName", filter.eventName());
		putIfPresent(arguments, "principalId", filter.principalId());
		putIfPresent(arguments, "tenantId", filter.tenantId());
		return arguments;
	}

	/**
	 * The binding arguments of a reply queue.
	 * @param replyQueue the queue
	 * @return {@code x-match: all} on header {@code replyTo}
	 */
	public static Map<String, Object> replyBinding(String replyQueue) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("x-match", "all");
		arguments.put(REPLY_TO, replyQueue);
		return arguments;
	}

	private static void putAddress(Map<String, Object> headers, String role, MessageAddress address,
			boolean withInstance) {
		headers.put(role + "ServiceName", address.serviceName());
		headers.put(role + "ServiceVersion", address.serviceVersion());
		headers.put(role + "ServiceTarget", address.serviceTarget());
		if (withInstance) {
			putIfPresent(headers, role + "InstanceId", address.instanceId());
		}
	}

	private static void putIfPresent(Map<String, Object> headers, String name, @Nullable String value) {
		if (value != null) {
			headers.put(name, value);
		}
	}

}
