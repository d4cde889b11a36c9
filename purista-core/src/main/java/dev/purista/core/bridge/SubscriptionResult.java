package dev.purista.core.bridge;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a subscription asks the bridge to do with a message (PURISTA's subscription control results).
 *
 * @param status the decision
 * @param reason why (for retry, dead-letter and drop)
 * @param delay when to retry, or {@code null} for the subscription's default
 */
public record SubscriptionResult(Status status, @Nullable String reason, @Nullable Duration delay) {

	private static final SubscriptionResult ACK = new SubscriptionResult(Status.ACK, null, null);

	/**
	 * The message was processed.
	 * @return the result
	 */
	public static SubscriptionResult ack() {
		return ACK;
	}

	/**
	 * Deliver the message again later (up to the subscription's attempt limit).
	 * @param reason why
	 * @param delay when, or {@code null} for the default
	 * @return the result
	 */
	public static SubscriptionResult retry(@Nullable String reason, @Nullable Duration delay) {
		return new SubscriptionResult(Status.RETRY, reason, delay);
	}

	/**
	 * Move the message to the dead-letter target.
	 * @param reason why
	 * @return the result
	 */
	public static SubscriptionResult deadLetter(@Nullable String reason) {
		return new SubscriptionResult(Status.DEAD_LETTER, reason, null);
	}

	/**
	 * Discard the message without processing it.
	 * @param reason why
	 * @return the result
	 */
	public static SubscriptionResult drop(@Nullable String reason) {
		return new SubscriptionResult(Status.DROP, reason, null);
	}

	/**
	 * The decisions a subscription can make.
	 */
	public enum Status {

		/** Processed. */
		ACK,
		/** Deliver again later. */
		RETRY,
		/** Move to the dead-letter target. */
		DEAD_LETTER,
		/** Discard. */
		DROP

	}

}
