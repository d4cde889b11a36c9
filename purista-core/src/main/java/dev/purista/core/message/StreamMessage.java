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
 * A stream frame (PURISTA v3). The payload carries {@code frameType} and the frame fields; the correlation
 * id is the stream session id.
 *
 * @param messageType always {@link MessageType#STREAM}
 * @param id the message id
 * @param timestamp the send time in epoch milliseconds
 * @param contentType the payload content type
 * @param contentEncoding the payload content encoding
 * @param sender the sending function
 * @param receiver the receiving function
 * @param correlationId the stream session id
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 * @param eventName an event name (normally absent)
 * @param otp the trace context carrier JSON
 * @param payload the frame
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamMessage(MessageType messageType, @JsonProperty(required = true) String id,
		@JsonProperty(required = true) long timestamp, String contentType, String contentEncoding,
		MessageAddress sender, MessageAddress receiver, String correlationId, @Nullable String traceId,
		@Nullable String principalId, @Nullable String tenantId, @Nullable String eventName, @Nullable String otp,
		@JsonDeserialize(as = JsonNode.class) @Nullable Object payload,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) implements Message {

	public StreamMessage {
		MessageFields.requireType(messageType, MessageType.STREAM);
		MessageFields.require(id, "id");
		contentType = MessageFields.contentType(contentType);
		contentEncoding = MessageFields.contentEncoding(contentEncoding);
		MessageFields.require(sender, "sender");
		MessageFields.require(receiver, "receiver");
		MessageFields.require(correlationId, "correlationId");
		extensions = MessageFields.extensions(extensions);
	}

	@Override
	public StreamMessage withTransport(String id, long timestamp, @Nullable String otp) {
		return new StreamMessage(this.messageType, id, timestamp, this.contentType, this.contentEncoding, this.sender,
				this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId, this.eventName, otp,
				this.payload, this.extensions);
	}

	@Override
	public StreamMessage withSenderInstanceId(String instanceId) {
		return new StreamMessage(this.messageType, this.id, this.timestamp, this.contentType, this.contentEncoding,
				this.sender.withInstanceId(instanceId), this.receiver, this.correlationId, this.traceId,
				this.principalId, this.tenantId, this.eventName, this.otp, this.payload, this.extensions);
	}

}
