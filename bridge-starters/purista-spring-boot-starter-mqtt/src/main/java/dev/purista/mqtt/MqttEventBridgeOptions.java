package dev.purista.mqtt;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.OutboundBufferLimits;

/**
 * How an {@link MqttEventBridge} names its topics, identifies itself and times its work. Defaults follow TypeScript
 * PURISTA's {@code getDefaultMqttBridgeConfig} where it has one (topic prefix, share group, QoS 1, message expiry of
 * 30 days), except the session expiry: see {@link Builder#sessionExpiry(Duration)}. Immutable; build with
 * {@link #builder()}.
 */
public final class MqttEventBridgeOptions {

	/** The default command timeout. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** TypeScript's {@code defaultMessageExpiryInterval}: 30 days. */
	public static final Duration DEFAULT_MESSAGE_EXPIRY = Duration.ofDays(30);

	/** The default number of handler threads. */
	public static final int DEFAULT_HANDLER_THREADS = 16;

	/** How long {@link MqttEventBridge#destroy()} waits for pending work by default. */
	public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(5);

	/** How long connecting, subscribing and unsubscribing may take by default. */
	public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);

	private static final MqttEventBridgeOptions DEFAULTS = builder().build();

	private final String topicPrefix;

	private final String shareGroup;

	private final @Nullable String instanceId;

	private final Duration defaultCommandTimeout;

	private final Duration messageExpiry;

	private final Duration sessionExpiry;

	private final int handlerThreads;

	private final Duration settleTimeout;

	private final Duration operationTimeout;

	private final boolean cleanStart;

	private final OutboundBufferLimits outboundBuffer;

	private MqttEventBridgeOptions(Builder builder) {
		this.topicPrefix = Objects.requireNonNull(builder.topicPrefix, "topicPrefix");
		this.shareGroup = Objects.requireNonNull(builder.shareGroup, "shareGroup");
		this.instanceId = builder.instanceId;
		this.defaultCommandTimeout = requirePositive(builder.defaultCommandTimeout, "defaultCommandTimeout");
		this.messageExpiry = requirePositive(builder.messageExpiry, "messageExpiry");
		this.sessionExpiry = Objects.requireNonNull(builder.sessionExpiry, "sessionExpiry");
		if (this.sessionExpiry.isNegative()) {
			throw new IllegalArgumentException("sessionExpiry must not be negative, was " + this.sessionExpiry);
		}
		if (builder.handlerThreads < 1) {
			throw new IllegalArgumentException("handlerThreads must be at least 1, was " + builder.handlerThreads);
		}
		this.handlerThreads = builder.handlerThreads;
		this.settleTimeout = Objects.requireNonNull(builder.settleTimeout, "settleTimeout");
		this.operationTimeout = requirePositive(builder.operationTimeout, "operationTimeout");
		this.cleanStart = builder.cleanStart;
		this.outboundBuffer = Objects.requireNonNull(builder.outboundBuffer, "outboundBuffer");
	}

	/**
	 * The default options.
	 * @return the defaults
	 */
	public static MqttEventBridgeOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The first level of every topic ({@value MqttTopics#DEFAULT_PREFIX} by default).
	 * @return the topic prefix
	 */
	public String topicPrefix() {
		return this.topicPrefix;
	}

	/**
	 * The group of shared subscriptions ({@value MqttTopics#DEFAULT_SHARE_GROUP} by default).
	 * @return the share group
	 */
	public String shareGroup() {
		return this.shareGroup;
	}

	/**
	 * The instance id, also the MQTT client identifier, or {@code null} for a new random one.
	 * @return the instance id or {@code null}
	 */
	public @Nullable String instanceId() {
		return this.instanceId;
	}

	/**
	 * How long an invocation waits for its response unless told otherwise.
	 * @return the default command timeout
	 */
	public Duration defaultCommandTimeout() {
		return this.defaultCommandTimeout;
	}

	/**
	 * The message expiry of events, info messages and commands carrying an event name (TypeScript's
	 * {@code defaultMessageExpiryInterval}).
	 * @return the message expiry
	 */
	public Duration messageExpiry() {
		return this.messageExpiry;
	}

	/**
	 * How long the broker keeps the bridge's session after it disconnected.
	 * @return the session expiry
	 */
	public Duration sessionExpiry() {
		return this.sessionExpiry;
	}

	/**
	 * How many threads run handlers.
	 * @return the handler threads
	 */
	public int handlerThreads() {
		return this.handlerThreads;
	}

	/**
	 * How long {@link MqttEventBridge#destroy()} waits for pending invocations before disconnecting.
	 * @return the settle timeout
	 */
	public Duration settleTimeout() {
		return this.settleTimeout;
	}

	/**
	 * How long connecting, subscribing and unsubscribing may take.
	 * @return the operation timeout
	 */
	public Duration operationTimeout() {
		return this.operationTimeout;
	}

	/**
	 * Whether the bridge's connections start a new session (MQTT 5 {@code clean start}) rather than resume one the
	 * broker kept ({@link #sessionExpiry()}).
	 * @return {@code true} to start clean
	 */
	public boolean cleanStart() {
		return this.cleanStart;
	}

	/**
	 * The bounds of the buffer that holds what the bridge produced while it was disconnected from the broker.
	 * @return the limits
	 */
	public OutboundBufferLimits outboundBuffer() {
		return this.outboundBuffer;
	}

	private static Duration requirePositive(@Nullable Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
		return duration;
	}

	/**
	 * Builds {@link MqttEventBridgeOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private String topicPrefix = MqttTopics.DEFAULT_PREFIX;

		private String shareGroup = MqttTopics.DEFAULT_SHARE_GROUP;

		private @Nullable String instanceId;

		private Duration defaultCommandTimeout = DEFAULT_COMMAND_TIMEOUT;

		private Duration messageExpiry = DEFAULT_MESSAGE_EXPIRY;

		private Duration sessionExpiry = Duration.ZERO;

		private int handlerThreads = DEFAULT_HANDLER_THREADS;

		private Duration settleTimeout = DEFAULT_SETTLE_TIMEOUT;

		private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

		private boolean cleanStart = true;

		private OutboundBufferLimits outboundBuffer = OutboundBufferLimits.DEFAULTS;

		private Builder() {
		}

		/**
		 * Set the first level of every topic.
		 * @param topicPrefix the prefix, one topic level
		 * @return this builder
		 */
		public Builder topicPrefix(String topicPrefix) {
			this.topicPrefix = topicPrefix;
			return this;
		}

		/**
		 * Set the group of shared subscriptions. TypeScript uses one group for all commands and shared
		 * subscriptions; Java and TypeScript instances of one service must use the same group.
		 * @param shareGroup the group, one topic level
		 * @return this builder
		 */
		public Builder shareGroup(String shareGroup) {
			this.shareGroup = shareGroup;
			return this;
		}

		/**
		 * Set the instance id, also used as the MQTT client identifier.
		 * @param instanceId the instance id, or {@code null} for a new random one
		 * @return this builder
		 */
		public Builder instanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Set how long an invocation waits for its response unless told otherwise.
		 * @param defaultCommandTimeout the timeout
		 * @return this builder
		 */
		public Builder defaultCommandTimeout(Duration defaultCommandTimeout) {
			this.defaultCommandTimeout = defaultCommandTimeout;
			return this;
		}

		/**
		 * Set the message expiry of events, info messages and commands carrying an event name.
		 * @param messageExpiry the expiry, whole seconds on the wire
		 * @return this builder
		 */
		public Builder messageExpiry(Duration messageExpiry) {
			this.messageExpiry = messageExpiry;
			return this;
		}

		/**
		 * Set how long the broker keeps the session after a disconnect. The default is zero, unlike TypeScript's 30
		 * days: a kept session stays a member of the shared subscription groups, and the broker hands it commands
		 * that wait there until the session expires (verified on mosquitto).
		 * @param sessionExpiry the expiry, zero to end the session with the connection
		 * @return this builder
		 */
		public Builder sessionExpiry(Duration sessionExpiry) {
			this.sessionExpiry = sessionExpiry;
			return this;
		}

		/**
		 * Set how many threads run handlers.
		 * @param handlerThreads at least one
		 * @return this builder
		 */
		public Builder handlerThreads(int handlerThreads) {
			this.handlerThreads = handlerThreads;
			return this;
		}

		/**
		 * Set how long {@link MqttEventBridge#destroy()} waits for pending invocations.
		 * @param settleTimeout the timeout
		 * @return this builder
		 */
		public Builder settleTimeout(Duration settleTimeout) {
			this.settleTimeout = settleTimeout;
			return this;
		}

		/**
		 * Set how long connecting, subscribing and unsubscribing may take.
		 * @param operationTimeout the timeout
		 * @return this builder
		 */
		public Builder operationTimeout(Duration operationTimeout) {
			this.operationTimeout = operationTimeout;
			return this;
		}

		/**
		 * Set whether the connections start a new session (the default, as TypeScript's {@code clean: true}) or
		 * resume the one the broker kept for the client identifier; resuming only helps with a
		 * {@link #sessionExpiry(Duration) session expiry} above zero.
		 * @param cleanStart {@code false} to resume a kept session
		 * @return this builder
		 */
		public Builder cleanStart(boolean cleanStart) {
			this.cleanStart = cleanStart;
			return this;
		}

		/**
		 * Set the bounds of the outbound buffer, which holds responses and events produced while the bridge is
		 * disconnected until it has reconnected ({@link OutboundBufferLimits#DEFAULTS} by default).
		 * @param outboundBuffer the limits
		 * @return this builder
		 */
		public Builder outboundBuffer(OutboundBufferLimits outboundBuffer) {
			this.outboundBuffer = outboundBuffer;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public MqttEventBridgeOptions build() {
			return new MqttEventBridgeOptions(this);
		}

	}

}
