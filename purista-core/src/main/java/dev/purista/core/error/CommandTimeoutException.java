package dev.purista.core.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An invocation got no response in time: status 504 "invocation timed out", as PURISTA's pending invocation
 * registry rejects it. A response arriving later is dropped and counted.
 */
public class CommandTimeoutException extends UnhandledException {

	private static final long serialVersionUID = 1L;

	/** The message PURISTA uses for timeouts. */
	public static final String MESSAGE = "invocation timed out";

	private final Duration timeout;

	/**
	 * Create the exception.
	 * @param timeout how long was waited
	 * @param traceId the business trace id
	 */
	public CommandTimeoutException(Duration timeout, @Nullable String traceId) {
		super(StatusCode.GATEWAY_TIMEOUT.code(), MESSAGE, null, traceId);
		this.timeout = timeout;
	}

	/**
	 * How long was waited for the response.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
