package dev.purista.mqtt;

import dev.purista.core.error.PuristaException;

/**
 * An {@link MqttEventBridge} could not connect to its MQTT broker when it started, or could not subscribe: the
 * broker was unreachable, refused the connection (credentials, protocol version) or refused a subscription. The
 * cause is the MQTT client's exception.
 */
public class MqttConnectionException extends PuristaException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what failed, naming the broker
	 * @param cause the MQTT client's exception
	 */
	public MqttConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
