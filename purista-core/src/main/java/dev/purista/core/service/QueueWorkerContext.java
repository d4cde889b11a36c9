package dev.purista.core.service;

import java.time.Duration;

import dev.purista.core.queue.QueueMessage;

/**
 * The context of a queue worker. Principal and tenant come from the job's {@code purista.principalId} and
 * {@code purista.tenantId} headers.
 */
public interface QueueWorkerContext extends HandlerContext {

	/**
	 * The job being processed.
	 * @return the job
	 */
	QueueMessage job();

	/**
	 * Extend the job's lease.
	 * @param extension the new lease time from now
	 */
	void extendLease(Duration extension);

	/**
	 * Whether the runtime asks the worker to stop (shutdown): finish quickly or leave the job to be released.
	 * @return {@code true} when cancellation is requested
	 */
	boolean isCancelRequested();

}
