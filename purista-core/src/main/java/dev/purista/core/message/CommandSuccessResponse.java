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
 * The successful answer to a {@link Command}. Its {@code eventName} is the command's success event, which
 * subscriptions may listen to.
 *
 * @param messageType always {@link MessageType#COMMAND_SUCCESS_RESPONSE}
 * @param id the message id
 * @param timestamp the send time in epoch milliseconds
 * @param contentType the payload content type
 * @param contentEncoding the payload content encoding
 * @param sender the answering function
 * @param receiver the calling function (the command's sender)
 * @param correlationId the command's correlation id
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 * @param eventName the success event name
 * @param otp the trace context carrier JSON
 * @param payload the command result, or {@code null} when the command returned nothing
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandSuccessResponse(MessageType messageType, @JsonProperty(required = true) String id,
		@JsonProperty(required = true) long timestamp, String contentType, String contentEncoding,
		MessageAddress sender, MessageAddress receiver, String correlationId, @Nullable String traceId,
		@Nullable String principalId, @Nullable String tenantId, @Nullable String eventName, @Nullable String otp,
		@JsonDeserialize(as = JsonNode.class) @Nullable Object payload,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) implements Message {

	public CommandSuccessResponse {
		MessageFields.requireType(messageType, MessageType.COMMAND_SUCCESS_RESPONSE);
		MessageFields.require(id, "id");
		contentType = MessageFields.contentType(contentType);
		contentEncoding = MessageFields.contentEncoding(contentEncoding);
		MessageFields.require(sender, "sender");
		MessageFields.require(receiver, "receiver");
		MessageFields.require(correlationId, "correlationId");
		extensions = MessageFields.extensions(extensions);
	}

	@Override
	public CommandSuccessResponse withTransport(String id, long timestamp, @Nullable String otp) {
		return new CommandSuccessResponse(this.messageType, id, timestamp, this.contentType, this.contentEncoding,
				this.sender, this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId,
				this.eventName, otp, this.payload, this.extensions);
	}

	@Override
	public CommandSuccessResponse withSenderInstanceId(String instanceId) {
		return new CommandSuccessResponse(this.messageType, this.id, this.timestamp, this.contentType,
				this.contentEncoding, this.sender.withInstanceId(instanceId), this.receiver, this.correlationId,
				this.traceId, this.principalId, this.tenantId, this.eventName, this.otp, this.payload,
				this.extensions);
	}

	/**
	 * Return a copy with another payload (used when payloads are copied across an isolating bridge).
	 * @param payload the new payload
	 * @return the copy
	 */
	public CommandSuccessResponse withPayload(@Nullable Object payload) {
		return new CommandSuccessResponse(this.messageType, this.id, this.timestamp, this.contentType,
				this.contentEncoding, this.sender, this.receiver, this.correlationId, this.traceId, this.principalId,
				this.tenantId, this.eventName, this.otp, payload, this.extensions);
	}

}
