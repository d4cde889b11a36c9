package dev.purista.nats;

import dev.purista.core.error.PuristaException;

/**
 * A {@link NatsEventBridge} could not connect to NATS when it started: no server could be reached, or the server
 * refused the connection (credentials, TLS). The cause is the NATS client's exception.
 */
public class NatsConnectionException extends PuristaException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what failed, naming the servers tried
	 * @param cause the NATS client's exception
	 */
	public NatsConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
