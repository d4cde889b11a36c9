package dev.purista.nats.queue;

import java.time.Duration;
import java.util.Objects;

import io.nats.client.api.StorageType;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link NatsQueueBridge}, with TypeScript PURISTA's defaults: subject prefix
 * {@value NatsQueueNames#DEFAULT_SUBJECT_PREFIX}, lease time 30 s (also the {@code ack_wait} of consumers the bridge
 * creates), 10 attempts, file storage, 25 delayed jobs released per call and 5 s to wait for another enqueue of
 * the same idempotency key. Built with {@link #builder()}; immutable.
 *
 * @param subjectPrefix the subject prefix of every queue
 * @param defaultLeaseTtl lease time of jobs enqueued without one, and {@code ack_wait} of new consumers
 * @param defaultMaxAttempts attempts of jobs enqueued without a maximum
 * @param storageType storage of the streams and the idempotency bucket the bridge creates
 * @param releaseBatchSize how many due delayed jobs one release moves at most
 * @param idempotencyPendingTimeout how long an enqueue waits for a concurrent enqueue of the same idempotency key
 * @param pollInterval the longest single wait of {@code leaseNext}, after which it looks again for due delayed
 * jobs and expired leases
 * @param instanceId the bridge's instance id, or {@code null} for a random UUID
 */
public record NatsQueueBridgeOptions(String subjectPrefix, Duration defaultLeaseTtl, int defaultMaxAttempts,
		StorageType storageType, int releaseBatchSize, Duration idempotencyPendingTimeout, Duration pollInterval,
		@Nullable String instanceId) {

	/** TypeScript's default lease time. */
	public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);

	/** TypeScript's default maximum of attempts. */
	public static final int DEFAULT_MAX_ATTEMPTS = 10;

	/** TypeScript's default release batch size. */
	public static final int DEFAULT_RELEASE_BATCH_SIZE = 25;

	/** TypeScript's default wait for a pending idempotent enqueue. */
	public static final Duration DEFAULT_IDEMPOTENCY_PENDING_TIMEOUT = Duration.ofSeconds(5);

	/** Default longest single wait of {@code leaseNext}. */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

	/**
	 * Check the settings.
	 */
	public NatsQueueBridgeOptions {
		Objects.requireNonNull(subjectPrefix, "subjectPrefix");
		Objects.requireNonNull(storageType, "storageType");
		if (subjectPrefix.isBlank()) {
			throw new IllegalArgumentException("subjectPrefix must not be blank, e.g. purista.queue");
		}
		requirePositive(defaultLeaseTtl, "defaultLeaseTtl");
		requirePositive(idempotencyPendingTimeout, "idempotencyPendingTimeout");
		requirePositive(pollInterval, "pollInterval");
		if (defaultMaxAttempts < 1) {
			throw new IllegalArgumentException("defaultMaxAttempts must be at least 1, e.g. 10, was " + defaultMaxAttempts);
		}
		if (releaseBatchSize < 1) {
			throw new IllegalArgumentException("releaseBatchSize must be at least 1, e.g. 25, was " + releaseBatchSize);
		}
	}

	/**
	 * The defaults.
	 * @return TypeScript's defaults
	 */
	public static NatsQueueBridgeOptions defaults() {
		return builder().build();
	}

	/**
	 * Start from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static void requirePositive(@Nullable Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/**
	 * Builds {@link NatsQueueBridgeOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private String subjectPrefix = NatsQueueNames.DEFAULT_SUBJECT_PREFIX;

		private Duration defaultLeaseTtl = DEFAULT_LEASE_TTL;

		private int defaultMaxAttempts = DEFAULT_MAX_ATTEMPTS;

		private StorageType storageType = StorageType.File;

		private int releaseBatchSize = DEFAULT_RELEASE_BATCH_SIZE;

		private Duration idempotencyPendingTimeout = DEFAULT_IDEMPOTENCY_PENDING_TIMEOUT;

		private Duration pollInterval = DEFAULT_POLL_INTERVAL;

		private @Nullable String instanceId;

		private Builder() {
		}

		/**
		 * Set the subject prefix.
		 * @param subjectPrefix the prefix
		 * @return this builder
		 */
		public Builder subjectPrefix(String subjectPrefix) {
			this.subjectPrefix = subjectPrefix;
			return this;
		}

		/**
		 * Set the default lease time.
		 * @param defaultLeaseTtl the lease time
		 * @return this builder
		 */
		public Builder defaultLeaseTtl(Duration defaultLeaseTtl) {
			this.defaultLeaseTtl = defaultLeaseTtl;
			return this;
		}

		/**
		 * Set the default maximum of attempts.
		 * @param defaultMaxAttempts the maximum
		 * @return this builder
		 */
		public Builder defaultMaxAttempts(int defaultMaxAttempts) {
			this.defaultMaxAttempts = defaultMaxAttempts;
			return this;
		}

		/**
		 * Set the storage of streams and bucket the bridge creates.
		 * @param storageType file or memory
		 * @return this builder
		 */
		public Builder storageType(StorageType storageType) {
			this.storageType = storageType;
			return this;
		}

		/**
		 * Set how many due delayed jobs one release moves at most.
		 * @param releaseBatchSize the batch size
		 * @return this builder
		 */
		public Builder releaseBatchSize(int releaseBatchSize) {
			this.releaseBatchSize = releaseBatchSize;
			return this;
		}

		/**
		 * Set how long an enqueue waits for a concurrent enqueue of the same idempotency key.
		 * @param idempotencyPendingTimeout the wait
		 * @return this builder
		 */
		public Builder idempotencyPendingTimeout(Duration idempotencyPendingTimeout) {
			this.idempotencyPendingTimeout = idempotencyPendingTimeout;
			return this;
		}

		/**
		 * Set the longest single wait of {@code leaseNext}.
		 * @param pollInterval the wait
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
			return this;
		}

		/**
		 * Set the instance id.
		 * @param instanceId the id, or {@code null} for a random UUID
		 * @return this builder
		 */
		public Builder instanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public NatsQueueBridgeOptions build() {
			return new NatsQueueBridgeOptions(this.subjectPrefix, this.defaultLeaseTtl, this.defaultMaxAttempts,
					this.storageType, this.releaseBatchSize, this.idempotencyPendingTimeout, this.pollInterval,
					this.instanceId);
		}

	}

}
