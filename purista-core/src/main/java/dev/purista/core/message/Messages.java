package dev.purista.core.message;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.purista.core.error.HandledException;
import dev.purista.core.error.ServiceUnavailableException;
import dev.purista.core.error.StatusCode;
import dev.purista.core.error.StatusException;
import dev.purista.core.error.UnhandledException;

/**
 * Creates messages the way PURISTA's helpers do ({@code createSuccessResponse}, {@code createErrorResponse},
 * {@code createInfoMessage}): responses answer their command's sender and copy correlation, trace, principal
 * and tenant ids; a command without a trace id gets a fresh one in its response.
 */
public final class Messages {

	private Messages() {
	}

	/**
	 * The command as a bridge sends it on {@code invoke}: a new message id, correlation id and timestamp, and the
	 * sender stamped with the bridge's instance id (where the response comes back to).
	 * @param command the command to send
	 * @param instanceId the sending bridge's instance id
	 * @return the command to put on the wire
	 */
	public static Command forInvocation(Command command, String instanceId) {
		return new Command(MessageType.COMMAND, Ids.newId(), System.currentTimeMillis(), command.contentType(),
				command.contentEncoding(), command.sender().withInstanceId(instanceId), command.receiver(),
				Ids.newId(), command.traceId(), command.principalId(), command.tenantId(), command.eventName(),
				command.otp(), command.payload(), command.extensions());
	}

	/**
	 * Create a command with new message and correlation ids.
	 * @param sender the calling function, with the caller bridge's instance id
	 * @param receiver the called function
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param traceId the business trace id, or {@code null}
	 * @param principalId the principal, or {@code null}
	 * @param tenantId the tenant, or {@code null}
	 * @param otp the trace context carrier JSON, or {@code null}
	 * @return the command
	 */
	public static Command command(MessageAddress sender, MessageAddress receiver, @Nullable Object payload,
			@Nullable Object parameter, @Nullable String traceId, @Nullable String principalId,
			@Nullable String tenantId, @Nullable String otp) {
		return new Command(MessageType.COMMAND, Ids.newId(), System.currentTimeMillis(), Message.DEFAULT_CONTENT_TYPE,
				Message.DEFAULT_CONTENT_ENCODING, sender, receiver, Ids.newId(), traceId, principalId, tenantId, null,
				otp, new CommandPayload(payload, parameter), Map.of());
	}

	/**
	 * Create the success response to a command.
	 * @param command the command
	 * @param responderInstanceId the answering bridge's instance id
	 * @param result the result ({@code null} omits the payload)
	 * @param eventName the command's success event, or {@code null}
	 * @param otp the trace context carrier JSON, or {@code null}
	 * @return the response
	 */
	public static CommandSuccessResponse success(Command command, String responderInstanceId, @Nullable Object result,
			@Nullable String eventName, @Nullable String otp) {
		return new CommandSuccessResponse(MessageType.COMMAND_SUCCESS_RESPONSE, command.id(),
				System.currentTimeMillis(), Message.DEFAULT_CONTENT_TYPE, Message.DEFAULT_CONTENT_ENCODING,
				command.receiver().withInstanceId(responderInstanceId), command.sender(), command.correlationId(),
				traceIdOf(command), command.principalId(), command.tenantId(), eventName, otp, result, Map.of());
	}

	/**
	 * Create the error response to a command from an exception: a {@link HandledException} keeps its status,
	 * message and data; a {@link ServiceUnavailableException} (a store or bridge the runtime provides is
	 * unavailable, retrying may succeed) becomes 503 "Service Unavailable" without detail; anything else becomes
	 * 500 "Internal Server Error" without detail, as in TypeScript PURISTA.
	 * @param command the command
	 * @param responderInstanceId the answering bridge's instance id
	 * @param error the error
	 * @param otp the trace context carrier JSON, or {@code null}
	 * @return the response
	 */
	public static CommandErrorResponse error(Command command, String responderInstanceId, Throwable error,
			@Nullable String otp) {
		String traceId = traceIdOf(command);
		if (error instanceof HandledException handled) {
			String errorTraceId = (handled.getTraceId() != null) ? handled.getTraceId() : traceId;
			return errorResponse(command, responderInstanceId, true,
					new ErrorPayload(handled.getStatus(), handled.getMessage(), handled.getData(), errorTraceId), otp);
		}
		if (error instanceof ServiceUnavailableException) {
			return unhandled(command, responderInstanceId, StatusCode.SERVICE_UNAVAILABLE.code(), otp);
		}
		return unhandled(command, responderInstanceId, StatusCode.INTERNAL_SERVER_ERROR.code(), otp);
	}

