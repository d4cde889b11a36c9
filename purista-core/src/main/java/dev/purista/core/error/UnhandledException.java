package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * An internal error (TypeScript PURISTA's {@code UnhandledError}). When a handler throws it, or any exception
 * that is not a {@link HandledException}, the caller receives 500 "Internal Server Error" with no detail; only a
 * {@link ServiceUnavailableException} (something the runtime provides is unavailable) answers 503 instead. The
 * runtime itself raises it with other statuses where PURISTA does (502 unknown command, 504 timeout, 503
 * stopping); callers receive those as {@code UnhandledException} with that status.
 */
public class UnhandledException extends StatusException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an unhandled error with status 500.
	 * @param message the message (for logs; never sent to callers)
	 */
	public UnhandledException(@Nullable String message) {
		this(500, message, null, null, null);
	}

	/**
	 * Create an unhandled error with status 500 and a cause.
	 * @param message the message (for logs; never sent to callers)
	 * @param cause the cause
	 */
	public UnhandledException(@Nullable String message, @Nullable Throwable cause) {
		this(500, message, null, null, cause);
	}

	/**
	 * Create an unhandled error.
	 * @param status the status code
	 * @param message the message (the status' default text when {@code null})
	 * @param data details (for logs)
	 * @param traceId the business trace id
	 */
	public UnhandledException(int status, @Nullable String message, @Nullable Object data, @Nullable String traceId) {
		this(status, message, data, traceId, null);
	}

	/**
	 * Create an unhandled error with a cause.
	 * @param status the status code
	 * @param message the message (the status' default text when {@code null})
	 * @param data details (for logs)
	 * @param traceId the business trace id
	 * @param cause the cause
	 */
	public UnhandledException(int status, @Nullable String message, @Nullable Object data, @Nullable String traceId,
			@Nullable Throwable cause) {
		super(status, message, data, traceId, cause);
	}

	@Override
	public boolean isHandled() {
		return false;
	}

}
