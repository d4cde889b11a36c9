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
 * An information message ({@code infoServiceInit}, {@code infoServiceFunctionAdded},
 * {@code infoServiceReady}, ...). One record serves all {@code info*} types; {@link #messageType()} tells
 * which.
 *
 * @param messageType one of the {@code info*} types
 * @param id the message id
 * @param timestamp the send time in epoch milliseconds
 * @param contentType the payload content type
 * @param contentEncoding the payload content encoding
 * @param sender the service (target {@code ""}) or function the message is about
 * @param receiver a receiver (normally absent)
 * @param correlationId a correlation id (normally absent)
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 * @param eventName an event name (normally absent)
 * @param otp the trace context carrier JSON
 * @param payload the payload, e.g. command metadata for {@code infoServiceFunctionAdded}
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InfoMessage(MessageType messageType, @JsonProperty(required = true) String id,
		@JsonProperty(required = true) long timestamp, String contentType, String contentEncoding,
		MessageAddress sender, @Nullable MessageAddress receiver, @Nullable String correlationId,
		@Nullable String traceId, @Nullable String principalId, @Nullable String tenantId, @Nullable String eventName,
		@Nullable String otp, @JsonDeserialize(as = JsonNode.class) @Nullable Object payload,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) implements Message {

	public InfoMessage {
		MessageFields.require(messageType, "messageType");
		if (!messageType.isInfo()) {
			throw new IllegalArgumentException("messageType '" + messageType + "' is not an info message type");
		}
		MessageFields.require(id, "id");
		contentType = MessageFields.contentType(contentType);
		contentEncoding = MessageFields.contentEncoding(contentEncoding);
		MessageFields.require(sender, "sender");
		extensions = MessageFields.extensions(extensions);
	}

	@Override
	public InfoMessage withTransport(String id, long timestamp, @Nullable String otp) {
		return new InfoMessage(this.messageType, id, timestamp, this.contentType, this.contentEncoding, this.sender,
				this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId, this.eventName, otp,
				this.payload, this.extensions);
	}

	@Override
	public InfoMessage withSenderInstanceId(String instanceId) {
		return new InfoMessage(this.messageType, this.id, this.timestamp, this.contentType, this.contentEncoding,
				this.sender.withInstanceId(instanceId), this.receiver, this.correlationId, this.traceId,
				this.principalId, this.tenantId, this.eventName, this.otp, this.payload, this.extensions);
	}

}
