package dev.purista.core.queue;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A queue job as PURISTA persists it (the queue wire format shared with TypeScript workers). Times are epoch
 * milliseconds; {@code attempt} is 0 when enqueued and incremented on every lease.
 *
 * @param id the job id (UUID v4)
 * @param queueName the queue
 * @param payload the job payload
 * @param parameter the job parameter
 * @param headers string headers, e.g. {@code purista.tenantId}, {@code x-purista-last-retry-reason}
 * @param createdAt when the job was first enqueued
 * @param scheduledAt when the job becomes due
 * @param priority a priority (not used by the bundled bridges)
 * @param attempt how often the job was leased
 * @param maxAttempts after how many attempts the job is dead-lettered
 * @param leaseExpiresAt when the current lease expires (0 when not leased)
 * @param leaseTtlMs how long a lease lasts
 * @param traceId the business trace id
 * @param parentSpanId the span id of the enqueuing span
 * @param correlationId a correlation id
 * @param idempotencyKey the idempotency key given on enqueue
 * @param extensions fields this model does not know
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueMessage(@JsonProperty(required = true) String id, @JsonProperty(required = true) String queueName,
		@JsonDeserialize(as = JsonNode.class) @Nullable Object payload,
		@JsonDeserialize(as = JsonNode.class) @Nullable Object parameter, Map<String, String> headers,
		long createdAt, @Nullable Long scheduledAt, @Nullable Integer priority, int attempt, int maxAttempts,
		long leaseExpiresAt, long leaseTtlMs, @Nullable String traceId, @Nullable String parentSpanId,
		@Nullable String correlationId, @Nullable String idempotencyKey,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extensions) {

	public QueueMessage {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(queueName, "queueName");
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		extensions = (extensions != null && !extensions.isEmpty()) ? extensions : Map.of();
	}

	/**
	 * The job a bridge stores for an enqueue request: attempt 0, not leased, due at the requested time or now,
	 * the bridge's defaults where the request gives no attempt limit or lease time.
	 * @param request the request
	 * @param jobId the new job's id
	 * @param now the enqueue time, epoch milliseconds
	 * @param payload the payload to store (the request's, or a copy of it)
	 * @param parameter the parameter to store (the request's, or a copy of it)
	 * @param defaultMaxAttempts the bridge's attempt limit
	 * @param defaultLeaseTtlMs the bridge's lease time
	 * @return the job
	 */
	public static QueueMessage enqueued(EnqueueRequest request, String jobId, long now, @Nullable Object payload,
			@Nullable Object parameter, int defaultMaxAttempts, long defaultLeaseTtlMs) {
		return new QueueMessage(jobId, request.queueName(), payload, parameter, request.headers(), now,
				(request.scheduledAt() != null) ? request.scheduledAt() : now, request.priority(), 0,
				(request.maxAttempts() != null) ? request.maxAttempts() : defaultMaxAttempts, 0,
				(request.leaseTtlMs() != null) ? request.leaseTtlMs() : defaultLeaseTtlMs, request.traceId(),
				request.parentSpanId(), request.correlationId(), request.idempotencyKey(), Map.of());
	}

	/**
	 * Return a copy for a new lease: attempt incremented, lease expiry set.
	 * @param leaseExpiresAt when the lease expires
	 * @return the copy
	 */
	public QueueMessage leased(long leaseExpiresAt) {
		return new QueueMessage(this.id, this.queueName, this.payload, this.parameter, this.headers, this.createdAt,
				this.scheduledAt, this.priority, this.attempt + 1, this.maxAttempts, leaseExpiresAt, this.leaseTtlMs,
				this.traceId, this.parentSpanId, this.correlationId, this.idempotencyKey, this.extensions);
	}

	/**
	 * Return a copy with another lease expiry.
	 * @param leaseExpiresAt when the lease expires (0 when not leased)
	 * @return the copy
	 */
	public QueueMessage withLeaseExpiresAt(long leaseExpiresAt) {
		return new QueueMessage(this.id, this.queueName, this.payload, this.parameter, this.headers, this.createdAt,
				this.scheduledAt, this.priority, this.attempt, this.maxAttempts, leaseExpiresAt, this.leaseTtlMs,
				this.traceId, this.parentSpanId, this.correlationId, this.idempotencyKey, this.extensions);
	}

	/**
	 * Return a copy rescheduled for another time and released from its lease.
	 * @param scheduledAt when the job becomes due
	 * @param headers the new headers
	 * @return the copy
	 */
	public QueueMessage rescheduled(long scheduledAt, Map<String, String> headers) {
		return new QueueMessage(this.id, this.queueName, this.payload, this.parameter, headers, this.createdAt,
				scheduledAt, this.priority, this.attempt, this.maxAttempts, 0, this.leaseTtlMs, this.traceId,
				this.parentSpanId, this.correlationId, this.idempotencyKey, this.extensions);
	}

	/**
	 * Return a copy with one header set.
	 * @param name the header name
	 * @param value the value
	 * @return the copy
	 */
	public QueueMessage withHeader(String name, String value) {
		java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new QueueMessage(this.id, this.queueName, this.payload, this.parameter, copy, this.createdAt,
				this.scheduledAt, this.priority, this.attempt, this.maxAttempts, this.leaseExpiresAt, this.leaseTtlMs,
				this.traceId, this.parentSpanId, this.correlationId, this.idempotencyKey, this.extensions);
	}

}
