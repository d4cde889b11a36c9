package dev.purista.amqp;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.OutboundBufferLimits;

/**
 * Settings of an {@link AmqpEventBridge}, built with {@link #builder()}. Unset settings keep their defaults:
 * TypeScript PURISTA's names, a random instance id, a 30 s default command timeout, 4 consumers per queue,
 * prefetch 10, 5 s confirm and settle timeouts, and an outbound buffer of {@link OutboundBufferLimits#DEFAULTS}.
 * Instances are immutable.
 */
public final class AmqpEventBridgeOptions {

	/** The default command timeout: 30 s. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** The default number of consumers per queue: 4. */
	public static final int DEFAULT_CONSUMERS_PER_QUEUE = 4;

	/** The default prefetch per consumer: 10. */
	public static final int DEFAULT_PREFETCH = 10;

	/** The default confirm timeout: 5 s. */
	public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(5);

	/** The default settle timeout: 5 s. */
	public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(5);

	private static final AmqpEventBridgeOptions DEFAULTS = builder().build();

	private final AmqpNames names;

	private final @Nullable String instanceId;

	private final Duration defaultCommandTimeout;

	private final int consumersPerQueue;

	private final int prefetch;

	private final Duration confirmTimeout;

	private final Duration settleTimeout;

	private final OutboundBufferLimits outboundBuffer;

	private AmqpEventBridgeOptions(Builder builder) {
		this.names = Objects.requireNonNull(builder.names, "names");
		this.instanceId = builder.instanceId;
		this.defaultCommandTimeout = Objects.requireNonNull(builder.defaultCommandTimeout, "defaultCommandTimeout");
		this.confirmTimeout = Objects.requireNonNull(builder.confirmTimeout, "confirmTimeout");
		this.settleTimeout = Objects.requireNonNull(builder.settleTimeout, "settleTimeout");
		this.outboundBuffer = Objects.requireNonNull(builder.outboundBuffer, "outboundBuffer");
		if (builder.consumersPerQueue < 1) {
			throw new IllegalArgumentException(
					"consumersPerQueue must be at least 1, was " + builder.consumersPerQueue);
		}
		if (builder.prefetch < 1) {
			throw new IllegalArgumentException("prefetch must be at least 1, was " + builder.prefetch);
		}
		this.consumersPerQueue = builder.consumersPerQueue;
		this.prefetch = builder.prefetch;
	}

	/**
	 * The defaults: TypeScript PURISTA's names, a random instance id, 30 s command timeout, 4 consumers per
	 * queue, prefetch 10, 5 s confirm and settle timeouts.
	 * @return the options
	 */
	public static AmqpEventBridgeOptions defaults() {
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
		return new Builder().names(this.names)
			.instanceId(this.instanceId)
			.defaultCommandTimeout(this.defaultCommandTimeout)
			.consumersPerQueue(this.consumersPerQueue)
			.prefetch(this.prefetch)
			.confirmTimeout(this.confirmTimeout)
			.settleTimeout(this.settleTimeout)
			.outboundBuffer(this.outboundBuffer);
	}

	/**
	 * Exchange and queue names.
	 * @return the names ({@link AmqpNames#DEFAULTS} by default: TypeScript PURISTA's)
	 */
	public AmqpNames names() {
		return this.names;
	}

	/**
	 * This instance's id.
	 * @return the id, or {@code null} for a random one (the default)
	 */
	public @Nullable String instanceId() {
		return this.instanceId;
	}

	/**
	 * How long an invocation waits without an explicit timeout.
	 * @return the timeout (30 s by default)
	 */
	public Duration defaultCommandTimeout() {
		return this.defaultCommandTimeout;
	}

	/**
	 * How many messages of one command or subscription queue this instance handles at once, each on a thread of
	 * its own.
	 * @return the number of consumers (4 by default)
	 */
	public int consumersPerQueue() {
		return this.consumersPerQueue;
	}

	/**
	 * How many unacknowledged messages the broker hands each consumer.
	 * @return the prefetch (10 by default)
	 */
	public int prefetch() {
		return this.prefetch;
	}

	/**
	 * How long a publish waits for the broker's confirm (events, retries, dead letters).
	 * @return the timeout (5 s by default)
	 */
	public Duration confirmTimeout() {
		return this.confirmTimeout;
	}

	/**
	 * How long {@code destroy} waits for pending invocations to get their responses before it fails them with
	 * 503.
	 * @return the timeout (5 s by default)
	 */
	public Duration settleTimeout() {
		return this.settleTimeout;
	}

