package dev.purista.core.queue;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a queue bridge can do, with PURISTA's capability flag names. Built with {@link #builder()}: every flag
 * not set is "not supported", {@link #maxBatchSize()} is 1 and the dead-letter prefix and suffix are empty.
 * <pre class="code">
 * QueueCapabilities capabilities = QueueCapabilities.builder()
 * 	.delayedDelivery(true)
 * 	.fifoOrdering(true)
 * 	.defaultDeadLetterSuffix(".dead-letter")
 * 	.build();
 * </pre>
 * The dead-letter flags ({@link #deadLetterInspectSupported()}, {@link #deadLetterReplaySupported()},
 * {@link #deadLetterPurgeSupported()}) are set exactly when the bridge offers
 * {@link QueueBridge#deadLetterAdministration()}, and {@link #leaseInspectionSupported()} only when it offers
 * {@link QueueBridge#inspection()}. Immutable; written as JSON with the flag names as members.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE)
@JsonPropertyOrder({ "delayedDelivery", "fifoOrdering", "partitions", "priorities", "deadLetterNative",
		"exactlyOnce", "maxBatchSize", "defaultDeadLetterPrefix", "defaultDeadLetterSuffix", "deadLetterInspectable",
		"deadLetterInspectSupported", "deadLetterReplaySupported", "deadLetterPurgeSupported",
		"leaseInspectionSupported", "idempotencyEnforcement", "partitionOrdering", "providerManagedDelayedDelivery",
		"strictStartupValidation" })
public final class QueueCapabilities {

	private final boolean delayedDelivery;

	private final boolean fifoOrdering;

	private final boolean partitions;

	private final boolean priorities;

	private final boolean deadLetterNative;

	private final boolean exactlyOnce;

	private final int maxBatchSize;

	private final String defaultDeadLetterPrefix;

	private final String defaultDeadLetterSuffix;

	private final boolean deadLetterInspectable;

	private final boolean deadLetterInspectSupported;

	private final boolean deadLetterReplaySupported;

	private final boolean deadLetterPurgeSupported;

	private final boolean leaseInspectionSupported;

	private final boolean idempotencyEnforcement;

	private final boolean partitionOrdering;

	private final boolean providerManagedDelayedDelivery;

	private final boolean strictStartupValidation;

	private QueueCapabilities(Builder builder) {
		this.delayedDelivery = builder.delayedDelivery;
		this.fifoOrdering = builder.fifoOrdering;
		this.partitions = builder.partitions;
		this.priorities = builder.priorities;
		this.deadLetterNative = builder.deadLetterNative;
		this.exactlyOnce = builder.exactlyOnce;
		this.maxBatchSize = builder.maxBatchSize;
		this.defaultDeadLetterPrefix = builder.defaultDeadLetterPrefix;
		this.defaultDeadLetterSuffix = builder.defaultDeadLetterSuffix;
		this.deadLetterInspectable = builder.deadLetterInspectable;
		this.deadLetterInspectSupported = builder.deadLetterInspectSupported;
		this.deadLetterReplaySupported = builder.deadLetterReplaySupported;
		this.deadLetterPurgeSupported = builder.deadLetterPurgeSupported;
		this.leaseInspectionSupported = builder.leaseInspectionSupported;
		this.idempotencyEnforcement = builder.idempotencyEnforcement;
		this.partitionOrdering = builder.partitionOrdering;
		this.providerManagedDelayedDelivery = builder.providerManagedDelayedDelivery;
		this.strictStartupValidation = builder.strictStartupValidation;
	}

	/**
	 * Start building capabilities: nothing is supported until set.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder holding these capabilities, for a bridge that changes one of them (for example a decorator).
	 * @return a new builder with every value of this instance
	 */
	public Builder toBuilder() {
		return new Builder().delayedDelivery(this.delayedDelivery)
			.fifoOrdering(this.fifoOrdering)
			.partitions(this.partitions)
			.priorities(this.priorities)
			.deadLetterNative(this.deadLetterNative)
			.exactlyOnce(this.exactlyOnce)
			.maxBatchSize(this.maxBatchSize)
			.defaultDeadLetterPrefix(this.defaultDeadLetterPrefix)
			.defaultDeadLetterSuffix(this.defaultDeadLetterSuffix)
			.deadLetterInspectable(this.deadLetterInspectable)
			.deadLetterInspectSupported(this.deadLetterInspectSupported)
			.deadLetterReplaySupported(this.deadLetterReplaySupported)
			.deadLetterPurgeSupported(this.deadLetterPurgeSupported)
			.leaseInspectionSupported(this.leaseInspectionSupported)
			.idempotencyEnforcement(this.idempotencyEnforcement)
			.partitionOrdering(this.partitionOrdering)
			.providerManagedDelayedDelivery(this.providerManagedDelayedDelivery)
			.strictStartupValidation(this.strictStartupValidation);
	}

	/**
	 * Whether jobs can be scheduled for later.
	 * @return {@code true} when supported
	 */
	public boolean delayedDelivery() {
		return this.delayedDelivery;
	}

	/**
	 * Whether due jobs are leased in enqueue order.
	 * @return {@code true} when supported
	 */
	public boolean fifoOrdering() {
		return this.fifoOrdering;
	}

	/**
	 * Whether jobs can be partitioned.
	 * @return {@code true} when supported
	 */
	public boolean partitions() {
		return this.partitions;
	}

	/**
	 * Whether priorities are honoured.
	 * @return {@code true} when supported
	 */
	public boolean priorities() {
		return this.priorities;
	}

	/**
	 * Whether the broker dead-letters natively.
	 * @return {@code true} when supported
	 */
	public boolean deadLetterNative() {
		return this.deadLetterNative;
	}

	/**
	 * Whether delivery is exactly once.
	 * @return {@code true} when supported
	 */
	public boolean exactlyOnce() {
		return this.exactlyOnce;
	}

	/**
	 * How many jobs one lease call returns at most.
	 * @return the batch size, 1 unless set
	 */
	public int maxBatchSize() {
		return this.maxBatchSize;
	}

	/**
	 * Prefix of the dead-letter queue name.
	 * @return the prefix, empty unless set
	 */
	public String defaultDeadLetterPrefix() {
		return this.defaultDeadLetterPrefix;
	}

	/**
	 * Suffix of the dead-letter queue name.
	 * @return the suffix, empty unless set
	 */
	public String defaultDeadLetterSuffix() {
		return this.defaultDeadLetterSuffix;
	}

	/**
	 * Whether dead letters are kept and can be read.
	 * @return {@code true} when supported
	 */
	public boolean deadLetterInspectable() {
		return this.deadLetterInspectable;
	}

	/**
	 * Whether {@link DeadLetterAdministration#peekDeadLetter} works.
	 * @return {@code true} when supported
	 */
	public boolean deadLetterInspectSupported() {
		return this.deadLetterInspectSupported;
	}

	/**
	 * Whether {@link DeadLetterAdministration#redriveDeadLetter} works.
	 * @return {@code true} when supported
	 */
	public boolean deadLetterReplaySupported() {
		return this.deadLetterReplaySupported;
	}

	/**
	 * Whether {@link DeadLetterAdministration#purgeDeadLetter} works.
	 * @return {@code true} when supported
	 */
	public boolean deadLetterPurgeSupported() {
		return this.deadLetterPurgeSupported;
	}

	/**
	 * Whether {@link QueueInspection#inspectLeases} works.
	 * @return {@code true} when supported
	 */
	public boolean leaseInspectionSupported() {
		return this.leaseInspectionSupported;
	}

	/**
	 * Whether a repeated idempotency key returns the first job instead of storing another.
	 * @return {@code true} when supported
	 */
	public boolean idempotencyEnforcement() {
		return this.idempotencyEnforcement;
	}

	/**
	 * Whether order is kept per partition.
	 * @return {@code true} when supported
	 */
	public boolean partitionOrdering() {
		return this.partitionOrdering;
	}

	/**
	 * Whether the broker schedules delayed jobs.
	 * @return {@code true} when supported
	 */
	public boolean providerManagedDelayedDelivery() {
		return this.providerManagedDelayedDelivery;
	}

	/**
	 * Whether definitions are checked against capabilities at start.
	 * @return {@code true} when supported
	 */
	public boolean strictStartupValidation() {
		return this.strictStartupValidation;
	}

	/**
	 * The dead-letter queue name the runtime uses for a queue.
	 * @param queueName the queue
	 * @return prefix + queue + suffix
	 */
	public String deadLetterQueueName(String queueName) {
		return this.defaultDeadLetterPrefix + queueName + this.defaultDeadLetterSuffix;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof QueueCapabilities that)) {
			return false;
		}
		return this.delayedDelivery == that.delayedDelivery && this.fifoOrdering == that.fifoOrdering
				&& this.partitions == that.partitions && this.priorities == that.priorities
				&& this.deadLetterNative == that.deadLetterNative && this.exactlyOnce == that.exactlyOnce
				&& this.maxBatchSize == that.maxBatchSize
				&& this.defaultDeadLetterPrefix.equals(that.defaultDeadLetterPrefix)
				&& this.defaultDeadLetterSuffix.equals(that.defaultDeadLetterSuffix)
				&& this.deadLetterInspectable == that.deadLetterInspectable
				&& this.deadLetterInspectSupported == that.deadLetterInspectSupported
				&& this.deadLetterReplaySupported == that.deadLetterReplaySupported
				&& this.deadLetterPurgeSupported == that.deadLetterPurgeSupported
				&& this.leaseInspectionSupported == that.leaseInspectionSupported
				&& this.idempotencyEnforcement == that.idempotencyEnforcement
				&& this.partitionOrdering == that.partitionOrdering
				&& this.providerManagedDelayedDelivery == that.providerManagedDelayedDelivery
				&& this.strictStartupValidation == that.strictStartupValidation;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.delayedDelivery, this.fifoOrdering, this.partitions, this.priorities,
				this.deadLetterNative, this.exactlyOnce, this.maxBatchSize, this.defaultDeadLetterPrefix,
				this.defaultDeadLetterSuffix, this.deadLetterInspectable, this.deadLetterInspectSupported,
				this.deadLetterReplaySupported, this.deadLetterPurgeSupported, this.leaseInspectionSupported,
				this.idempotencyEnforcement, this.partitionOrdering, this.providerManagedDelayedDelivery,
				this.strictStartupValidation);
	}

	@Override
	public String toString() {
		return "QueueCapabilities[delayedDelivery=" + this.delayedDelivery + ", fifoOrdering=" + this.fifoOrdering
				+ ", partitions=" + this.partitions + ", priorities=" + this.priorities + ", deadLetterNative="
				+ this.deadLetterNative + ", exactlyOnce=" + this.exactlyOnce + ", maxBatchSize=" + this.maxBatchSize
				+ ", defaultDeadLetterPrefix=" + this.defaultDeadLetterPrefix + ", defaultDeadLetterSuffix="
				+ this.defaultDeadLetterSuffix + ", deadLetterInspectable=" + this.deadLetterInspectable
				+ ", deadLetterInspectSupported=" + this.deadLetterInspectSupported + ", deadLetterReplaySupported="
				+ this.deadLetterReplaySupported + ", deadLetterPurgeSupported=" + this.deadLetterPurgeSupported
				+ ", leaseInspectionSupported=" + this.leaseInspectionSupported + ", idempotencyEnforcement="
				+ this.idempotencyEnforcement + ", partitionOrdering=" + this.partitionOrdering
				+ ", providerManagedDelayedDelivery=" + this.providerManagedDelayedDelivery
				+ ", strictStartupValidation=" + this.strictStartupValidation + "]";
	}

	/**
	 * Builds {@link QueueCapabilities}, one named setter per capability. Not thread-safe.
	 */
	public static final class Builder {

		private boolean delayedDelivery;

		private boolean fifoOrdering;

		private boolean partitions;

		private boolean priorities;

		private boolean deadLetterNative;

		private boolean exactlyOnce;

		private int maxBatchSize = 1;

		private String defaultDeadLetterPrefix = "";

		private String defaultDeadLetterSuffix = "";

		private boolean deadLetterInspectable;

		private boolean deadLetterInspectSupported;

		private boolean deadLetterReplaySupported;

		private boolean deadLetterPurgeSupported;

		private boolean leaseInspectionSupported;

		private boolean idempotencyEnforcement;

		private boolean partitionOrdering;

		private boolean providerManagedDelayedDelivery;

		private boolean strictStartupValidation;

		private Builder() {
		}

		/**
		 * Set whether jobs can be scheduled for later.
		 * @param delayedDelivery whether supported
		 * @return this builder
		 */
		public Builder delayedDelivery(boolean delayedDelivery) {
			this.delayedDelivery = delayedDelivery;
			return this;
		}

		/**
		 * Set whether due jobs are leased in enqueue order.
		 * @param fifoOrdering whether supported
		 * @return this builder
		 */
		public Builder fifoOrdering(boolean fifoOrdering) {
			this.fifoOrdering = fifoOrdering;
			return this;
		}

		/**
		 * Set whether jobs can be partitioned.
		 * @param partitions whether supported
		 * @return this builder
		 */
		public Builder partitions(boolean partitions) {
			this.partitions = partitions;
			return this;
		}

		/**
		 * Set whether priorities are honoured.
		 * @param priorities whether supported
		 * @return this builder
		 */
		public Builder priorities(boolean priorities) {
			this.priorities = priorities;
			return this;
		}

		/**
		 * Set whether the broker dead-letters natively.
		 * @param deadLetterNative whether supported
		 * @return this builder
		 */
		public Builder deadLetterNative(boolean deadLetterNative) {
			this.deadLetterNative = deadLetterNative;
			return this;
		}

		/**
		 * Set whether delivery is exactly once.
		 * @param exactlyOnce whether supported
		 * @return this builder
		 */
		public Builder exactlyOnce(boolean exactlyOnce) {
			this.exactlyOnce = exactlyOnce;
			return this;
		}

		/**
		 * Set how many jobs one lease call returns at most.
		 * @param maxBatchSize the batch size, at least 1
		 * @return this builder
		 */
		public Builder maxBatchSize(int maxBatchSize) {
			if (maxBatchSize < 1) {
				throw new IllegalArgumentException("maxBatchSize must be at least 1, e.g. 1, was " + maxBatchSize);
			}
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		/**
		 * Set the prefix of the dead-letter queue name.
		 * @param defaultDeadLetterPrefix the prefix, may be empty
		 * @return this builder
		 */
		public Builder defaultDeadLetterPrefix(String defaultDeadLetterPrefix) {
			this.defaultDeadLetterPrefix = Objects.requireNonNull(defaultDeadLetterPrefix,
					"defaultDeadLetterPrefix");
			return this;
		}

		/**
		 * Set the suffix of the dead-letter queue name.
		 * @param defaultDeadLetterSuffix the suffix, may be empty
		 * @return this builder
		 */
		public Builder defaultDeadLetterSuffix(String defaultDeadLetterSuffix) {
			this.defaultDeadLetterSuffix = Objects.requireNonNull(defaultDeadLetterSuffix,
					"defaultDeadLetterSuffix");
			return this;
		}

		/**
		 * Set whether dead letters are kept and can be read.
		 * @param deadLetterInspectable whether supported
		 * @return this builder
		 */
		public Builder deadLetterInspectable(boolean deadLetterInspectable) {
			this.deadLetterInspectable = deadLetterInspectable;
			return this;
		}

		/**
		 * Set whether {@link DeadLetterAdministration#peekDeadLetter} works.
		 * @param deadLetterInspectSupported whether supported
		 * @return this builder
		 */
		public Builder deadLetterInspectSupported(boolean deadLetterInspectSupported) {
			this.deadLetterInspectSupported = deadLetterInspectSupported;
			return this;
		}

		/**
		 * Set whether {@link DeadLetterAdministration#redriveDeadLetter} works.
		 * @param deadLetterReplaySupported whether supported
		 * @return this builder
		 */
		public Builder deadLetterReplaySupported(boolean deadLetterReplaySupported) {
			this.deadLetterReplaySupported = deadLetterReplaySupported;
			return this;
		}

		/**
		 * Set whether {@link DeadLetterAdministration#purgeDeadLetter} works.
		 * @param deadLetterPurgeSupported whether supported
		 * @return this builder
		 */
		public Builder deadLetterPurgeSupported(boolean deadLetterPurgeSupported) {
			this.deadLetterPurgeSupported = deadLetterPurgeSupported;
			return this;
		}

		/**
		 * Set whether {@link QueueInspection#inspectLeases} works.
		 * @param leaseInspectionSupported whether supported
		 * @return this builder
		 */
		public Builder leaseInspectionSupported(boolean leaseInspectionSupported) {
			this.leaseInspectionSupported = leaseInspectionSupported;
			return this;
		}

		/**
		 * Set whether a repeated idempotency key returns the first job instead of storing another.
		 * @param idempotencyEnforcement whether supported
		 * @return this builder
		 */
		public Builder idempotencyEnforcement(boolean idempotencyEnforcement) {
			this.idempotencyEnforcement = idempotencyEnforcement;
			return this;
		}

		/**
		 * Set whether order is kept per partition.
		 * @param partitionOrdering whether supported
		 * @return this builder
		 */
		public Builder partitionOrdering(boolean partitionOrdering) {
			this.partitionOrdering = partitionOrdering;
			return this;
		}

		/**
		 * Set whether the broker schedules delayed jobs.
		 * @param providerManagedDelayedDelivery whether supported
		 * @return this builder
		 */
		public Builder providerManagedDelayedDelivery(boolean providerManagedDelayedDelivery) {
			this.providerManagedDelayedDelivery = providerManagedDelayedDelivery;
			return this;
		}

		/**
		 * Set whether definitions are checked against capabilities at start.
		 * @param strictStartupValidation whether supported
		 * @return this builder
		 */
		public Builder strictStartupValidation(boolean strictStartupValidation) {
			this.strictStartupValidation = strictStartupValidation;
			return this;
		}

		/**
		 * Build the capabilities.
		 * @return the capabilities
		 */
		public QueueCapabilities build() {
			return new QueueCapabilities(this);
		}

	}

}
