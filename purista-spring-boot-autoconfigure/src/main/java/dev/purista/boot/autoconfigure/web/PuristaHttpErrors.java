package dev.purista.boot.autoconfigure.web;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.StatusCode;
import dev.purista.core.error.StatusException;
import dev.purista.core.message.ErrorPayload;

/**
 * How PURISTA's HTTP exposure answers a command's outcome, shared by every front end that maps commands to HTTP
 * (the servlet router and the AWS Lambda handler): an empty result ({@code null} or {@code ""}) is 204, any other
 * result 200; a {@link HandledException} keeps its status (500 when it is not an HTTP status), message, data and
 * trace id; a timeout and an unhandled 503 or 504 keep their status; anything else is 500
 * "Internal Server Error" without detail. A 503 answer carries a {@code Retry-After} header of
 * {@value #RETRY_AFTER_SECONDS} seconds.
 */
public final class PuristaHttpErrors {

	/** The seconds a client is asked to wait ({@code Retry-After}) before retrying a request answered 503. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private PuristaHttpErrors() {
	}

	/**
	 * The error body and status of a failed command.
	 * @param failure the failure, possibly wrapped in a {@link CompletionException} or {@link ExecutionException}
	 * @param traceId the request's trace id, used when the failure carries none
	 * @return the error payload; its {@code status} is the HTTP status to answer
	 */
	public static ErrorPayload of(Throwable failure, String traceId) {
		Throwable cause = unwrap(failure);
		if (cause instanceof HandledException handled) {
			int status = (handled.getStatus() >= 100 && handled.getStatus() <= 599) ? handled.getStatus() : 500;
			String errorTraceId = (handled.getTraceId() != null) ? handled.getTraceId() : traceId;
			return new ErrorPayload(status, handled.getMessage(), handled.getData(), errorTraceId);
		}
		int status = 500;
		if (cause instanceof CommandTimeoutException) {
			status = 504;
		}
		else if (cause instanceof StatusException unhandled
				&& (unhandled.getStatus() == 503 || unhandled.getStatus() == 504)) {
			status = unhandled.getStatus();
		}
		return new ErrorPayload(status, StatusCode.messageFor(status), null, traceId);
	}

	/**
	 * Whether a command result is answered 204 without a body.
	 * @param result the result as JSON, or {@code null}
	 * @return {@code true} for no result, JSON {@code null} and the empty string
	 */
	public static boolean isNoContent(@Nullable JsonNode result) {
		return result == null || result.isNull() || result.isMissingNode()
				|| (result.isString() && result.asString().isEmpty());
	}

	/**
	 * The failure inside {@link CompletionException} and {@link ExecutionException} wrappers.
	 * @param failure the failure
	 * @return the innermost cause that is not such a wrapper
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
