package dev.purista.nats;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.OutboundBufferLimits;

/**
 * Settings of a {@link NatsEventBridge}, built with {@link #builder()}. Unset settings keep their defaults:
 * TypeScript PURISTA's subject prefix {@code purista} and {@code commandResponsePublishTwice: 'eventOnly'}, a random
 * instance id, a 30 s default command timeout, 16 handler threads, a 5 s settle timeout, a 5 s flush timeout and
 * an outbound buffer of {@link OutboundBufferLimits#DEFAULTS}; JetStream consumers of durable commands and
 * subscriptions with TypeScript's {@code jetStreamAckWaitMs} 30 s and {@code maxMessages} 10. Instances are
 * immutable.
 */
public final class NatsEventBridgeOptions {

	/** The default command timeout: 30 s. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** The default number of threads that run command and subscription handlers: 16. */
	public static final int DEFAULT_HANDLER_THREADS = 16;

	/** The default settle timeout: 5 s. */
	public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(5);

	/** The default flush timeout: 5 s. */
	public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

	/** The default time JetStream waits for an acknowledgement before redelivering: 30 s, as in TypeScript. */
	public static final Duration DEFAULT_JETSTREAM_ACK_WAIT = Duration.ofSeconds(30);

	/** The default number of unacknowledged messages a JetStream consumer hands out: 10, as in TypeScript. */
	public static final int DEFAULT_MAX_MESSAGES = 10;

	private static final NatsEventBridgeOptions DEFAULTS = builder().build();

	private final String subjectPrefix;

	private final @Nullable String instanceId;

	private final Duration defaultCommandTimeout;

	private final PublishTwice commandResponsePublishTwice;

	private final int handlerThreads;

	private final HandlerExecution handlerExecution;

	private final Duration settleTimeout;

	private final Duration flushTimeout;

	private final OutboundBufferLimits outboundBuffer;

	private final Duration jetStreamAckWait;

	private final int maxMessages;

	private NatsEventBridgeOptions(Builder builder) {
		this.subjectPrefix = Objects.requireNonNull(builder.subjectPrefix, "subjectPrefix");
		this.instanceId = builder.instanceId;
		this.defaultCommandTimeout = Objects.requireNonNull(builder.defaultCommandTimeout, "defaultCommandTimeout");
		this.commandResponsePublishTwice = Objects.requireNonNull(builder.commandResponsePublishTwice,
				"commandResponsePublishTwice");
		this.settleTimeout = Objects.requireNonNull(builder.settleTimeout, "settleTimeout");
		this.flushTimeout = Objects.requireNonNull(builder.flushTimeout, "flushTimeout");
		this.outboundBuffer = Objects.requireNonNull(builder.outboundBuffer, "outboundBuffer");
		if (builder.handlerThreads < 1) {
			throw new IllegalArgumentException("handlerThreads must be at least 1, was " + builder.handlerThreads);
		}
		this.handlerThreads = builder.handlerThreads;
		this.handlerExecution = Objects.requireNonNull(builder.handlerExecution, "handlerExecution");
		this.jetStreamAckWait = Objects.requireNonNull(builder.jetStreamAckWait, "jetStreamAckWait");
		if (this.jetStreamAckWait.isNegative() || this.jetStreamAckWait.isZero()) {
			throw new IllegalArgumentException(
					"jetStreamAckWait must be positive, e.g. 30s, was " + this.jetStreamAckWait);
		}
		if (builder.maxMessages < 1) {
			throw new IllegalArgumentException("maxMessages must be at least 1, e.g. 10, was " + builder.maxMessages);
		}
		this.maxMessages = builder.maxMessages;
	}

