package dev.purista.redis.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.purista.redis.queue.RedisQueueBridgeOptions;

/**
 * Settings of PURISTA's Redis starter. The connection itself is Spring Boot's ({@code spring.data.redis.*}).
 */
@ConfigurationProperties("purista.redis")
public class PuristaRedisProperties {

	/**
	 * Whether Redis commands fail at once while the connection is down (Lettuce's REJECT_COMMANDS), instead of
	 * waiting for the reconnect up to the command timeout. Applies to the whole Lettuce client Boot builds: an
	 * enqueue during an outage fails fast and the caller knows the job was not stored.
	 */
	private boolean rejectCommandsWhileDisconnected = true;

	private final Queue queue = new Queue();

	public boolean isRejectCommandsWhileDisconnected() {
		return this.rejectCommandsWhileDisconnected;
	}

	public void setRejectCommandsWhileDisconnected(boolean rejectCommandsWhileDisconnected) {
		this.rejectCommandsWhileDisconnected = rejectCommandsWhileDisconnected;
	}

	public Queue getQueue() {
		return this.queue;
	}

	/**
	 * Settings of the Redis queue bridge.
	 */
	public static class Queue {

		/**
		 * Prefix of every queue key; TypeScript PURISTA's default, change it on both sides together.
		 */
		private String keyPrefix = RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX;

		/**
		 * Lease time of jobs enqueued without one: how long the job of a worker that died or missed Redis' reply
		 * waits before another worker leases it. Workers extend the leases of running jobs by heartbeats.
		 */
		private Duration defaultLeaseTtl = Duration.ofMillis(RedisQueueBridgeOptions.DEFAULT_LEASE_TTL_MS);

		/**
		 * Attempt limit of jobs enqueued without one (services pass their queue's limit).
		 */
		private int defaultMaxAttempts = RedisQueueBridgeOptions.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Longest single blocking wait for a job, after which delayed jobs and expired leases are looked at
		 * again.
		 */
		private Duration maxBlock = Duration.ofSeconds(1);

		/**
		 * How often a queue's processing list is searched for jobs whose consumer died before taking the lease.
		 */
		private Duration orphanCheckInterval = Duration.ofSeconds(10);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getDefaultLeaseTtl() {
			return this.defaultLeaseTtl;
		}

		public void setDefaultLeaseTtl(Duration defaultLeaseTtl) {
			this.defaultLeaseTtl = defaultLeaseTtl;
		}

		public int getDefaultMaxAttempts() {
			return this.defaultMaxAttempts;
		}

		public void setDefaultMaxAttempts(int defaultMaxAttempts) {
			this.defaultMaxAttempts = defaultMaxAttempts;
		}

		public Duration getMaxBlock() {
			return this.maxBlock;
		}

		public void setMaxBlock(Duration maxBlock) {
			this.maxBlock = maxBlock;
		}

		public Duration getOrphanCheckInterval() {
			return this.orphanCheckInterval;
		}

		public void setOrphanCheckInterval(Duration orphanCheckInterval) {
			this.orphanCheckInterval = orphanCheckInterval;
		}

		/**
		 * The bridge options these settings describe.
		 * @return the options
		 */
		public RedisQueueBridgeOptions toOptions() {
			return toOptionsBuilder().build();
		}

		/**
		 * A builder of the bridge options these settings describe.
		 * @return the builder, to customize further or build
		 */
		public RedisQueueBridgeOptions.Builder toOptionsBuilder() {
			return RedisQueueBridgeOptions.builder()
				.keyPrefix(this.keyPrefix)
				.defaultLeaseTtl(this.defaultLeaseTtl)
				.defaultMaxAttempts(this.defaultMaxAttempts)
				.maxBlock(this.maxBlock)
				.orphanCheckInterval(this.orphanCheckInterval);
		}

	}

}
