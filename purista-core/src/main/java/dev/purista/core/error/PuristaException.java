package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of all exceptions thrown by PURISTA.
 */
public class PuristaException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public PuristaException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public PuristaException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
