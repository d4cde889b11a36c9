package dev.purista.core.queue;

/**
 * The answer to an enqueue: the job id (the first job's id when the idempotency key was seen before).
 *
 * @param jobId the job id
 * @param queueName the queue
 * @param scheduledAt when the job becomes due, epoch milliseconds
 */
public record EnqueueResult(String jobId, String queueName, long scheduledAt) {

}
