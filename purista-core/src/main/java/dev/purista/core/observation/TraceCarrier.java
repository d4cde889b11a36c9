package dev.purista.core.observation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts between a trace context carrier map and PURISTA's {@code otp} field, a JSON string such as
 * {@code {"traceparent":"00-...-...-01"}}. TypeScript PURISTA writes {@code otp} on every message it sends, as
 * {@code JSON.stringify} of what its propagator injected: {@code "{}"} when there is no trace context.
 */
public final class TraceCarrier {

	/**
	 * The W3C propagation fields a carrier holds: {@code traceparent}, {@code tracestate} and {@code baggage}.
	 */
	public static final List<String> W3C_FIELDS = List.of("traceparent", "tracestate", "baggage");

	private static final String EMPTY_OTP = "{}";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private TraceCarrier() {
	}

	/**
	 * Write a carrier as {@code otp} JSON, as TypeScript does: the entries in their order, {@code "{}"} for an
	 * empty carrier.
	 * @param carrier the entries
	 * @return the JSON string
	 */
	public static String toOtp(Map<String, String> carrier) {
		if (carrier.isEmpty()) {
			return EMPTY_OTP;
		}
		return MAPPER.writeValueAsString(carrier);
	}

	/**
	 * The W3C propagation entries ({@link #W3C_FIELDS}) of a header map, such as a queue job's headers or a
	 * broker message's headers, in that order.
	 * @param headers the headers
	 * @return the entries present, possibly none
	 */
	public static Map<String, String> w3cEntries(Map<String, ?> headers) {
		Map<String, String> carrier = new LinkedHashMap<>();
		for (String field : W3C_FIELDS) {
			if (headers.get(field) instanceof String value && !value.isEmpty()) {
				carrier.put(field, value);
			}
		}
		return carrier;
	}

	/**
	 * Read an {@code otp} field; malformed values yield an empty carrier (a broken trace, never a lost
	 * message).
	 * @param otp the JSON string or {@code null}
	 * @return the entries
	 */
	public static Map<String, String> fromOtp(@Nullable String otp) {
		if (otp == null || otp.isEmpty() || EMPTY_OTP.equals(otp)) {
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