	/**
	 * The defaults.
	 * @return the options
	 */
	public static NatsEventBridgeOptions defaults() {
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
	 * The first token of every subject (TypeScript's {@code topicPrefix}).
	 * @return the prefix
	 */
	public String subjectPrefix() {
		return this.subjectPrefix;
	}

	/**
	 * The bridge's instance id, which is also the NATS connection's name.
	 * @return the instance id, or {@code null} for a random one
	 */
	public @Nullable String instanceId() {
		return this.instanceId;
	}

	/**
	 * How long an invocation waits when the caller gives no timeout.
	 * @return the timeout
	 */
	public Duration defaultCommandTimeout() {
		return this.defaultCommandTimeout;
	}

	/**
	 * When a command response is published a second time on its own subject, for subscriptions (TypeScript's
	 * {@code commandResponsePublishTwice}).
	 * @return the rule
	 */
	public PublishTwice commandResponsePublishTwice() {
		return this.commandResponsePublishTwice;
	}

	/**
	 * The most threads that run command and subscription handlers (a handler that returns an unfinished stage
	 * frees its thread at once). The bridge runs handlers on 4 of them (or fewer, if this is less) while they
	 * finish quickly, and adds threads up to this many while queued handlers wait for blocked ones
	 * ({@link dev.purista.core.bridge.support.ElasticHandlerPool}).
	 * @return the maximum thread count
	 */
	public int handlerThreads() {
		return this.handlerThreads;
	}

	/**
	 * Where command and subscription handlers run: on the handler pool (the default) or on the NATS dispatcher
	 * thread that received the message.
	 * @return the handler execution
	 */
	public HandlerExecution handlerExecution() {
		return this.handlerExecution;
	}

	/**
	 * How long {@link NatsEventBridge#destroy()} waits for pending invocations and buffered messages.
	 * @return the timeout
	 */
	public Duration settleTimeout() {
		return this.settleTimeout;
	}

	/**
	 * How long a registration or {@link NatsEventBridge#stopIntake()} waits for the server to confirm its
	 * subscriptions (a ping round trip).
	 * @return the timeout
	 */
	public Duration flushTimeout() {
		return this.flushTimeout;
	}

	/**
	 * The bounds of the buffer that keeps what is produced while disconnected.
	 * @return the limits
	 */
	public OutboundBufferLimits outboundBuffer() {
		return this.outboundBuffer;
	}

	/**
	 * How long JetStream waits for a durable command's or subscription's acknowledgement before it delivers the
	 * message again (the consumers' {@code ack_wait}, TypeScript's {@code jetStreamAckWaitMs}).
	 * @return the ack wait
	 */
	public Duration jetStreamAckWait() {
		return this.jetStreamAckWait;
	}

	/**
	 * How many unacknowledged messages a JetStream consumer hands out at a time (the consumers'
	 * {@code max_ack_pending}, TypeScript's {@code maxMessages}).
	 * @return the limit
	 */
	public int maxMessages() {
		return this.maxMessages;
	}

	/**
	 * When a command response is published a second time, on the subject computed from the response (TypeScript's
	 * {@code commandResponsePublishTwice}), so that subscriptions see it.
	 */
	public enum PublishTwice {

		/** Never. */
		NEVER,

		/** Always. */
		ALWAYS,

		/** When the response carries a success event name (TypeScript's default). */
		EVENT_ONLY,

		/** When the response carries an event name, and for error responses. */
		EVENT_AND_ERROR

	}

	/**
	 * Where command and subscription handlers run.
	 */
	public enum HandlerExecution {

		/**
		 * On the bridge's handler pool (up to {@link NatsEventBridgeOptions#handlerThreads()} threads): a handler
		 * that blocks holds one pool thread and nothing else; while handlers block, the pool grows. The default.
		 */
		POOL,

		/**
		 * On the NATS dispatcher thread that received the message, saving one thread hand-off per message. The
		 * dispatcher delivers every command and subscription message of the bridge's connection one after the
		 * other, so a handler that blocks (I/O, a lock, waiting for another command's response) stalls all of
		 * them, and one waiting for a command this bridge serves itself waits until its timeout. Only for
		 * services whose handlers do not block.
		 */
		DISPATCHER

	}

	/**
	 * Builds {@link NatsEventBridgeOptions}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private String subjectPrefix = NatsSubjects.DEFAULT_PREFIX;

		private @Nullable String instanceId;

		private Duration defaultCommandTimeout = DEFAULT_COMMAND_TIMEOUT;

		private PublishTwice commandResponsePublishTwice = PublishTwice.EVENT_ONLY;

		private int handlerThreads = DEFAULT_HANDLER_THREADS;

		private HandlerExecution handlerExecution = HandlerExecution.POOL;

		private Duration settleTimeout = DEFAULT_SETTLE_TIMEOUT;

		private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;

		private OutboundBufferLimits outboundBuffer = OutboundBufferLimits.DEFAULTS;

		private Duration jetStreamAckWait = DEFAULT_JETSTREAM_ACK_WAIT;

		private int maxMessages = DEFAULT_MAX_MESSAGES;

		private Builder() {
		}

		/**
		 * Set the first token of every subject.
		 * @param subjectPrefix the prefix
		 * @return this builder
		 */
		public Builder subjectPrefix(String subjectPrefix) {
			this.subjectPrefix = subjectPrefix;
			return this;
		}

		/**
		 * Set the instance id.
		 * @param instanceId the id, or {@code null} for a random one
		 * @return this builder
		 */
		public Builder instanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Set the default command timeout.
		 * @param defaultCommandTimeout the timeout
		 * @return this builder
		 */
		public Builder defaultCommandTimeout(Duration defaultCommandTimeout) {
			this.defaultCommandTimeout = defaultCommandTimeout;
			return this;
		}

		/**
		 * Set when a command response is published a second time.
		 * @param commandResponsePublishTwice the rule
		 * @return this builder
		 */
		public Builder commandResponsePublishTwice(PublishTwice commandResponsePublishTwice) {
			this.commandResponsePublishTwice = commandResponsePublishTwice;
			return this;
		}

		/**
		 * Set the most threads that run handlers.
		 * @param handlerThreads the maximum thread count, at least 1
		 * @return this builder
		 */
		public Builder handlerThreads(int handlerThreads) {
			this.handlerThreads = handlerThreads;
			return this;
		}

		/**
		 * Set where handlers run.
		 * @param handlerExecution the handler execution
		 * @return this builder
		 */
		public Builder handlerExecution(HandlerExecution handlerExecution) {
			this.handlerExecution = handlerExecution;
			return this;
		}

		/**
		 * Set how long destroy waits for pending invocations and buffered messages.
		 * @param settleTimeout the timeout
		 * @return this builder
		 */
		public Builder settleTimeout(Duration settleTimeout) {
			this.settleTimeout = settleTimeout;
			return this;
		}

		/**
		 * Set how long a subscription change waits for the server's confirmation.
		 * @param flushTimeout the timeout
		 * @return this builder
		 */
		public Builder flushTimeout(Duration flushTimeout) {
			this.flushTimeout = flushTimeout;
			return this;
		}

		/**
		 * Set the bounds of the outbound buffer.
		 * @param outboundBuffer the limits
		 * @return this builder
		 */
		public Builder outboundBuffer(OutboundBufferLimits outboundBuffer) {
			this.outboundBuffer = outboundBuffer;
			return this;
		}

		/**
		 * Set how long JetStream waits for an acknowledgement before redelivering (default
		 * {@link #DEFAULT_JETSTREAM_ACK_WAIT}).
		 * @param jetStreamAckWait the ack wait, positive
		 * @return this builder
		 */
		public Builder jetStreamAckWait(Duration jetStreamAckWait) {
			this.jetStreamAckWait = jetStreamAckWait;
			return this;
		}

		/**
		 * Set how many unacknowledged messages a JetStream consumer hands out at a time (default
		 * {@link #DEFAULT_MAX_MESSAGES}).
		 * @param maxMessages the limit, at least 1
		 * @return this builder
		 */
		public Builder maxMessages(int maxMessages) {
			this.maxMessages = maxMessages;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public NatsEventBridgeOptions build() {
			return new NatsEventBridgeOptions(this);
		}

	}

}
