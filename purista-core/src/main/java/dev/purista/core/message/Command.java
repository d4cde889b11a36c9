package dev.purista.core.message;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A command: a request addressed to one function of one service, answered by a
 * {@link CommandSuccessResponse} or a {@link CommandErrorResponse} with the same correlation id.
 *
 * @param messageType always {@link MessageType#COMMAND}
 * @param id the message id
 * @param timestamp the send time in epoch milliseconds
 * @param contentType the payload content type
 * @param contentEncoding the payload content encoding
 * @param sender the calling function
 * @param receiver the called function
 * @param correlationId the id the response will carry
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 * @param eventName an event name (unused for commands, kept for the wire)
 * @param otp the trace context carrier JSON
 * @param payload the payload and parameter
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(MessageType messageType, @JsonProperty(required = true) String id,
		@JsonProperty(required = true) long timestamp, String contentType, String contentEncoding,
		MessageAddress sender, MessageAddress receiver, String correlationId, @Nullable String traceId,
		@Nullable String principalId, @Nullable String tenantId, @Nullable String eventName, @Nullable String otp,
		CommandPayload payload, @JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) implements Message {

	public Command {
		MessageFields.requireType(messageType, MessageType.COMMAND);
		MessageFields.require(id, "id");
		contentType = MessageFields.contentType(contentType);
		contentEncoding = MessageFields.contentEncoding(contentEncoding);
		MessageFields.require(sender, "sender");
		MessageFields.require(receiver, "receiver");
		MessageFields.require(correlationId, "correlationId");
		payload = Objects.requireNonNullElse(payload, CommandPayload.EMPTY);
		extensions = MessageFields.extensions(extensions);
	}

	@Override
	public Command withTransport(String id, long timestamp, @Nullable String otp) {
		return new Command(this.messageType, id, timestamp, this.contentType, this.contentEncoding, this.sender,
				this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId, this.eventName, otp,
				this.payload, this.extensions);
	}

	@Override
	public Command withSenderInstanceId(String instanceId) {
		return new Command(this.messageType, this.id, this.timestamp, this.contentType, this.contentEncoding,
				this.sender.withInstanceId(instanceId), this.receiver, this.correlationId, this.traceId,
				this.principalId, this.tenantId, this.eventName, this.otp, this.payload, this.extensions);
	}

	/**
	 * Return a copy with another payload (used when payloads are copied across an isolating bridge).
	 * @param payload the new payload
	 * @return the copy
	 */
	public Command withPayload(CommandPayload payload) {
		return new Command(this.messageType, this.id, this.timestamp, this.contentType, this.contentEncoding,
				this.sender, this.receiver, this.correlationId, this.traceId, this.principalId, this.tenantId,
				this.eventName, this.otp, payload, this.extensions);
	}

}
