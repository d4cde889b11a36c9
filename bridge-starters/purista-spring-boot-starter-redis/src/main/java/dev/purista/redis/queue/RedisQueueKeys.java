package dev.purista.redis.queue;

import java.util.List;

/**
 * The Redis keys of one queue, laid out as TypeScript PURISTA's {@code RedisQueueBridge} lays them out: the
 * prefix, the queue name and a suffix, concatenated as they are ({@code purista:queue:emails:pending}).
 * <p>
 * The key prefix is {@value RedisQueueBridgeOptions#DEFAULT_KEY_PREFIX} by default.
 */
public final class RedisQueueKeys {

	/** Suffix of a queue's dead-letter list, also the suffix of the dead-letter queue's name. */
	public static final String DEAD_LETTER_SUFFIX = ":dead-letter";

	private final String prefix;

	private final String queueName;

	private final List<String> all;

	/**
	 * The keys of a queue.
	 * @param prefix the key prefix
	 * @param queueName the queue
	 */
	public RedisQueueKeys(String prefix, String queueName) {
		this.prefix = prefix;
		this.queueName = queueName;
		this.all = List.of(pending(), processing(), scheduled(), jobs(), leases(), leaseByJob(), leaseExpiry(),
				deadLetter(), stats());
	}

	/**
	 * The key prefix.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The queue.
	 * @return the queue name
	 */
	public String queueName() {
		return this.queueName;
	}

	/**
	 * The keys every queue script gets, in the order {@code prelude.lua} names them.
	 * @return pending, processing, scheduled, jobs, leases, lease-by-job, lease-expiry, dead-letter, stats
	 */
	public List<String> all() {
		return this.all;
	}

	/**
	 * List of due job ids: new jobs are pushed on the left, consumers take from the right.
	 * @return the key
	 */
	public String pending() {
		return key(":pending");
	}

	/**
	 * List of job ids taken by consumers.
	 * @return the key
	 */
	public String processing() {
		return key(":processing");
	}

	/**
	 * Sorted set of delayed job ids, scored by {@code scheduledAt}.
	 * @return the key
	 */
	public String scheduled() {
		return key(":scheduled");
	}

	/**
	 * Hash of job id to the job's JSON.
	 * @return the key
	 */
	public String jobs() {
		return key(":jobs");
	}

	/**
	 * Hash of lease id to job id.
	 * @return the key
	 */
	public String leases() {
		return key(":leases");
	}

	/**
	 * Hash of job id to lease id.
	 * @return the key
	 */
	public String leaseByJob() {
		return key(":lease-by-job");
	}

	/**
	 * Sorted set of lease ids, scored by {@code leaseExpiresAt}.
	 * @return the key
	 */
	public String leaseExpiry() {
		return key(":lease-expiry");
	}

	/**
	 * List of dead-lettered jobs' JSON, oldest first.
	 * @return the key
	 */
	public String deadLetter() {
		return key(DEAD_LETTER_SUFFIX);
	}

	/**
	 * Hash of counters ({@code retries}, {@code deadLetter}).
	 * @return the key
	 */
	public String stats() {
		return key(":stats");
	}

	/**
	 * String holding the first enqueue's result for an idempotency key.
	 * @param idempotencyKey the idempotency key
	 * @return the key
	 */
	public String idempotency(String idempotencyKey) {
		return key(":idempotency:" + idempotencyKey);
	}

	/**
	 * The keys of the queue whose dead letters a dead-letter queue holds. The name {@code emails:dead-letter}
	 * (what {@link dev.purista.core.queue.QueueCapabilities#deadLetterQueueName(String)} gives for
	 * {@code emails}) stands for the list {@code <prefix>emails:dead-letter}, where the bridge dead-letters jobs
	 * of {@code emails} itself; any other name {@code x} stands for {@code <prefix>x:dead-letter}.
	 * @param prefix the key prefix
	 * @param deadLetterQueueName the dead-letter queue's name
	 * @return the keys whose {@link #deadLetter()} is that list
	 */
	public static RedisQueueKeys ofDeadLetterQueue(String prefix, String deadLetterQueueName) {
		String queue = deadLetterQueueName.endsWith(DEAD_LETTER_SUFFIX)
				? deadLetterQueueName.substring(0, deadLetterQueueName.length() - DEAD_LETTER_SUFFIX.length())
				: deadLetterQueueName;
		return new RedisQueueKeys(prefix, queue);
	}

	private String key(String suffix) {
		return this.prefix + this.queueName + suffix;
	}

}
