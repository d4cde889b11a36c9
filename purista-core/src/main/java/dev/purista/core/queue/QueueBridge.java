package dev.purista.core.queue;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Stores durable background jobs and leases them to workers (PURISTA's queue bridge). A queue bridge is
 * independent of the event bridge; a service gets one of each.
 * <p>
 * This interface is the data plane every bridge has (enqueue, lease, extend, ack, nack, release, dead-letter)
 * with identity and lifecycle. Optional roles are offered through accessors, so decorators such as
 * {@link ForwardingQueueBridge} pass them on unchanged: {@link #deadLetterAdministration()} and
 * {@link #inspection()}.
 * <p>
 * Methods may block on I/O (a broker round trip); {@link #leaseNext} blocks up to its wait time. All methods
 * are safe to call from many threads.
 */
public interface QueueBridge {

	/**
	 * The bridge's name, e.g. {@code InMemoryQueueBridge}.
	 * @return the name
	 */
	String name();

	/**
	 * The id of this bridge instance.
	 * @return the instance id
	 */
	String instanceId();

	/**
	 * What this bridge can do.
	 * @return the capabilities
	 */
	QueueCapabilities capabilities();

	/**
	 * Connect and become ready. Idempotent.
	 */
	void start();

	/**
	 * Whether the bridge was started and is connected.
	 * @return {@code true} when ready
	 */
	boolean isReady();

	/**
	 * Whether the bridge can currently do its work.
	 * @return {@code true} when healthy
	 */
	boolean isHealthy();

	/**
	 * Release resources. Jobs stay stored (for durable bridges); leases held by this instance expire.
	 */
	void destroy();

	/**
	 * Store a job. With an idempotency key that was seen before on this queue, nothing is stored and the first
	 * job's result is returned (when {@link QueueCapabilities#idempotencyEnforcement()} is set).
	 * @param request the job
	 * @return the job id, queue and due time
	 * @throws dev.purista.core.error.PuristaException if the job could not be stored; the caller knows it was
	 * not enqueued
	 */
	EnqueueResult enqueue(EnqueueRequest request);

	/**
	 * Lease the next due job of a queue, waiting up to {@code waitTime} for one. Leasing increments the job's
	 * {@code attempt}. Expired leases are recovered first (the job becomes due again, or is dead-lettered with
	 * reason {@code lease_expired} when its attempts are exhausted).
	 * @param queueName the queue
	 * @param waitTime how long to wait for a due job
	 * @return the lease or {@code null} if no job was due in time
	 */
	@Nullable QueueLease leaseNext(String queueName, Duration waitTime);

	/**
	 * Extend a lease (worker heartbeat).
	 * @param queueName the queue
	 * @param leaseId the lease
	 * @param extension the new lease time from now
	 * @throws dev.purista.core.error.PuristaException if the lease is unknown or expired
	 */
	void extendLease(String queueName, String leaseId, Duration extension);

	/**
	 * Acknowledge a lease: the job is done and removed.
	 * @param queueName the queue
	 * @param leaseId the lease
	 */
	void ack(String queueName, String leaseId);

	/**
	 * Negatively acknowledge a lease: the job is scheduled again after {@code delay}, or dead-lettered (in
	 * {@code <queue>} + {@link QueueCapabilities#defaultDeadLetterSuffix()}) when {@code attempt >= maxAttempts}.
	 * The reason is stored in header {@value QueueHeaders#LAST_RETRY_REASON}.
	 * @param queueName the queue
	 * @param leaseId the lease
	 * @param reason why the job failed, or {@code null}
	 * @param delay when to retry
	 */
	void nack(String queueName, String leaseId, @Nullable String reason, Duration delay);

	/**
	 * Give a lease back without counting it as a failure: the job is due again at once and never dead-lettered
	 * by this call. Used on shutdown for jobs that did not finish in time.
	 * @param queueName the queue
	 * @param leaseId the lease
	 */
	void release(String queueName, String leaseId);

	/**
	 * Dead-letter the job of a lease and settle the lease, as one atomic step: afterwards the job is in the
	 * dead-letter queue and no longer leased, or (when the call fails) still leased as before, never both. The
	 * job is stored as leased (its {@code attempt} kept) with {@code leaseExpiresAt} 0, the reason in header
	 * {@value QueueHeaders#DEAD_LETTER_REASON} and, when given, the last retry reason in
	 * {@value QueueHeaders#LAST_RETRY_REASON}. The lease then behaves as an acked one: {@link #extendLease}
	 * fails, {@link #ack} is ignored. An unknown lease (acked, nacked, released or recovered before) is
	 * ignored.
	 * @param queueName the queue
	 * @param leaseId the lease
	 * @param request the reason, the dead-letter queue and the last retry reason
	 * @throws dev.purista.core.error.PuristaException if the bridge could not do it; the job may then still be
	 * leased and is recovered when the lease expires
	 */
	void deadLetter(String queueName, String leaseId, DeadLetterRequest request);

	/**
	 * The dead-letter administration of this bridge (peek, redrive, purge), when it offers one. The
	 * capability flags {@link QueueCapabilities#deadLetterInspectSupported()},
	 * {@link QueueCapabilities#deadLetterReplaySupported()} and {@link QueueCapabilities#deadLetterPurgeSupported()}
	 * are all off exactly when this is empty.
	 * @return the administration, or empty (the default)
	 */
	default Optional<DeadLetterAdministration> deadLetterAdministration() {
		return Optional.empty();
	}

	/**
	 * The inspection of this bridge (queue metrics, active leases), when it offers one. Health, metrics and the
	 * actuator endpoint read queues only through it. {@link QueueCapabilities#leaseInspectionSupported()} is
	 * off when this is empty.
	 * @return the inspection, or empty (the default)
	 */
	default Optional<QueueInspection> inspection() {
		return Optional.empty();
	}

}
