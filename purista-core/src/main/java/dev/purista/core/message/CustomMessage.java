package dev.purista.core.message;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A custom event, emitted by a handler ({@code emit}) or returned by a subscription with an output event.
 *
 * @param messageType always {@link MessageType#CUSTOM_MESSAGE}
 * @param id the message id
 * @param timestamp the send time in epoch milliseconds
 * @param contentType the payload content type
 * @param contentEncoding the payload content encoding
 * @param sender the emitting function
 * @param receiver a receiver (normally absent)
 * @param correlationId a correlation id (normally absent)
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 * @param eventName the event name (required)
 * @param otp the trace context carrier JSON
 * @param payload the event payload
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomMessage(MessageType messageType, @JsonProperty(required = true) String id,
		@JsonProperty(required = true) long timestamp, String contentType, String contentEncoding,
		MessageAddress sender, @Nullable MessageAddress receiver, @Nullable String correlationId,
		@Nullable String traceId, @Nullable String principalId, @Nullable String tenantId, String eventName,
		@Nullable String otp, @JsonDeserialize(as = JsonNode.class) @Nullable Object payload,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) implements Message {

	public CustomMessage {
		MessageFields.requireType(messageType, MessageType.CUSTOM_MESSAGE);
		MessageFields.require(id, "id");
		contentType = MessageFields.contentType(contentType);
		contentEncoding = MessageFields.contentEncoding(contentEncoding);
		MessageFields.require(sender, "sender");
		MessageFields.require(eventName, "eventName");
		extensions = MessageFields.extensions(extensions);
	}

	@Override
	public CustomMessage withTransport(String id, long timestamp, @Nullable String otp) {
		return new CustomMessage(this.messageType, id, timestamp, this.contentType, this.contentEncoding, this.sender,
				this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId, this.eventName, otp,
				this.payload, this.extensions);
	}

	@Override
	public CustomMessage withSenderInstanceId(String instanceId) {
		return new CustomMessage(this.messageType, this.id, this.timestamp, this.contentType, this.contentEncoding,
				this.sender.withInstanceId(instanceId), this.receiver, this.correlationId, this.traceId,
				this.principalId, this.tenantId, this.eventName, this.otp, this.payload, this.extensions);
	}

	/**
	 * Return a copy with another payload (used when payloads are copied across an isolating bridge).
	 * @param payload the new payload
	 * @return the copy
	 */
	public CustomMessage withPayload(@Nullable Object payload) {
		return new CustomMessage(this.messageType, this.id, this.timestamp, this.contentType, this.contentEncoding,
				this.sender, this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId,
				this.eventName, this.otp, payload, this.extensions);
	}

}
