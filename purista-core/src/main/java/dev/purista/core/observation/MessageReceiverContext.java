package dev.purista.core.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The observation context of a received message, whose trace context is read from the message's carrier
 * (the parsed {@code otp}, broker headers or queue job headers).
 */
public class MessageReceiverContext extends ReceiverContext<Map<String, String>> {

	/**
	 * Create a context over a carrier.
	 * @param carrier the propagation entries of the message
	 */
	public MessageReceiverContext(Map<String, String> carrier) {
		super((map, key) -> map.get(key), Kind.CONSUMER);
		setCarrier(carrier);
	}

}
