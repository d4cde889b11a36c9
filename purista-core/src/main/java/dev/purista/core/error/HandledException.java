package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * An error meant for the caller (TypeScript PURISTA's {@code HandledError}): its status, message and data
 * reach the caller unchanged, in the error response and at the HTTP edge. Throw it for validation failures,
 * "not found", conflicts and the like. A subscription that throws it counts the message as processed.
 */
public class HandledException extends StatusException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a handled error with the default message of the status.
	 * @param status the status code
	 */
	public HandledException(int status) {
		this(status, null, null, null);
	}

	/**
	 * Create a handled error.
	 * @param status the status code
	 * @param message the message (the status' default text when {@code null})
	 */
	public HandledException(int status, @Nullable String message) {
		this(status, message, null, null);
	}

	/**
	 * Create a handled error with data.
	 * @param status the status code
	 * @param message the message (the status' default text when {@code null})
	 * @param data details for the caller
	 */
	public HandledException(int status, @Nullable String message, @Nullable Object data) {
		this(status, message, data, null);
	}

	/**
	 * Create a handled error with data and trace id.
	 * @param status the status code
	 * @param message the message (the status' default text when {@code null})
	 * @param data details for the caller
	 * @param traceId the business trace id
	 */
	public HandledException(int status, @Nullable String message, @Nullable Object data, @Nullable String traceId) {
		super(status, message, data, traceId, null);
	}

	/**
	 * Create a handled error with a status code constant.
	 * @param status the status
	 * @param message the message (the status' default text when {@code null})
	 * @param data details for the caller
	 */
	public HandledException(StatusCode status, @Nullable String message, @Nullable Object data) {
		this(status.code(), message, data, null);
	}

	@Override
	public boolean isHandled() {
		return true;
	}

}
