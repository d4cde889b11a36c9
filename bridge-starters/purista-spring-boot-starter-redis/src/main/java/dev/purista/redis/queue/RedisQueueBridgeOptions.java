package dev.purista.redis.queue;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link RedisQueueBridge}, built with {@link #builder()}. Unset settings keep their defaults,
 * which are TypeScript PURISTA's (key prefix {@value #DEFAULT_KEY_PREFIX}, 10 attempts) except for the
 * lease: 30 seconds instead of 15 minutes, see {@link #DEFAULT_LEASE_TTL_MS}; a blocking wait lasts at most
 * 1 second and orphans are looked for every 10 seconds. Instances are immutable.
 */
public final class RedisQueueBridgeOptions {

	/** TypeScript PURISTA's key prefix. */
	public static final String DEFAULT_KEY_PREFIX = "purista:queue:";

	/**
	 * The lease time of jobs enqueued without one, in milliseconds: 30 s (TypeScript PURISTA: 15 min), so that
	 * the jobs of a worker that died or missed Redis' reply are leased again soon. Workers extend the leases of
	 * running jobs with heartbeats.
	 */
	public static final long DEFAULT_LEASE_TTL_MS = 30_000;

	/** TypeScript PURISTA's attempt limit. */
	public static final int DEFAULT_MAX_ATTEMPTS = 10;

	/** The default longest single blocking wait: 1 s. */
	public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(1);

	/** The default orphan check interval: 10 s. */
	public static final Duration DEFAULT_ORPHAN_CHECK_INTERVAL = Duration.ofSeconds(10);

	private static final RedisQueueBridgeOptions DEFAULTS = builder().build();

	private final String keyPrefix;

	private final Duration defaultLeaseTtl;

	private final int defaultMaxAttempts;

	private final Duration maxBlock;

	private final Duration orphanCheckInterval;

	private RedisQueueBridgeOptions(Builder builder) {
		this.keyPrefix = Objects.requireNonNull(builder.keyPrefix, "keyPrefix");
		this.defaultLeaseTtl = requirePositive(builder.defaultLeaseTtl, "defaultLeaseTtl");
		this.maxBlock = requirePositive(builder.maxBlock, "maxBlock");
		this.orphanCheckInterval = requirePositive(builder.orphanCheckInterval, "orphanCheckInterval");
		if (builder.defaultMaxAttempts < 1) {
			throw new IllegalArgumentException(
					"defaultMaxAttempts must be at least 1, was " + builder.defaultMaxAttempts);
		}
		this.defaultMaxAttempts = builder.defaultMaxAttempts;
	}

	/**
	 * TypeScript PURISTA's defaults.
	 * @return the options
	 */
	public static RedisQueueBridgeOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start building options from these.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		return new Builder().keyPrefix(this.keyPrefix)
			.defaultLeaseTtl(this.defaultLeaseTtl)
			.defaultMaxAttempts(this.defaultMaxAttempts)
			.maxBlock(this.maxBlock)
			.orphanCheckInterval(this.orphanCheckInterval);
	}

	/**
	 * Prefix of every key.
	 * @return the prefix ({@value #DEFAULT_KEY_PREFIX} by default)
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * How long a lease lasts unless the enqueue request says otherwise.
	 * @return the lease time (30 seconds by default)
	 */
	public Duration defaultLeaseTtl() {
		return this.defaultLeaseTtl;
	}

	/**
	 * After how many attempts a job is dead-lettered unless the enqueue request says otherwise.
	 * @return the attempt limit (10 by default)
	 */
	public int defaultMaxAttempts() {
		return this.defaultMaxAttempts;
	}

	/**
	 * How long one blocking wait for a job lasts at most before delayed jobs and expired leases are looked at
	 * again.
	 * @return the longest wait (1 second by default)
	 */
	public Duration maxBlock() {
		return this.maxBlock;
	}

	/**
	 * How often a queue's processing list is searched for jobs whose consumer died before taking the lease.
	 * @return the interval (10 seconds by default)
	 */
	public Duration orphanCheckInterval() {
		return this.orphanCheckInterval;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof RedisQueueBridgeOptions that) && this.keyPrefix.equals(that.keyPrefix)
				&& this.defaultLeaseTtl.equals(that.defaultLeaseTtl)
				&& this.defaultMaxAttempts == that.defaultMaxAttempts && this.maxBlock.equals(that.maxBlock)
				&& this.orphanCheckInterval.equals(that.orphanCheckInterval);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.keyPrefix, this.defaultLeaseTtl, this.defaultMaxAttempts, this.maxBlock,
				this.orphanCheckInterval);
	}

	@Override
	public String toString() {
		return "RedisQueueBridgeOptions[keyPrefix=" + this.keyPrefix + ", defaultLeaseTtl=" + this.defaultLeaseTtl
				+ ", defaultMaxAttempts=" + this.defaultMaxAttempts + ", maxBlock=" + this.maxBlock
				+ ", orphanCheckInterval=" + this.orphanCheckInterval + "]";
	}

	private static Duration requirePositive(@Nullable Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
		return duration;
	}

	/**
	 * Builds {@link RedisQueueBridgeOptions}; every setting starts at its default. Not thread-safe.
	 */
	public static final class Builder {

		private String keyPrefix = DEFAULT_KEY_PREFIX;

		private Duration defaultLeaseTtl = Duration.ofMillis(DEFAULT_LEASE_TTL_MS);

		private int defaultMaxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration maxBlock = DEFAULT_MAX_BLOCK;

		private Duration orphanCheckInterval = DEFAULT_ORPHAN_CHECK_INTERVAL;

		private Builder() {
		}

		/**
		 * Set the prefix of every key; change it on the TypeScript side too.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Set the lease time of jobs enqueued without one.
		 * @param defaultLeaseTtl the lease time, positive
		 * @return this builder
		 */
		public Builder defaultLeaseTtl(Duration defaultLeaseTtl) {
			this.defaultLeaseTtl = defaultLeaseTtl;
			return this;
		}

		/**
		 * Set the attempt limit of jobs enqueued without one.
		 * @param defaultMaxAttempts the limit, at least 1
		 * @return this builder
		 */
		public Builder defaultMaxAttempts(int defaultMaxAttempts) {
			this.defaultMaxAttempts = defaultMaxAttempts;
			return this;
		}

		/**
		 * Set the longest single blocking wait for a job.
		 * @param maxBlock the wait, positive
		 * @return this builder
		 */
		public Builder maxBlock(Duration maxBlock) {
			this.maxBlock = maxBlock;
			return this;
		}

		/**
		 * Set how often processing lists are searched for orphaned jobs.
		 * @param orphanCheckInterval the interval, positive
		 * @return this builder
		 */
		public Builder orphanCheckInterval(Duration orphanCheckInterval) {
			this.orphanCheckInterval = orphanCheckInterval;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if a duration is not positive or the attempt limit is below 1
		 */
		public RedisQueueBridgeOptions build() {
			return new RedisQueueBridgeOptions(this);
		}

	}

}
