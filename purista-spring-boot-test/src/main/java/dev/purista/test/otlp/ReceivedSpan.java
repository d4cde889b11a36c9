package dev.purista.test.otlp;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One span as an {@link OtlpHttpReceiver} received it, with the resource and scope it was exported under.
 *
 * @param traceId the trace id, 32 lowercase hex digits
 * @param spanId the span id, 16 lowercase hex digits
 * @param parentSpanId the parent span id, or {@code null} for a root span
 * @param name the span name
 * @param kind the OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer (0 unspecified)
 * @param attributes the span's attributes with string, boolean and integer values, as text
 * @param links the spans this span links to
 * @param resourceAttributes the resource's attributes, such as {@code service.name}
 * @param scopeName the instrumentation scope name
 */
public record ReceivedSpan(String traceId, String spanId, @Nullable String parentSpanId, String name, int kind,
		Map<String, String> attributes, List<Link> links, Map<String, String> resourceAttributes, String scopeName) {

	/**
	 * The {@code service.name} of the resource that exported the span.
	 * @return the service name, or {@code null}
	 */
	public @Nullable String serviceName() {
		return this.resourceAttributes.get("service.name");
	}

	/**
	 * A link from a span to another span.
	 *
	 * @param traceId the linked trace id
	 * @param spanId the linked span id
	 */
	public record Link(String traceId, String spanId) {

	}

}
