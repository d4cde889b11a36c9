package dev.purista.amqp;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import dev.purista.core.message.Message;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.observation.TraceCarrier;

/**
 * Turns PURISTA messages into AMQP messages as TypeScript PURISTA's {@code AmqpBridge} publishes them (properties
 * and broker headers), and copies received AMQP messages for retries and dead letters.
 */
final class AmqpMessageConverter {

	private static final TypeReference<Map<String, Object>> OTP = new TypeReference<>() {
	};

	private final MessageCodec codec;

	AmqpMessageConverter(MessageCodec codec) {
		this.codec = codec;
	}

	/**
	 * The AMQP form of a message: JSON body, TypeScript's properties and {@link AmqpHeaders}.
	 * @param message the message
	 * @param replyToProperty for a command, the caller's reply queue
	 * @param replyToHeader for a response, the reply queue the command named
	 * @param expiration for a command, its timeout
	 * @param correlationId for commands and responses, the correlation id property
	 * @return the AMQP message, persistent
	 */
	org.springframework.amqp.core.Message toAmqp(Message message, @Nullable String replyToProperty,
			@Nullable String replyToHeader, @Nullable Duration expiration, @Nullable String correlationId) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(message.id());
		properties.setTimestamp(new Date(message.timestamp()));
		properties.setContentType("application/json");
		properties.setContentEncoding("utf-8");
		properties.setType(message.messageType().wireName());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.getHeaders().putAll(AmqpHeaders.of(message, otp(message), replyToHeader));
		if (correlationId != null) {
			properties.setCorrelationId(correlationId);
		}
		if (replyToProperty != null) {
			properties.setReplyTo(replyToProperty);
		}
		if (expiration != null) {
			properties.setExpiration(Long.toString(Math.max(1, expiration.toMillis())));
		}
		return new org.springframework.amqp.core.Message(this.codec.encode(message), properties);
	}

	/**
	 * A persistent copy of a received message with one header set, for a retry or a dead letter: the body and
	 * PURISTA's properties and headers stay, the broker's {@code x-death} history goes.
	 * @param amqp the received message
	 * @param header the header to set
	 * @param value its value
	 * @return the copy
	 */
	static org.springframework.amqp.core.Message copyWithHeader(org.springframework.amqp.core.Message amqp,
			String header, Object value) {
		MessageProperties properties = amqp.getMessageProperties();
		MessageProperties copy = new MessageProperties();
		copy.setMessageId(properties.getMessageId());
		copy.setTimestamp(properties.getTimestamp());
		copy.setContentType(properties.getContentType());
		copy.setContentEncoding(properties.getContentEncoding());
		copy.setType(properties.getType());
		copy.setCorrelationId(properties.getCorrelationId());
		copy.setReplyTo(properties.getReplyTo());
		copy.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		copy.getHeaders().putAll(properties.getHeaders());
		copy.getHeaders().remove("x-death");
		copy.setHeader(header, value);
		return new org.springframework.amqp.core.Message(amqp.getBody(), copy);
	}

	/**
	 * Which delivery of a subscription message this is, from header {@link AmqpHeaders#RETRY_ATTEMPT}.
	 * @param properties the message's properties
	 * @return the attempt, 1 when the header is absent or unreadable
	 */
	static int retryAttempt(MessageProperties properties) {
		Object value = properties.getHeaders().get(AmqpHeaders.RETRY_ATTEMPT);
		if (value instanceof Number number) {
			return number.intValue();
		}
		if (value != null) {
			try {
				return Integer.parseInt(value.toString());
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}
		return 1;
	}

	/**
	 * A received message with the W3C trace context of its broker headers: TypeScript reads header
	 * {@code traceparent} before the body's {@code otp}, so a header that differs from (or is missing in)
	 * {@code otp} replaces it; otherwise the message is returned as decoded.
	 * @param message the decoded message
	 * @param properties its AMQP properties
	 * @return the message whose {@code otp} carries the trace context to continue
	 */
	static Message withHeaderTraceContext(Message message, MessageProperties properties) {
		Map<String, String> headers = TraceCarrier.w3cEntries(properties.getHeaders());
		Map<String, String> body = TraceCarrier.fromOtp(message.otp());
		String traceparent = headers.get("traceparent");
		if (traceparent == null || traceparent.equals(body.get("traceparent"))) {
			return message;
		}
		Map<String, String> carrier = new LinkedHashMap<>(body);
		carrier.putAll(headers);
		return message.withTransport(message.id(), message.timestamp(), TraceCarrier.toOtp(carrier));
	}

	private @Nullable Map<String, Object> otp(Message message) {
		String otp = message.otp();
		if (otp == null || otp.isBlank()) {
			return null;
		}
		try {
			return this.codec.mapper().readValue(otp, OTP);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
