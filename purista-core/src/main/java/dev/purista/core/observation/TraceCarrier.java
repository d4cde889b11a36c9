package dev.purista.core.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts between a trace context carrier map and PURISTA's {@code otp} field, a JSON string such as
 * {@code {"traceparent":"00-...-...-01"}}.
 */
public final class TraceCarrier {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private TraceCarrier() {
	}

	/**
	 * Write a carrier as {@code otp} JSON.
	 * @param carrier the entries
	 * @return the JSON string, or {@code null} for an empty carrier
	 */
	public static @Nullable String toOtp(Map<String, String> carrier) {
		if (carrier.isEmpty()) {
			return null;
		}
		return MAPPER.writeValueAsString(carrier);
	}

	/**
	 * Read an {@code otp} field; malformed values yield an empty carrier (a broken trace, never a lost
	 * message).
	 * @param otp the JSON string or {@code null}
	 * @return the entries
	 */
	public static Map<String, String> fromOtp(@Nullable String otp) {
		if (otp == null || otp.isEmpty()) {
			return new LinkedHashMap<>();
		}
		try {
			JsonNode node = MAPPER.readTree(otp);
			Map<String, String> carrier = new LinkedHashMap<>();
			if (node != null && node.isObject()) {
				node.properties().forEach((entry) -> {
					if (entry.getValue().isString()) {
						carrier.put(entry.getKey(), entry.getValue().asString());
					}
				});
			}
			return carrier;
		}
		catch (JacksonException ex) {
			return new LinkedHashMap<>();
		}
	}

}
