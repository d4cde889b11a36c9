package dev.purista.core.message;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * A PURISTA message as it travels over an event bridge. The JSON form is the wire contract shared with
 * TypeScript PURISTA: absent fields are omitted, timestamps are epoch milliseconds and fields this model
 * does not know are kept in {@link #extensions()} and written back unchanged.
 *
 * @see MessageCodec
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "messageType",
		visible = true)
@JsonSubTypes({ @JsonSubTypes.Type(value = Command.class, name = "command"),
		@JsonSubTypes.Type(value = CommandSuccessResponse.class, name = "commandSuccessResponse"),
		@JsonSubTypes.Type(value = CommandErrorResponse.class, name = "commandErrorResponse"),
		@JsonSubTypes.Type(value = CustomMessage.class, name = "customMessage"),
		@JsonSubTypes.Type(value = StreamMessage.class, name = "stream"),
		@JsonSubTypes.Type(value = InfoMessage.class,
				names = { "infoServiceInit", "infoServiceReady", "infoServiceNotReady", "infoServiceFunctionAdded",
						"infoServiceDrain", "infoServiceShutdown", "infoInvokeTimeout", "infoSubscriptionError" }) })
public sealed interface Message
		permits Command, CommandSuccessResponse, CommandErrorResponse, InfoMessage, CustomMessage, StreamMessage {

	/** The content type PURISTA uses unless a function declares another. */
	String DEFAULT_CONTENT_TYPE = "application/json";

	/** The content encoding PURISTA uses unless a function declares another. */
	String DEFAULT_CONTENT_ENCODING = "utf-8";

	/**
	 * The message type.
	 * @return the type
	 */
	MessageType messageType();

	/**
	 * The message id, set by the bridge on send.
	 * @return the id
	 */
	String id();

	/**
	 * When the message was sent, epoch milliseconds.
	 * @return the timestamp
	 */
	long timestamp();

	/**
	 * The payload's content type.
	 * @return the content type
	 */
	String contentType();

	/**
	 * The payload's content encoding.
	 * @return the content encoding
	 */
	String contentEncoding();

	/**
	 * The sending function and instance.
	 * @return the sender
	 */
	MessageAddress sender();

	/**
	 * The addressed function, if any.
	 * @return the receiver or {@code null}
	 */
	@Nullable MessageAddress receiver();

	/**
	 * The id linking a response to its command.
	 * @return the correlation id or {@code null}
	 */
	@Nullable String correlationId();

	/**
	 * PURISTA's business trace id.
	 * @return the trace id or {@code null}
	 */
	@Nullable String traceId();

	/**
	 * The principal on whose behalf the message was sent.
	 * @return the principal id or {@code null}
	 */
	@Nullable String principalId();

	/**
	 * The tenant the message belongs to.
	 * @return the tenant id or {@code null}
	 */
	@Nullable String tenantId();

	/**
	 * The event name (success event of a command or name of a custom event).
	 * @return the event name or {@code null}
	 */
	@Nullable String eventName();

	/**
	 * The W3C trace context carrier as a JSON string, e.g. {@code {"traceparent":"00-..."}}.
	 * @return the carrier or {@code null}
	 */
	@Nullable String otp();

	/**
	 * The payload; its shape depends on the message type.
	 * @return the payload or {@code null}
	 */
	@Nullable Object payload();

	/**
	 * Fields of the JSON message this model does not know, kept so they are written back.
	 * @return the unknown fields, never {@code null}
	 */
	Map<String, Object> extensions();

	/**
	 * Return a copy carrying the fields a bridge sets on send.
	 * @param id the new message id
	 * @param timestamp the send time in epoch milliseconds
	 * @param otp the trace context carrier JSON or {@code null}
	 * @return the copy
	 */
	Message withTransport(String id, long timestamp, @Nullable String otp);

	/**
	 * Return a copy whose sender carries the given bridge instance id.
	 * @param instanceId the sending bridge's instance id
	 * @return the copy
	 */
	Message withSenderInstanceId(String instanceId);

}
