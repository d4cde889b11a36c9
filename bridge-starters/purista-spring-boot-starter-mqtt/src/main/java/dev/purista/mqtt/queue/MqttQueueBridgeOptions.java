package dev.purista.mqtt.queue;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.QueueLifecycle;

/**
 * Settings of a {@link MqttQueueBridge}. Built with {@link #builder()}; every setting has a default.
 *
 * @param instanceId the bridge's instance id (its MQTT client identifier is {@code <instanceId>-queue}); random
 * when {@code null}
 * @param topicPrefix the first topic level (default {@value MqttQueueTopics#DEFAULT_PREFIX})
 * @param shareGroup the share group of the job subscriptions (default
 * {@value MqttQueueTopics#DEFAULT_SHARE_GROUP})
 * @param sessionExpiry how long the broker keeps the session of a disconnected instance (default 30 s): while it
 * does, it keeps handing jobs to it (mosquitto round-robins shared subscriptions over offline members too)
 * @param memberTimeout how long an instance counts as alive after its last heartbeat (default 10 s; heartbeats
 * every third of it); the jobs an instance held are recovered by another one when it is no longer alive
 * @param assignTimeout how long a published job may stay unreceived before another instance publishes it again
 * (default 10 s): the time a job queued for a dead session waits at most, plus a member timeout
 * @param defaultMaxAttempts the attempt limit of jobs enqueued without one (default 10)
 * @param defaultLeaseTtl the lease time of jobs enqueued without one (default 30 s)
 * @param operationTimeout how long a broker round trip may take (default 10 s)
 * @param tickInterval how often the bridge recovers expired leases and dead members' jobs (default 100 ms)
 */
public record MqttQueueBridgeOptions(@Nullable String instanceId, String topicPrefix, String shareGroup,
		Duration sessionExpiry, Duration memberTimeout, Duration assignTimeout, int defaultMaxAttempts,
		Duration defaultLeaseTtl, Duration operationTimeout, Duration tickInterval) {

	/** The default session expiry: 30 s. */
	public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofSeconds(30);

	/** The default member timeout: 10 s. */
	public static final Duration DEFAULT_MEMBER_TIMEOUT = Duration.ofSeconds(10);

	/** The default assign timeout: 10 s. */
	public static final Duration DEFAULT_ASSIGN_TIMEOUT = Duration.ofSeconds(10);

	/** The default lease time: 30 s. */
	public static final Duration DEFAULT_LEASE_TTL = QueueLifecycle.DEFAULT_VISIBILITY_TIMEOUT;

	/** The default operation timeout: 10 s. */
	public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);

	public MqttQueueBridgeOptions {
		Objects.requireNonNull(topicPrefix, "topicPrefix");
		Objects.requireNonNull(shareGroup, "shareGroup");
		positive("sessionExpiry", sessionExpiry);
		positive("memberTimeout", memberTimeout);
		positive("assignTimeout", assignTimeout);
		positive("defaultLeaseTtl", defaultLeaseTtl);
		positive("operationTimeout", operationTimeout);
		positive("tickInterval", tickInterval);
		if (defaultMaxAttempts < 1) {
			throw new IllegalArgumentException("defaultMaxAttempts must be at least 1, e.g. 10, was "
					+ defaultMaxAttempts);
		}
		if (instanceId != null) {
			MqttQueueTopics.checkLevel("instance id", instanceId);
		}
		new MqttQueueTopics(topicPrefix, shareGroup);
	}

	/**
	 * The defaults.
	 * @return the default options
	 */
	public static MqttQueueBridgeOptions defaults() {
		return builder().build();
	}

	/**
	 * Start building options from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static void positive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/**
	 * Builds {@link MqttQueueBridgeOptions}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable String instanceId;

		private String topicPrefix = MqttQueueTopics.DEFAULT_PREFIX;

		private String shareGroup = MqttQueueTopics.DEFAULT_SHARE_GROUP;

		private Duration sessionExpiry = DEFAULT_SESSION_EXPIRY;

		private Duration memberTimeout = DEFAULT_MEMBER_TIMEOUT;

		private Duration assignTimeout = DEFAULT_ASSIGN_TIMEOUT;

		private int defaultMaxAttempts = QueueLifecycle.DEFAULT_MAX_ATTEMPTS;

		private Duration defaultLeaseTtl = DEFAULT_LEASE_TTL;

		private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;

		private Duration tickInterval = Duration.ofMillis(100);

		private Builder() {
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
		 * Set the topic prefix.
		 * @param topicPrefix the prefix
		 * @return this builder
		 */
		public Builder topicPrefix(String topicPrefix) {
			this.topicPrefix = topicPrefix;
			return this;
		}

		/**
		 * Set the share group of the job subscriptions.
		 * @param shareGroup the group
		 * @return this builder
		 */
		public Builder shareGroup(String shareGroup) {
			this.shareGroup = shareGroup;
			return this;
		}

		/**
		 * Set the session expiry.
		 * @param sessionExpiry how long the broker keeps a disconnected instance's session
		 * @return this builder
		 */
		public Builder sessionExpiry(Duration sessionExpiry) {
			this.sessionExpiry = sessionExpiry;
			return this;
		}

		/**
		 * Set the member timeout.
		 * @param memberTimeout how long an instance counts as alive after its last heartbeat
		 * @return this builder
		 */
		public Builder memberTimeout(Duration memberTimeout) {
			this.memberTimeout = memberTimeout;
			return this;
		}

		/**
		 * Set the assign timeout.
		 * @param assignTimeout how long a published job may stay unreceived
		 * @return this builder
		 */
		public Builder assignTimeout(Duration assignTimeout) {
			this.assignTimeout = assignTimeout;
			return this;
		}

		/**
		 * Set the default attempt limit.
		 * @param defaultMaxAttempts the limit
		 * @return this builder
		 */
		public Builder defaultMaxAttempts(int defaultMaxAttempts) {
			this.defaultMaxAttempts = defaultMaxAttempts;
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
		 * Set the operation timeout.
		 * @param operationTimeout how long a broker round trip may take
		 * @return this builder
		 */
		public Builder operationTimeout(Duration operationTimeout) {
			this.operationTimeout = operationTimeout;
			return this;
		}

		/**
		 * Set how often expired leases and dead members' jobs are recovered.
		 * @param tickInterval the interval
		 * @return this builder
		 */
		public Builder tickInterval(Duration tickInterval) {
			this.tickInterval = tickInterval;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if a setting is invalid
		 */
		public MqttQueueBridgeOptions build() {
			return new MqttQueueBridgeOptions(this.instanceId, this.topicPrefix, this.shareGroup, this.sessionExpiry,
					this.memberTimeout, this.assignTimeout, this.defaultMaxAttempts, this.defaultLeaseTtl,
					this.operationTimeout, this.tickInterval);
		}

	}

}
