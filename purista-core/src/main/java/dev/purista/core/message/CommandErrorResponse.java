package dev.purista.core.message;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The error answer to a {@link Command}. {@code isHandledError} tells whether the error was meant for the
 * caller (status, message and data are the handler's) or internal (always 500 "Internal Server Error" or a
 * runtime status such as 502/504, without detail).
 *
 * @param messageType always {@link MessageType#COMMAND_ERROR_RESPONSE}
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
 * @param eventName an event name (normally absent)
 * @param otp the trace context carrier JSON
 * @param isHandledError whether the error is a handled one
 * @param payload the error
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandErrorResponse(MessageType messageType, @JsonProperty(required = true) String id,
		@JsonProperty(required = true) long timestamp, String contentType, String contentEncoding,
		MessageAddress sender, MessageAddress receiver, String correlationId, @Nullable String traceId,
		@Nullable String principalId, @Nullable String tenantId, @Nullable String eventName, @Nullable String otp,
		@JsonProperty("isHandledError") boolean isHandledError, ErrorPayload payload,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) implements Message {

	public CommandErrorResponse {
		MessageFields.requireType(messageType, MessageType.COMMAND_ERROR_RESPONSE);
		MessageFields.require(id, "id");
		contentType = MessageFields.contentType(contentType);
		contentEncoding = MessageFields.contentEncoding(contentEncoding);
		MessageFields.require(sender, "sender");
		MessageFields.require(receiver, "receiver");
		MessageFields.require(correlationId, "correlationId");
		MessageFields.require(payload, "payload");
		extensions = MessageFields.extensions(extensions);
	}

	@Override
	public CommandErrorResponse withTransport(String id, long timestamp, @Nullable String otp) {
		return new CommandErrorResponse(this.messageType, id, timestamp, this.contentType, this.contentEncoding,
				this.sender, this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId,
				this.eventName, otp, this.isHandledError, this.payload, this.extensions);
	}

	@Override
	public CommandErrorResponse withSenderInstanceId(String instanceId) {
		return new CommandErrorResponse(this.messageType, this.id, this.timestamp, this.contentType,
				this.contentEncoding, this.sender.withInstanceId(instanceId), this.receiver, this.correlationId,
				this.traceId, this.principalId, this.tenantId, this.eventName, this.otp, this.isHandledError,
				this.payload, this.extensions);
	}

}
