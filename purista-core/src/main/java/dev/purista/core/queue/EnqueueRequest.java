package dev.purista.core.queue;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue. Fields left {@code null} take the bridge's defaults ({@code maxAttempts},
 * {@code leaseTtlMs}) or "now" ({@code scheduledAt}).
 *
 * @param queueName the queue
 * @param payload the payload (any JSON-serializable value)
 * @param parameter the parameter (any JSON-serializable value)
 * @param headers string headers
 * @param scheduledAt when the job becomes due, epoch milliseconds
 * @param priority a priority
 * @param maxAttempts attempts before dead-lettering
 * @param leaseTtlMs how long a lease lasts
 * @param traceId the business trace id
 * @param parentSpanId the enqueuing span id
 * @param correlationId a correlation id
 * @param idempotencyKey a key that makes repeated enqueues return the first job
 */
public record EnqueueRequest(String queueName, @Nullable Object payload, @Nullable Object parameter,
		Map<String, String> headers, @Nullable Long scheduledAt, @Nullable Integer priority,
		@Nullable Integer maxAttempts, @Nullable Long leaseTtlMs, @Nullable String traceId,
		@Nullable String parentSpanId, @Nullable String correlationId, @Nullable String idempotencyKey) {

	public EnqueueRequest {
		Objects.requireNonNull(queueName, "queueName");
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
	}

	/**
	 * A job with a payload and defaults for everything else.
	 * @param queueName the queue
	 * @param payload the payload
	 * @return the request
	 */
	public static EnqueueRequest of(String queueName, @Nullable Object payload) {
		return new EnqueueRequest(queueName, payload, null, Map.of(), null, null, null, null, null, null, null,
				null);
	}

	/**
	 * Return a copy with the given parameter.
	 * @param parameter the parameter
	 * @return the copy
	 */
	public EnqueueRequest withParameter(@Nullable Object parameter) {
		return new EnqueueRequest(this.queueName, this.payload, parameter, this.headers, this.scheduledAt,
				this.priority, this.maxAttempts, this.leaseTtlMs, this.traceId, this.parentSpanId, this.correlationId,
				this.idempotencyKey);
	}

	/**
	 * Return a copy with the given headers.
	 * @param headers the headers
	 * @return the copy
	 */
	public EnqueueRequest withHeaders(Map<String, String> headers) {
		return new EnqueueRequest(this.queueName, this.payload, this.parameter, headers, this.scheduledAt,
				this.priority, this.maxAttempts, this.leaseTtlMs, this.traceId, this.parentSpanId, this.correlationId,
				this.idempotencyKey);
	}

	/**
	 * Return a copy due at the given time.
	 * @param scheduledAt epoch milliseconds
	 * @return the copy
	 */
	public EnqueueRequest withScheduledAt(@Nullable Long scheduledAt) {
		return new EnqueueRequest(this.queueName, this.payload, this.parameter, this.headers, scheduledAt,
				this.priority, this.maxAttempts, this.leaseTtlMs, this.traceId, this.parentSpanId, this.correlationId,
				this.idempotencyKey);
	}

	/**
	 * Return a copy with the given attempt limit.
	 * @param maxAttempts attempts before dead-lettering
	 * @return the copy
	 */
	public EnqueueRequest withMaxAttempts(@Nullable Integer maxAttempts) {
		return new EnqueueRequest(this.queueName, this.payload, this.parameter, this.headers, this.scheduledAt,
				this.priority, maxAttempts, this.leaseTtlMs, this.traceId, this.parentSpanId, this.correlationId,
				this.idempotencyKey);
	}

	/**
	 * Return a copy with the given lease time.
	 * @param leaseTtlMs how long a lease lasts
	 * @return the copy
	 */
	public EnqueueRequest withLeaseTtlMs(@Nullable Long leaseTtlMs) {
		return new EnqueueRequest(this.queueName, this.payload, this.parameter, this.headers, this.scheduledAt,
				this.priority, this.maxAttempts, leaseTtlMs, this.traceId, this.parentSpanId, this.correlationId,
				this.idempotencyKey);
	}

	/**
	 * Return a copy with trace and correlation ids.
	 * @param traceId the business trace id
	 * @param parentSpanId the enqueuing span id
	 * @param correlationId a correlation id
	 * @return the copy
	 */
	public EnqueueRequest withTrace(@Nullable String traceId, @Nullable String parentSpanId,
			@Nullable String correlationId) {
		return new EnqueueRequest(this.queueName, this.payload, this.parameter, this.headers, this.scheduledAt,
				this.priority, this.maxAttempts, this.leaseTtlMs, traceId, parentSpanId, correlationId,
				this.idempotencyKey);
	}

	/**
	 * Return a copy with an idempotency key.
	 * @param idempotencyKey the key
	 * @return the copy
	 */
	public EnqueueRequest withIdempotencyKey(@Nullable String idempotencyKey) {
		return new EnqueueRequest(this.queueName, this.payload, this.parameter, this.headers, this.scheduledAt,
				this.priority, this.maxAttempts, this.leaseTtlMs, this.traceId, this.parentSpanId, this.correlationId,
				idempotencyKey);
	}

}