	/**
	 * Create an unhandled error response with a runtime status (such as 501, 502, 503) and PURISTA's default
	 * text for it.
	 * @param command the command
	 * @param responderInstanceId the answering bridge's instance id
	 * @param status the status code
	 * @param otp the trace context carrier JSON, or {@code null}
	 * @return the response
	 */
	public static CommandErrorResponse unhandled(Command command, String responderInstanceId, int status,
			@Nullable String otp) {
		return errorResponse(command, responderInstanceId, false,
				new ErrorPayload(status, StatusCode.messageFor(status), null, traceIdOf(command)), otp);
	}

	/**
	 * Create a custom event.
	 * @param sender the emitting function
	 * @param eventName the event name
	 * @param payload the payload
	 * @param traceId the business trace id, or {@code null}
	 * @param principalId the principal, or {@code null}
	 * @param tenantId the tenant, or {@code null}
	 * @param otp the trace context carrier JSON, or {@code null}
	 * @return the event
	 */
	public static CustomMessage custom(MessageAddress sender, String eventName, @Nullable Object payload,
			@Nullable String traceId, @Nullable String principalId, @Nullable String tenantId,
			@Nullable String otp) {
		return new CustomMessage(MessageType.CUSTOM_MESSAGE, Ids.newId(), System.currentTimeMillis(),
				Message.DEFAULT_CONTENT_TYPE, Message.DEFAULT_CONTENT_ENCODING, sender, null, null, traceId,
				principalId, tenantId, eventName, otp, payload, Map.of());
	}

	/**
	 * Create an info message with fresh id and trace id.
	 * @param type an {@code info*} type
	 * @param sender the service (target {@code ""}) or function
	 * @param payload the payload, or {@code null}
	 * @param otp the trace context carrier JSON, or {@code null}
	 * @return the message
	 */
	public static InfoMessage info(MessageType type, MessageAddress sender, @Nullable Object payload,
			@Nullable String otp) {
		return new InfoMessage(type, Ids.newId(), System.currentTimeMillis(), Message.DEFAULT_CONTENT_TYPE,
				Message.DEFAULT_CONTENT_ENCODING, sender, null, null, Ids.newId(), null, null, null, otp, payload,
				Map.of());
	}

	/**
	 * Turn an error response into the exception a caller sees: a {@link HandledException} for handled errors,
	 * an {@link UnhandledException} otherwise, with the response's status, message, data and trace id.
	 * @param response the error response
	 * @return the exception
	 */
	public static StatusException toException(CommandErrorResponse response) {
		ErrorPayload error = response.payload();
		String traceId = (error.traceId() != null) ? error.traceId() : response.traceId();
		if (response.isHandledError()) {
			return new HandledException(error.status(), error.message(), error.data(), traceId);
		}
		return new UnhandledException(error.status(), error.message(), error.data(), traceId);
	}

	private static CommandErrorResponse errorResponse(Command command, String responderInstanceId, boolean handled,
			ErrorPayload payload, @Nullable String otp) {
		return new CommandErrorResponse(MessageType.COMMAND_ERROR_RESPONSE, command.id(), System.currentTimeMillis(),
				Message.DEFAULT_CONTENT_TYPE, Message.DEFAULT_CONTENT_ENCODING,
				command.receiver().withInstanceId(responderInstanceId), command.sender(), command.correlationId(),
				payload.traceId(), command.principalId(), command.tenantId(), null, otp, handled, payload, Map.of());
	}

	private static String traceIdOf(Command command) {
		return (command.traceId() != null) ? command.traceId() : Ids.newId();
	}

}
