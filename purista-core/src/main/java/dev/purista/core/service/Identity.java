package dev.purista.core.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The ids that travel with work: PURISTA's business trace id, the principal, the tenant and the W3C trace
 * context of the message being handled.
 * <p>
 * The trace context ({@code traceparent}, {@code tracestate}, {@code baggage}) is what a message arrived with
 * (its {@code otp}, or a queue job's headers). What a handler sends carries it on unchanged unless a tracer
 * writes a new child context, so a process without tracing keeps the W3C trace of its callers continuous.
 *
 * @param traceId the business trace id
 * @param principalId the principal
 * @param tenantId the tenant
 * @param traceContext the W3C trace context entries, in the order they were received (empty for none)
 */
public record Identity(@Nullable String traceId, @Nullable String principalId, @Nullable String tenantId,
		Map<String, String> traceContext) {

	/** No ids. */
	public static final Identity NONE = new Identity(null, null, null);

	/**
	 * Create ids with the given trace context, kept in its order and unmodifiable.
	 * @param traceId the business trace id
	 * @param principalId the principal
	 * @param tenantId the tenant
	 * @param traceContext the W3C trace context entries
	 */
	public Identity {
		traceContext = traceContext.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(traceContext));
	}

	/**
	 * Create ids without a trace context.
	 * @param traceId the business trace id
	 * @param principalId the principal
	 * @param tenantId the tenant
	 */
	public Identity(@Nullable String traceId, @Nullable String principalId, @Nullable String tenantId) {
		this(traceId, principalId, tenantId, Map.of());
	}

	/**
	 * Return these ids with another W3C trace context, e.g. the {@code traceparent} header of an HTTP request.
	 * @param traceContext the trace context entries
	 * @return the ids
	 */
	public Identity withTraceContext(Map<String, String> traceContext) {
		return new Identity(this.traceId, this.principalId, this.tenantId, traceContext);
	}

}
