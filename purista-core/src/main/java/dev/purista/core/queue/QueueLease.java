package dev.purista.core.queue;

/**
 * A leased job: the worker owns it until {@code leaseExpiresAt} unless it extends, acks or nacks the lease.
 *
 * @param id the job id
 * @param queueName the queue
 * @param message the job as leased (attempt already incremented)
 * @param leaseId the lease id (UUID v4)
 * @param leasedAt when the lease was taken, epoch milliseconds
 * @param leaseExpiresAt when the lease expires, epoch milliseconds
 */
public record QueueLease(String id, String queueName, QueueMessage message, String leaseId, long leasedAt,
		long leaseExpiresAt) {

}
