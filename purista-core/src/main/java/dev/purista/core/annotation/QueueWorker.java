package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PuristaService} as the worker of a queue. The method takes the job payload,
 * optionally the parameter (annotated {@link Parameter}) and optionally a
 * {@link dev.purista.core.service.QueueWorkerContext}. Returning normally acknowledges the job; a returned
 * {@link dev.purista.core.queue.worker.JobResult} controls retry and dead-lettering; an exception retries with
 * PURISTA's backoff until {@link #maxAttempts()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueueWorker {

	/**
	 * The queue name.
	 * @return the queue
	 */
	String queue();

	/**
	 * The worker name; the method name when empty.
	 * @return the name
	 */
	String name() default "";

	/**
	 * How many jobs run at once (1 = sequential).
	 * @return the parallelism
	 */
	int maxParallelHandlers() default 1;

	/**
	 * Attempts before a job is dead-lettered.
	 * @return the attempts
	 */
	int maxAttempts() default 10;

	/**
	 * How long a lease lasts in milliseconds before another worker may take the job; heartbeats extend it while
	 * the handler runs. Default 30 s (TypeScript PURISTA: 15 min), see
	 * {@link dev.purista.core.queue.QueueLifecycle#DEFAULT_VISIBILITY_TIMEOUT}.
	 * @return the visibility timeout
	 */
	long visibilityTimeoutMs() default 30_000;

	/**
	 * Whether enqueues of this queue must be deduplicated by idempotency key (fails start-up on a queue
	 * bridge that cannot enforce it).
	 * @return {@code true} for strict idempotency
	 */
	boolean strictIdempotency() default false;

	/**
	 * Whether failed jobs must be kept in an inspectable dead-letter queue (fails start-up on a queue bridge
	 * without one).
	 * @return {@code true} if dead letters must be kept
	 */
	boolean requireDeadLetter() default true;

	/**
	 * Events the handler may {@code emit}.
	 * @return the declared events
	 */
	Event[] emits() default {};

}
