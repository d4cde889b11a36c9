package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A state, config or secret store could not reach what it stores in (its broker or service was down, the
 * connection broke, the operation timed out): status 503 "Service Unavailable". Whether a write took effect is
 * unknown; retrying the work may succeed once the store is reachable again.
 * <p>
 * Stores raise it only for such availability failures, never for values that cannot be read or written, and
 * keep the technology's exception as the cause. The message names the store and the operation, never values.
 */
public class StoreUnavailableException extends ServiceUnavailableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the store and the operation that failed, e.g. {@code "RedisStateStore could not read ..."}
	 * @param cause the technology's exception
	 */
	public StoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, null, cause);
	}

}
