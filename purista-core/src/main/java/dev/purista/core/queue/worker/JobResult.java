package dev.purista.core.queue.worker;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link QueueJobHandler} decided about a job (TypeScript PURISTA's worker result statuses).
 * <ul>
 * <li>{@link Success}: the job is acked.</li>
 * <li>{@link Retry} and non-fatal {@link Fail}: the job is retried after a delay, or dead-lettered with reason
 * {@code max_attempts_exceeded} or {@code retry_window_expired} when the lifecycle allows no further attempt.</li>
 * <li>Fatal {@link Fail} and {@link DeadLetter}: the job is dead-lettered at once.</li>
 * </ul>
 */
public sealed interface JobResult permits JobResult.Success, JobResult.Retry, JobResult.Fail, JobResult.DeadLetter {

	/**
	 * The job succeeded.
	 * @param output the job's output, or {@code null}
	 * @return the result
	 */
	static Success success(@Nullable Object output) {
		return new Success(output);
	}

	/**
	 * The job succeeded without output.
	 * @return the result
	 */
	static Success success() {
		return new Success(null);
	}

	/**
	 * The job should be tried again.
	 * @param reason why, stored in header {@code x-purista-last-retry-reason}, or {@code null}
	 * @param delay how long to wait (clamped to the retry strategy's maximum), or {@code null} to compute it
	 * @return the result
	 */
	static Retry retry(@Nullable String reason, @Nullable Duration delay) {
		return new Retry(reason, delay);
	}

	/**
	 * The job failed.
	 * @param reason why
	 * @param fatal {@code true} to dead-letter it at once, {@code false} to retry it like {@link #retry}
	 * @return the result
	 */
	static Fail fail(String reason, boolean fatal) {
		return new Fail(reason, fatal);
	}

	/**
	 * The job must not be tried again: move it to the dead-letter queue.
	 * @param reason why, stored in header {@code x-purista-dead-letter-reason}
	 * @return the result
	 */
	static DeadLetter deadLetter(String reason) {
		return new DeadLetter(reason);
	}

	/**
	 * The job succeeded.
	 *
	 * @param output the job's output, or {@code null}
	 */
	record Success(@Nullable Object output) implements JobResult {

	}

	/**
	 * The job should be tried again.
	 *
	 * @param reason why, or {@code null}
	 * @param delay how long to wait, or {@code null} to compute it from the retry strategy
	 */
	record Retry(@Nullable String reason, @Nullable Duration delay) implements JobResult {

	}

	/**
	 * The job failed.
	 *
	 * @param reason why
	 * @param fatal whether the job is dead-lettered at once instead of retried
	 */
	record Fail(String reason, boolean fatal) implements JobResult {

		public Fail {
			Objects.requireNonNull(reason, "reason");
		}

	}

	/**
	 * The job is moved to the dead-letter queue.
	 *
	 * @param reason why
	 */
	record DeadLetter(String reason) implements JobResult {

		public DeadLetter {
			Objects.requireNonNull(reason, "reason");
		}

	}

}
