package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Something the runtime provides is unavailable right now, and retrying the work may succeed: status 503
 * "Service Unavailable". A bridge that is stopping ({@link BridgeStoppingException}), a full outbound buffer
 * while the broker is away ({@link OutboundBufferFullException}) and a store that cannot be reached
 * ({@link StoreUnavailableException}) raise it.
 * <p>
 * When a handler lets it escape, the caller receives an unhandled 503 without detail (and, at the HTTP edge,
 * HTTP 503 with {@code Retry-After}) instead of the 500 every other unhandled failure gives. Subscriptions and
 * queue workers treat it like any other failure that is not a {@link HandledException}: the message is not
 * counted as processed and the job is retried.
 */
public class ServiceUnavailableException extends UnhandledException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is unavailable and what failed (for logs; never sent to callers)
	 * @param traceId the business trace id, or {@code null}
	 */
	public ServiceUnavailableException(String message, @Nullable String traceId) {
		this(message, traceId, null);
	}

	/**
	 * Create the exception with a cause.
	 * @param message what is unavailable and what failed (for logs; never sent to callers)
	 * @param traceId the business trace id, or {@code null}
	 * @param cause the cause
	 */
	public ServiceUnavailableException(String message, @Nullable String traceId, @Nullable Throwable cause) {
		super(StatusCode.SERVICE_UNAVAILABLE.code(), message, null, traceId, cause);
	}

}
