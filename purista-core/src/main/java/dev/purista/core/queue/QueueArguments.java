package dev.purista.core.queue;

import java.time.Duration;

/**
 * Argument checks every {@link QueueBridge} applies the same way.
 */
public final class QueueArguments {

	private QueueArguments() {
	}

	/**
	 * Check the optional limits of an enqueue request.
	 * @param request the request
	 * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or {@code leaseTtlMs} not positive
	 */
	public static void checkEnqueueRequest(EnqueueRequest request) {
		if (request.maxAttempts() != null && request.maxAttempts() < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + request.maxAttempts());
		}
		if (request.leaseTtlMs() != null && request.leaseTtlMs() < 1) {
			throw new IllegalArgumentException("leaseTtlMs must be positive, was " + request.leaseTtlMs());
		}
	}

	/**
	 * Check the window of a listing call.
	 * @param offset how many to skip
	 * @param limit how many to return at most
	 * @throws IllegalArgumentException if either is negative
	 */
	public static void checkRange(int offset, int limit) {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative, was " + offset);
		}
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
	}

	/**
	 * A lease call's wait time in nanoseconds: 0 for a negative wait, capped for waits too long to count.
	 * @param waitTime the wait time
	 * @return the nanoseconds to wait
	 */
	public static long waitNanos(Duration waitTime) {
		if (waitTime.isNegative()) {
			return 0;
		}
		try {
			return waitTime.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

}
