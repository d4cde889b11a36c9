package dev.purista.core.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation context of an outgoing message. Its carrier is a string map that a propagating tracer fills
 * with W3C trace context ({@code traceparent}, {@code tracestate}, {@code baggage}); the map then becomes the
 * message's {@code otp} and broker headers, or a queue job's headers.
 */
public class MessageSenderContext extends SenderContext<Map<String, String>> {

	/**
	 * Create a context with an empty carrier.
	 */
	public MessageSenderContext() {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		}, Kind.PRODUCER);
		setCarrier(new LinkedHashMap<>());
	}

	/**
	 * The propagation entries written by the tracer.
	 * @return the carrier map
	 */
	public Map<String, String> carrierMap() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier : Map.of();
	}

}
