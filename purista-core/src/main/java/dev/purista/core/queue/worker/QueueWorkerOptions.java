package dev.purista.core.queue.worker;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.QueueLifecycle;

/**
 * How a {@link QueueWorkerRuntime} works a queue.
 *
 * @param queueName the queue to work
 * @param maxParallelHandlers how many jobs run at once (1: one after the other)
 * @param lifecycle leases, heartbeats, attempts and retry delays
 * @param idlePollWait how long one lease call waits for a job when the queue is empty, at most 1 s per call (a
 * longer wait is served by calling again); also the longest time a stopping runtime waits for an idle lease call to
 * return
 * @param deadLetterQueueName where dead-lettered jobs go, or {@code null} for the bridge's default
 * ({@code <queue>.dead-letter} for the in-memory bridge)
 */
public record QueueWorkerOptions(String queueName, int maxParallelHandlers, QueueLifecycle lifecycle,
		Duration idlePollWait, @Nullable String deadLetterQueueName) {

	/** How long a lease call waits for a job by default: 1 s. */
	public static final Duration DEFAULT_IDLE_POLL_WAIT = Duration.ofSeconds(1);

	public QueueWorkerOptions {
		Objects.requireNonNull(queueName, "queueName");
		Objects.requireNonNull(lifecycle, "lifecycle");
		Objects.requireNonNull(idlePollWait, "idlePollWait");
		if (queueName.isBlank()) {
			throw new IllegalArgumentException("queueName must not be blank");
		}
		if (maxParallelHandlers < 1) {
			throw new IllegalArgumentException(
					"maxParallelHandlers must be at least 1, e.g. 4, was " + maxParallelHandlers);
		}
		if (idlePollWait.isNegative()) {
			throw new IllegalArgumentException("idlePollWait must not be negative, e.g. 1s, was " + idlePollWait);
		}
	}

	/**
	 * Options for a queue with one handler at a time, PURISTA's default lifecycle and a 1 s idle poll wait.
	 * @param queueName the queue to work
	 * @return the options
	 */
	public static QueueWorkerOptions of(String queueName) {
		return new QueueWorkerOptions(queueName, 1, QueueLifecycle.defaults(), DEFAULT_IDLE_POLL_WAIT, null);
	}

	/**
	 * Return a copy with another number of parallel handlers.
	 * @param maxParallelHandlers how many jobs run at once
	 * @return the copy
	 */
	public QueueWorkerOptions withMaxParallelHandlers(int maxParallelHandlers) {
		return new QueueWorkerOptions(this.queueName, maxParallelHandlers, this.lifecycle, this.idlePollWait,
				this.deadLetterQueueName);
	}

	/**
	 * Return a copy with another lifecycle.
	 * @param lifecycle leases, heartbeats, attempts and retry delays
	 * @return the copy
	 */
	public QueueWorkerOptions withLifecycle(QueueLifecycle lifecycle) {
		return new QueueWorkerOptions(this.queueName, this.maxParallelHandlers, lifecycle, this.idlePollWait,
				this.deadLetterQueueName);
	}

	/**
	 * Return a copy with another idle poll wait.
	 * @param idlePollWait how long one lease call waits for a job
	 * @return the copy
	 */
	public QueueWorkerOptions withIdlePollWait(Duration idlePollWait) {
		return new QueueWorkerOptions(this.queueName, this.maxParallelHandlers, this.lifecycle, idlePollWait,
				this.deadLetterQueueName);
	}

	/**
	 * Return a copy with another dead-letter queue.
	 * @param deadLetterQueueName where dead-lettered jobs go, or {@code null} for the bridge's default
	 * @return the copy
	 */
	public QueueWorkerOptions withDeadLetterQueueName(@Nullable String deadLetterQueueName) {
		return new QueueWorkerOptions(this.queueName, this.maxParallelHandlers, this.lifecycle, this.idlePollWait,
				deadLetterQueueName);
	}

}
