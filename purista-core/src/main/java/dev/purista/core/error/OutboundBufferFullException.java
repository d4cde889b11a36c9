package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A message could not be published because the bridge is disconnected from its broker and its outbound buffer
 * is full: status 503 "Service Unavailable". The message was not sent; the work that produced it may be
 * retried once the broker is back.
 */
public class OutboundBufferFullException extends ServiceUnavailableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what was refused, and the buffer's bounds and the properties that set them
	 * @param traceId the business trace id
	 */
	public OutboundBufferFullException(String message, @Nullable String traceId) {
		super(message, traceId);
	}

}
