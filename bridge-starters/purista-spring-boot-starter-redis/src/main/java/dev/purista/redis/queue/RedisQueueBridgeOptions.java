package dev.purista.redis.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RedisQueueBridge}. The defaults are TypeScript PURISTA's.
 *
 * @param keyPrefix prefix of every key, {@value #DEFAULT_KEY_PREFIX} by default
 * @param defaultLeaseTtl how long a lease lasts unless the enqueue request says otherwise (15 minutes)
 * @param defaultMaxAttempts after how many attempts a job is dead-lettered unless the request says otherwise
 * (10)
 * @param maxBlock how long one blocking wait for a job lasts at most before delayed jobs and expired leases are
 * looked at again (1 second)
 * @param orphanCheckInterval how often a queue's processing list is searched for jobs whose consumer died
 * before taking the lease (10 seconds)
 */
public record RedisQueueBridgeOptions(String keyPrefix, Duration defaultLeaseTtl, int defaultMaxAttempts,
		Duration maxBlock, Duration orphanCheckInterval) {

	/** TypeScript PURISTA's key prefix. */
	public static final String DEFAULT_KEY_PREFIX = "purista:queue:";

	/** TypeScript PURISTA's lease time, in milliseconds. */
	public static final long DEFAULT_LEASE_TTL_MS = 900_000;

	/** TypeScript PURISTA's attempt limit. */
	public static final int DEFAULT_MAX_ATTEMPTS = 10;

	public RedisQueueBridgeOptions {
		Objects.requireNonNull(keyPrefix, "keyPrefix");
		requirePositive(defaultLeaseTtl, "defaultLeaseTtl");
		requirePositive(maxBlock, "maxBlock");
		requirePositive(orphanCheckInterval, "orphanCheckInterval");
		if (defaultMaxAttempts < 1) {
			throw new IllegalArgumentException("defaultMaxAttempts must be at least 1, was " + defaultMaxAttempts);
		}
	}

	/**
	 * TypeScript PURISTA's defaults.
	 * @return the options
	 */
	public static RedisQueueBridgeOptions defaults() {
		return new RedisQueueBridgeOptions(DEFAULT_KEY_PREFIX, Duration.ofMillis(DEFAULT_LEASE_TTL_MS),
				DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(1), Duration.ofSeconds(10));
	}

	/**
	 * Return a copy with another key prefix.
	 * @param keyPrefix the prefix
	 * @return the copy
	 */
	public RedisQueueBridgeOptions withKeyPrefix(String keyPrefix) {
		return new RedisQueueBridgeOptions(keyPrefix, this.defaultLeaseTtl, this.defaultMaxAttempts, this.maxBlock,
				this.orphanCheckInterval);
	}

	/**
	 * Return a copy with other defaults for jobs.
	 * @param defaultLeaseTtl the lease time
	 * @param defaultMaxAttempts the attempt limit
	 * @return the copy
	 */
	public RedisQueueBridgeOptions withJobDefaults(Duration defaultLeaseTtl, int defaultMaxAttempts) {
		return new RedisQueueBridgeOptions(this.keyPrefix, defaultLeaseTtl, defaultMaxAttempts, this.maxBlock,
				this.orphanCheckInterval);
	}

	/**
	 * Return a copy with another orphan check interval.
	 * @param orphanCheckInterval the interval
	 * @return the copy
	 */
	public RedisQueueBridgeOptions withOrphanCheckInterval(Duration orphanCheckInterval) {
		return new RedisQueueBridgeOptions(this.keyPrefix, this.defaultLeaseTtl, this.defaultMaxAttempts,
				this.maxBlock, orphanCheckInterval);
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

}
