package dev.purista.core.queue;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Stores durable background jobs and leases them to workers (PURISTA's queue bridge). A queue bridge is
 * independent of the event bridge; a service gets one of each.
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
	 * Append a job to a dead-letter queue, with the reason in header {@value QueueHeaders#DEAD_LETTER_REASON}.
	 * @param deadLetterQueueName the dead-letter queue's name
	 * @param message the job
	 * @param reason why it was dead-lettered, or {@code null}
	 */
	void moveToDeadLetter(String deadLetterQueueName, QueueMessage message, @Nullable String reason);

	/**
	 * Read dead-lettered jobs without removing them.
	 * @param queueName the dead-letter queue's name
	 * @param offset how many to skip
	 * @param limit how many to return at most
	 * @return the jobs, oldest first
	 */
	List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit);

	/**
	 * Move dead-lettered jobs back to their queue, due at once.
	 * @param queueName the dead-letter queue's name
	 * @param limit how many to move at most
	 * @return how many were moved
	 */
	int redriveDeadLetter(String queueName, int limit);

	/**
	 * Delete all jobs of a dead-letter queue.
	 * @param queueName the dead-letter queue's name
	 * @return how many were deleted
	 */
	int purgeDeadLetter(String queueName);

	/**
	 * List the active leases of a queue (when {@link QueueCapabilities#leaseInspectionSupported()}).
	 * @param queueName the queue
	 * @param limit how many to return at most
	 * @return the leases
	 */
	List<QueueLease> inspectLeases(String queueName, int limit);

	/**
	 * Current figures of a queue.
	 * @param queueName the queue
	 * @return the metrics
	 */
	QueueMetrics metrics(String queueName);

}
