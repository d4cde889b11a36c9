package dev.purista.core.queue;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How long a failed queue job waits before its next attempt: PURISTA's exponential retry strategy with a
 * deterministic jitter factor.
 * <p>
 * The delay of attempt {@code n} (the attempt that failed, starting at 1) is
 * {@code round(min(maxDelay, min(maxDelay, initialDelay * max(1, multiplier^(n-1))) * (1 + jitterFactor)))}. Unlike
 * the name suggests, the "jitter" is not random: with the defaults the first retry waits 1250 ms, the second 2500
 * ms, exactly as TypeScript PURISTA computes it. A delay requested by the handler wins, clamped to
 * {@code [0, maxDelay]}.
 *
 * @param initialDelay the delay after the first attempt, before jitter
 * @param maxDelay the longest delay
 * @param multiplier the growth per attempt
 * @param jitterFactor the deterministic extra share added to every computed delay
 */
public record RetryStrategy(Duration initialDelay, Duration maxDelay, double multiplier, double jitterFactor) {

	/** PURISTA's default initial delay: 1000 ms. */
	public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(1000);

	/** PURISTA's default maximum delay: 120000 ms. */
	public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(120_000);

	/** PURISTA's default multiplier: 2. */
	public static final double DEFAULT_MULTIPLIER = 2;

	/** PURISTA's default jitter factor: 0.25. */
	public static final double DEFAULT_JITTER_FACTOR = 0.25;

	public RetryStrategy {
		Objects.requireNonNull(initialDelay, "initialDelay");
		Objects.requireNonNull(maxDelay, "maxDelay");
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
		}
		if (maxDelay.isNegative()) {
			throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
		}
		if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be a positive number, e.g. 2, was " + multiplier);
		}
		if (!(jitterFactor >= 0) || Double.isInfinite(jitterFactor)) {
			throw new IllegalArgumentException(
					"jitterFactor must be zero or a positive number, e.g. 0.25, was " + jitterFactor);
		}
	}

	/**
	 * PURISTA's default strategy: 1000 ms initial delay, 120000 ms maximum, multiplier 2, jitter factor 0.25.
	 * @return the default strategy
	 */
	public static RetryStrategy defaults() {
		return new RetryStrategy(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MULTIPLIER, DEFAULT_JITTER_FACTOR);
	}

	/**
	 * Compute the delay before the next attempt of a job.
	 * @param attempt the attempt that failed (the job's {@code attempt}, 1 for the first)
	 * @param requested the delay the handler asked for, or {@code null} to compute one
	 * @return the requested delay clamped to {@code [0, maxDelay]}, else the computed delay in whole milliseconds
	 */
	public Duration computeRetryDelay(int attempt, @Nullable Duration requested) {
		long maxDelayMs = this.maxDelay.toMillis();
		if (requested != null) {
			return Duration.ofMillis(Math.min(maxDelayMs, Math.max(0, requested.toMillis())));
		}
		double exponential = this.initialDelay.toMillis() * Math.max(1, Math.pow(this.multiplier, attempt - 1));
		double base = Math.min(maxDelayMs, exponential);
		double jittered = Math.min(maxDelayMs, base * (1 + this.jitterFactor));
		return Duration.ofMillis(Math.round(jittered));
	}

	/**
	 * Return a copy with another initial delay.
	 * @param initialDelay the delay after the first attempt, before jitter
	 * @return the copy
	 */
	public RetryStrategy withInitialDelay(Duration initialDelay) {
		return new RetryStrategy(initialDelay, this.maxDelay, this.multiplier, this.jitterFactor);
	}

	/**
	 * Return a copy with another maximum delay.
	 * @param maxDelay the longest delay
	 * @return the copy
	 */
	public RetryStrategy withMaxDelay(Duration maxDelay) {
		return new RetryStrategy(this.initialDelay, maxDelay, this.multiplier, this.jitterFactor);
	}

	/**
	 * Return a copy with another multiplier.
	 * @param multiplier the growth per attempt
	 * @return the copy
	 */
	public RetryStrategy withMultiplier(double multiplier) {
		return new RetryStrategy(this.initialDelay, this.maxDelay, multiplier, this.jitterFactor);
	}

	/**
	 * Return a copy with another jitter factor.
	 * @param jitterFactor the deterministic extra share added to every computed delay
	 * @return the copy
	 */
	public RetryStrategy withJitterFactor(double jitterFactor) {
		return new RetryStrategy(this.initialDelay, this.maxDelay, this.multiplier, jitterFactor);
	}

}