	/**
	 * How much the bridge holds while disconnected from RabbitMQ: responses, events, retries and dead letters
	 * produced then are published after it reconnected.
	 * @return the bounds ({@link OutboundBufferLimits#DEFAULTS} by default)
	 */
	public OutboundBufferLimits outboundBuffer() {
		return this.outboundBuffer;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof AmqpEventBridgeOptions that) && this.names.equals(that.names)
				&& Objects.equals(this.instanceId, that.instanceId)
				&& this.defaultCommandTimeout.equals(that.defaultCommandTimeout)
				&& this.consumersPerQueue == that.consumersPerQueue && this.prefetch == that.prefetch
				&& this.confirmTimeout.equals(that.confirmTimeout) && this.settleTimeout.equals(that.settleTimeout)
				&& this.outboundBuffer.equals(that.outboundBuffer);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.names, this.instanceId, this.defaultCommandTimeout, this.consumersPerQueue,
				this.prefetch, this.confirmTimeout, this.settleTimeout, this.outboundBuffer);
	}

	@Override
	public String toString() {
		return "AmqpEventBridgeOptions[names=" + this.names + ", instanceId=" + this.instanceId
				+ ", defaultCommandTimeout=" + this.defaultCommandTimeout + ", consumersPerQueue="
				+ this.consumersPerQueue + ", prefetch=" + this.prefetch + ", confirmTimeout=" + this.confirmTimeout
				+ ", settleTimeout=" + this.settleTimeout + ", outboundBuffer=" + this.outboundBuffer + "]";
	}

	/**
	 * Builds {@link AmqpEventBridgeOptions}; every setting starts at its default. Not thread-safe.
	 */
	public static final class Builder {

		private AmqpNames names = AmqpNames.DEFAULTS;

		private @Nullable String instanceId;

		private Duration defaultCommandTimeout = DEFAULT_COMMAND_TIMEOUT;

		private int consumersPerQueue = DEFAULT_CONSUMERS_PER_QUEUE;

		private int prefetch = DEFAULT_PREFETCH;

		private Duration confirmTimeout = DEFAULT_CONFIRM_TIMEOUT;

		private Duration settleTimeout = DEFAULT_SETTLE_TIMEOUT;

		private OutboundBufferLimits outboundBuffer = OutboundBufferLimits.DEFAULTS;

		private Builder() {
		}

		/**
		 * Set the exchange and queue names.
		 * @param names the names
		 * @return this builder
		 */
		public Builder names(AmqpNames names) {
			this.names = names;
			return this;
		}

		/**
		 * Set this instance's id.
		 * @param instanceId the id, or {@code null} for a random one
		 * @return this builder
		 */
		public Builder instanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Set how long an invocation waits without an explicit timeout.
		 * @param defaultCommandTimeout the timeout
		 * @return this builder
		 */
		public Builder defaultCommandTimeout(Duration defaultCommandTimeout) {
			this.defaultCommandTimeout = defaultCommandTimeout;
			return this;
		}

		/**
		 * Set how many messages of one queue this instance handles at once.
		 * @param consumersPerQueue the number of consumers, at least 1
		 * @return this builder
		 */
		public Builder consumersPerQueue(int consumersPerQueue) {
			this.consumersPerQueue = consumersPerQueue;
			return this;
		}

		/**
		 * Set how many unacknowledged messages the broker hands each consumer.
		 * @param prefetch the prefetch, at least 1
		 * @return this builder
		 */
		public Builder prefetch(int prefetch) {
			this.prefetch = prefetch;
			return this;
		}

		/**
		 * Set how long a publish waits for the broker's confirm.
		 * @param confirmTimeout the timeout
		 * @return this builder
		 */
		public Builder confirmTimeout(Duration confirmTimeout) {
			this.confirmTimeout = confirmTimeout;
			return this;
		}

		/**
		 * Set how long {@code destroy} waits for pending invocations.
		 * @param settleTimeout the timeout
		 * @return this builder
		 */
		public Builder settleTimeout(Duration settleTimeout) {
			this.settleTimeout = settleTimeout;
			return this;
		}

		/**
		 * Set how much the bridge holds while disconnected.
		 * @param outboundBuffer the outbound buffer's bounds
		 * @return this builder
		 */
		public Builder outboundBuffer(OutboundBufferLimits outboundBuffer) {
			this.outboundBuffer = outboundBuffer;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if {@code consumersPerQueue} or {@code prefetch} is below 1
		 */
		public AmqpEventBridgeOptions build() {
			return new AmqpEventBridgeOptions(this);
		}

	}

}
