package dev.purista.core.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How a queue worker treats the jobs it leases: lease length and heartbeats, how often and how long a job is
 * retried, and how long it waits between attempts. Defaults are TypeScript PURISTA's
 * {@code defaultQueueLifecycleConfig} except for the lease: TypeScript leases a job for 15 min and extends it
 * every 5 min at most 3 times, so the job of a killed worker waits up to 15 min. Here a lease lasts 30 s and a
 * heartbeat extends it every 10 s for as long as the handler runs, so a job whose worker died (or missed the
 * broker's reply) is leased again within 30 s. The stored job fields are the same in both languages.
 *
 * @param visibilityTimeout how far each heartbeat extends a lease (default 30 s)
 * @param maxLeaseExtensions how many heartbeats extend one lease at most (default
 * {@value #UNLIMITED_LEASE_EXTENSIONS}: as long as the handler runs)
 * @param heartbeatInterval how often a running job's lease is extended (default 10 s; a worker beats at least
 * every third of the visibility timeout, so a lease never expires between two heartbeats)
 * @param retryWindow how long after its creation a job may still be retried (default 24 h)
 * @param autoHeartbeat whether running jobs' leases are extended automatically (default {@code true})
 * @param maxAttempts after how many attempts a failing job is dead-lettered (default 10)
 * @param retryStrategy the delay between attempts
 */
public record QueueLifecycle(Duration visibilityTimeout, int maxLeaseExtensions, Duration heartbeatInterval,
		Duration retryWindow, boolean autoHeartbeat, int maxAttempts, RetryStrategy retryStrategy) {

	/**
	 * The default visibility timeout: 30 s (TypeScript PURISTA: 15 min), short so that the jobs of a worker that
	 * died are leased again soon.
	 */
	public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

	/** Lease extensions without limit: a running handler keeps its lease as long as its worker lives. */
	public static final int UNLIMITED_LEASE_EXTENSIONS = Integer.MAX_VALUE;

	/** The default number of lease extensions: {@link #UNLIMITED_LEASE_EXTENSIONS} (TypeScript PURISTA: 3). */
	public static final int DEFAULT_MAX_LEASE_EXTENSIONS = UNLIMITED_LEASE_EXTENSIONS;

	/** The default heartbeat interval: 10 s, a third of the default visibility timeout (TypeScript: 5 min). */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

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
			throw new IllegalArgumentException("visibilityTimeout must be positive, e.g. 30s, was " + visibilityTimeout);
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("heartbeatInterval must be positive, e.g. 10s, was " + heartbeatInterval);
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
	 * The defaults: visibility timeout 30 s, heartbeat every 10 s without a limit on extensions, retry window
	 * 24 h, automatic heartbeat, 10 attempts, {@link RetryStrategy#defaults()}.
	 * @return the default lifecycle
	 */
	public static QueueLifecycle defaults() {
		return new QueueLifecycle(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_MAX_LEASE_EXTENSIONS, DEFAULT_HEARTBEAT_INTERVAL,
				DEFAULT_RETRY_WINDOW, true, DEFAULT_MAX_ATTEMPTS, RetryStrategy.defaults());
	}

	/**
	 * How often a worker extends a running job's lease: the heartbeat interval, but at least every third of the
	 * visibility timeout, so that a lease does not expire between two heartbeats when one of them fails.
	 * @return the interval, at least 1 ms
	 */
	public Duration effectiveHeartbeatInterval() {
		Duration third = this.visibilityTimeout.dividedBy(3);
		Duration interval = (this.heartbeatInterval.compareTo(third) < 0) ? this.heartbeatInterval : third;
		return (interval.toMillis() < 1) ? Duration.ofMillis(1) : interval;
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
