package dev.purista.core.bridge.memory;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link InMemoryEventBridge}, built with {@link #builder()}. Unset settings keep their defaults:
 * a random instance id, a 30 s default command timeout, isolation on, at most 256 handler threads, handlers on
 * the bridge's pool. Instances are immutable.
 */
public final class InMemoryEventBridgeOptions {

	/** PURISTA's default command timeout. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** The default limit of handlers running at once: 256. */
	public static final int DEFAULT_MAX_HANDLER_THREADS = 256;

	private static final InMemoryEventBridgeOptions DEFAULTS = builder().build();

	private final @Nullable String instanceId;

	private final Duration defaultCommandTimeout;

	private final boolean isolation;

	private final int maxHandlerThreads;

	private final HandlerExecution handlerExecution;

	private InMemoryEventBridgeOptions(Builder builder) {
		this.instanceId = builder.instanceId;
		this.defaultCommandTimeout = Objects.requireNonNull(builder.defaultCommandTimeout, "defaultCommandTimeout");
		this.isolation = builder.isolation;
		this.handlerExecution = Objects.requireNonNull(builder.handlerExecution, "handlerExecution");
		if (builder.maxHandlerThreads < 1) {
			throw new IllegalArgumentException(
					"maxHandlerThreads must be at least 1, e.g. 256, was " + builder.maxHandlerThreads);
		}
		this.maxHandlerThreads = builder.maxHandlerThreads;
	}

	/**
	 * The defaults: random instance id, 30 s timeout, isolation on, 256 handler threads, handlers on the pool.
	 * @return the defaults
	 */
	public static InMemoryEventBridgeOptions defaults() {
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
		return new Builder().instanceId(this.instanceId)
			.defaultCommandTimeout(this.defaultCommandTimeout)
			.isolation(this.isolation)
			.maxHandlerThreads(this.maxHandlerThreads)
			.handlerExecution(this.handlerExecution);
	}

	/**
	 * The bridge instance id.
	 * @return the id, or {@code null} for a random one (the default)
	 */
	public @Nullable String instanceId() {
		return this.instanceId;
	}

	/**
	 * How long an invocation waits by default.
	 * @return the timeout ({@link #DEFAULT_COMMAND_TIMEOUT} by default)
	 */
	public Duration defaultCommandTimeout() {
		return this.defaultCommandTimeout;
	}

	/**
	 * Whether messages cross the bridge as JSON copies: services never share objects, and what cannot be written
	 * as JSON fails here as it would on a broker. On by default; switch off only for speed.
	 * @return whether messages are isolated
	 */
	public boolean isolation() {
		return this.isolation;
	}

	/**
	 * How many handlers may run at once on the bridge's pool.
	 * @return the limit (256 by default)
	 */
	public int maxHandlerThreads() {
		return this.maxHandlerThreads;
	}

	/**
	 * Where command and subscription handlers run.
	 * @return the handler execution ({@link HandlerExecution#POOL} by default)
	 */
	public HandlerExecution handlerExecution() {
		return this.handlerExecution;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof InMemoryEventBridgeOptions that) && Objects.equals(this.instanceId, that.instanceId)
				&& this.defaultCommandTimeout.equals(that.defaultCommandTimeout) && this.isolation == that.isolation
				&& this.maxHandlerThreads == that.maxHandlerThreads && this.handlerExecution == that.handlerExecution;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.instanceId, this.defaultCommandTimeout, this.isolation, this.maxHandlerThreads,
				this.handlerExecution);
	}

	@Override
	public String toString() {
		return "InMemoryEventBridgeOptions[instanceId=" + this.instanceId + ", defaultCommandTimeout="
				+ this.defaultCommandTimeout + ", isolation=" + this.isolation + ", maxHandlerThreads="
				+ this.maxHandlerThreads + ", handlerExecution=" + this.handlerExecution + "]";
	}

	/**
	 * Builds {@link InMemoryEventBridgeOptions}; every setting starts at its default. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable String instanceId;

		private Duration defaultCommandTimeout = DEFAULT_COMMAND_TIMEOUT;

		private boolean isolation = true;

		private int maxHandlerThreads = DEFAULT_MAX_HANDLER_THREADS;

		private HandlerExecution handlerExecution = HandlerExecution.POOL;

		private Builder() {
		}

		/**
		 * Set the bridge instance id.
		 * @param instanceId the id, or {@code null} for a random one
		 * @return this builder
		 */
		public Builder instanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Set how long an invocation waits by default.
		 * @param defaultCommandTimeout the timeout
		 * @return this builder
		 */
		public Builder defaultCommandTimeout(Duration defaultCommandTimeout) {
			this.defaultCommandTimeout = defaultCommandTimeout;
			return this;
		}

		/**
		 * Set whether messages cross the bridge as JSON copies.
		 * @param isolation whether messages are isolated
		 * @return this builder
		 */
		public Builder isolation(boolean isolation) {
			this.isolation = isolation;
			return this;
		}

		/**
		 * Set how many handlers may run at once on the bridge's pool.
		 * @param maxHandlerThreads the limit, at least 1
		 * @return this builder
		 */
		public Builder maxHandlerThreads(int maxHandlerThreads) {
			this.maxHandlerThreads = maxHandlerThreads;
			return this;
		}

		/**
		 * Set where command and subscription handlers run.
		 * @param handlerExecution the handler execution
		 * @return this builder
		 */
		public Builder handlerExecution(HandlerExecution handlerExecution) {
			this.handlerExecution = handlerExecution;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if {@code maxHandlerThreads} is below 1
		 */
		public InMemoryEventBridgeOptions build() {
			return new InMemoryEventBridgeOptions(this);
		}

	}

	/**
	 * Where an {@link InMemoryEventBridge} runs command and subscription handlers.
	 */
	public enum HandlerExecution {

		/**
		 * On the bridge's pool ({@code purista-handler-N}, at most {@code maxHandlerThreads} at once), never on
		 * the thread that sent the message: the default, and what a broker-backed bridge does.
		 */
		POOL,

		/**
		 * On the thread that sends the message, before {@code invoke} or {@code emitMessage} returns; a command's
		 * future is then usually complete when {@code invoke} returns. Saves two thread hand-offs per command
		 * (the largest cost of an in-memory round trip), but the sender waits for every handler and a blocking
		 * handler blocks its caller: an invocation still times out at its deadline (its response then counts as
		 * late), yet the caller sees that only when the handler returns. Retried subscription messages run on
		 * the hub's retry timer thread. Opt in only for single-process set-ups whose handlers do not block, such
		 * as benchmarks and fast tests.
		 */
		CALLER_THREAD

	}

}
