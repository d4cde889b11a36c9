package dev.purista.core.queue.worker;

import org.jspecify.annotations.Nullable;

/**
 * Runs one queue job. Called by a {@link QueueWorkerRuntime} on one of its worker threads; an implementation
 * used with more than one parallel handler must be thread-safe.
 */
@FunctionalInterface
public interface QueueJobHandler {

	/**
	 * Run a job. Returning {@code null} or {@link JobResult#success(Object)} acks the job; a thrown exception is
	 * treated as {@link JobResult#retry(String, java.time.Duration)} with the exception's message as reason.
	 * Long-running handlers should check {@link QueueJob#isCancelRequested()} now and then.
	 * @param job the leased job
	 * @return what to do with the job, or {@code null} for success
	 * @throws Exception if the job failed; it is retried or dead-lettered by the lifecycle
	 */
	@Nullable JobResult handle(QueueJob job) throws Exception;

}
