package dev.purista.core.queue;

import org.jspecify.annotations.Nullable;

/**
 * How to dead-letter a leased job with {@link QueueBridge#deadLetter}: why, where to, and the retry reason to
 * keep. Start with {@link #because(String)}.
 * <pre class="code">
 * bridge.deadLetter(queue, leaseId, DeadLetterRequest.because("max_attempts_exceeded").withLastRetryReason("smtp down"));
 * </pre>
 *
 * @param reason the reason, written to header {@value QueueHeaders#DEAD_LETTER_REASON}, or {@code null} for no
 * header
 * @param deadLetterQueueName the dead-letter queue, or {@code null} for the bridge's default
 * ({@link QueueCapabilities#deadLetterQueueName(String)} of the job's queue)
 * @param lastRetryReason written to header {@value QueueHeaders#LAST_RETRY_REASON} when not {@code null}
 */
public record DeadLetterRequest(@Nullable String reason, @Nullable String deadLetterQueueName,
		@Nullable String lastRetryReason) {

	/**
	 * Dead-letter into the bridge's default dead-letter queue with a reason.
	 * @param reason the reason, or {@code null} for none
	 * @return the request
	 */
	public static DeadLetterRequest because(@Nullable String reason) {
		return new DeadLetterRequest(reason, null, null);
	}

	/**
	 * Return a copy that dead-letters into another dead-letter queue.
	 * @param deadLetterQueueName the dead-letter queue, or {@code null} for the bridge's default
	 * @return the copy
	 */
	public DeadLetterRequest into(@Nullable String deadLetterQueueName) {
		return new DeadLetterRequest(this.reason, deadLetterQueueName, this.lastRetryReason);
	}

	/**
	 * Return a copy that also records why the job was last retried.
	 * @param lastRetryReason the retry reason, or {@code null} to leave the header as it is
	 * @return the copy
	 */
	public DeadLetterRequest withLastRetryReason(@Nullable String lastRetryReason) {
		return new DeadLetterRequest(this.reason, this.deadLetterQueueName, lastRetryReason);
	}

	/**
	 * The dead-letter queue this request goes to for a job of a queue.
	 * @param queueName the job's queue
	 * @param capabilities the bridge's capabilities (for the default name)
	 * @return {@link #deadLetterQueueName()}, or the bridge's default
	 */
	public String deadLetterQueueName(String queueName, QueueCapabilities capabilities) {
		return (this.deadLetterQueueName != null) ? this.deadLetterQueueName
				: capabilities.deadLetterQueueName(queueName);
	}

}
