package dev.purista.core.service;

import org.jspecify.annotations.Nullable;

/**
 * The business logic of a queue worker.
 *
 * @param <P> the payload type
 * @param <Q> the parameter type
 */
@FunctionalInterface
public interface QueueWorkerFunction<P, Q> {

	/**
	 * Process a job.
	 * @param payload the validated payload
	 * @param parameter the validated parameter
	 * @param context the context
	 * @return {@code null} or any value to acknowledge, or a {@link dev.purista.core.queue.worker.JobResult}
	 * @throws Exception to retry with PURISTA's backoff
	 */
	@Nullable Object handle(P payload, Q parameter, QueueWorkerContext context) throws Exception;

}
