package dev.purista.core.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How a queue worker treats the jobs it leases: lease length and heartbeats, how often and how long a job is
 * retried, and how long it waits between attempts. Defaults are TypeScript PURISTA's
 * {@code defaultQueueLifecycleConfig}.
 *
 * @param visibilityTimeout how far each heartbeat extends a lease (default 15 min)
 * @param maxLeaseExtensions how many heartbeats extend one lease at most (default 3)
 * @param heartbeatInterval how often a running job's lease is extended (default 5 min)
 * @param retryWindow how long after its creation a job may still be retried (default 24 h)
 * @param autoHeartbeat whether running jobs' leases are extended automatically (default {@code true})
 * @param maxAttempts after how many attempts a failing job is dead-lettered (default 10)
 * @param retryStrategy the delay between attempts
 */
public record QueueLifecycle(Duration visibilityTimeout, int maxLeaseExtensions, Duration heartbeatInterval,
		Duration retryWindow, boolean autoHeartbeat, int maxAttempts, RetryStrategy retryStrategy) {

	/** PURISTA's default visibility timeout: 900000 ms (15 min). */
	public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofMinutes(15);

	/** PURISTA's default number of lease extensions: 3. */
	public static final int DEFAULT_MAX_LEASE_EXTENSIONS = 3;

	/** PURISTA's default heartbeat interval: 300000 ms (5 min). */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMinutes(5);

	/** PURISTA's default retry window: 86400000 ms (24 h). */
	public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofHours(24);

	/** PURISTA's default attempt limit: 10. */
	public static final int DEFAULT_MAX_ATTEMPTS = 10;

	public QueueLifecycle {
		Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		Objects.requireNonNull(retryWindow, "retryWindow");
		Objects.requireNonNull(retryStrategy, "retryStrategy");
		if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
			throw new IllegalArgumentException("visibilityTimeout must be positive, e.g. 15m, was " + visibilityTimeout);
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("heartbeatInterval must be positive, e.g. 5m, was " + heartbeatInterval);
		}
		if (retryWindow.isNegative()) {
			throw new IllegalArgumentException("retryWindow must not be negative, e.g. 24h, was " + retryWindow);
		}
		if (maxLeaseExtensions < 0) {
			throw new IllegalArgumentException("maxLeaseExtensions must not be negative, was " + maxLeaseExtensions);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, e.g. 10, was " + maxAttempts);
		}
	}

	/**
	 * PURISTA's defaults: visibility timeout 15 min, 3 lease extensions, heartbeat every 5 min, retry window
	 * 24 h, automatic heartbeat, 10 attempts, {@link RetryStrategy#defaults()}.
	 * @return the default lifecycle
	 */
	public static QueueLifecycle defaults() {
		return new QueueLifecycle(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_MAX_LEASE_EXTENSIONS, DEFAULT_HEARTBEAT_INTERVAL,
				DEFAULT_RETRY_WINDOW, true, DEFAULT_MAX_ATTEMPTS, RetryStrategy.defaults());
	}

	/**
	 * Return a copy with another visibility timeout.
	 * @param visibilityTimeout how far each heartbeat extends a lease
	 * @return the copy
	 */
	public QueueLifecycle withVisibilityTimeout(Duration visibilityTimeout) {
		return new QueueLifecycle(visibilityTimeout, this.maxLeaseExtensions, this.heartbeatInterval,
				this.retryWindow, this.autoHeartbeat, this.maxAttempts, this.retryStrategy);
	}

	/**
	 * Return a copy with another number of lease extensions.
	 * @param maxLeaseExtensions how many heartbeats extend one lease at most
	 * @return the copy
	 */
	public QueueLifecycle withMaxLeaseExtensions(int maxLeaseExtensions) {
		return new QueueLifecycle(this.visibilityTimeout, maxLeaseExtensions, this.heartbeatInterval,
				this.retryWindow, this.autoHeartbeat, this.maxAttempts, this.retryStrategy);
	}

	/**
	 * Return a copy with another heartbeat interval.
	 * @param heartbeatInterval how often a running job's lease is extended
	 * @return the copy
	 */
	public QueueLifecycle withHeartbeatInterval(Duration heartbeatInterval) {
		return new QueueLifecycle(this.visibilityTimeout, this.maxLeaseExtensions, heartbeatInterval,
				this.retryWindow, this.autoHeartbeat, this.maxAttempts, this.retryStrategy);
	}

	/**
	 * Return a copy with another retry window.
	 * @param retryWindow how long after its creation a job may still be retried
	 * @return the copy
	 */
	public QueueLifecycle withRetryWindow(Duration retryWindow) {
		return new QueueLifecycle(this.visibilityTimeout, this.maxLeaseExtensions, this.heartbeatInterval,
				retryWindow, this.autoHeartbeat, this.maxAttempts, this.retryStrategy);
	}

	/**
	 * Return a copy with automatic heartbeats switched on or off.
	 * @param autoHeartbeat whether running jobs' leases are extended automatically
	 * @return the copy
	 */
	public QueueLifecycle withAutoHeartbeat(boolean autoHeartbeat) {
		return new QueueLifecycle(this.visibilityTimeout, this.maxLeaseExtensions, this.heartbeatInterval,
				this.retryWindow, autoHeartbeat, this.maxAttempts, this.retryStrategy);
	}

	/**
	 * Return a copy with another attempt limit.
	 * @param maxAttempts after how many attempts a failing job is dead-lettered
	 * @return the copy
	 */
	public QueueLifecycle withMaxAttempts(int maxAttempts) {
		return new QueueLifecycle(this.visibilityTimeout, this.maxLeaseExtensions, this.heartbeatInterval,
				this.retryWindow, this.autoHeartbeat, maxAttempts, this.retryStrategy);
	}

	/**
	 * Return a copy with another retry strategy.
	 * @param retryStrategy the delay between attempts
	 * @return the copy
	 */
	public QueueLifecycle withRetryStrategy(RetryStrategy retryStrategy) {
		return new QueueLifecycle(this.visibilityTimeout, this.maxLeaseExtensions, this.heartbeatInterval,
				this.retryWindow, this.autoHeartbeat, this.maxAttempts, retryStrategy);
	}

}
