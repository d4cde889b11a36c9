package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Work arrived while a bridge or service was stopping or stopped: status 503 "Service Unavailable". The work
 * was refused and not started; the caller may retry elsewhere.
 */
public class BridgeStoppingException extends ServiceUnavailableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what was refused and why
	 * @param traceId the business trace id
	 */
	public BridgeStoppingException(String message, @Nullable String traceId) {
		super(message, traceId);
	}

}
