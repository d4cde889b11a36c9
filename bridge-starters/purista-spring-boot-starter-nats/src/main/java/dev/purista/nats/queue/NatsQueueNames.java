package dev.purista.nats.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The JetStream names of TypeScript PURISTA's {@code NatsQueueBridge} for a subject prefix
 * ({@value #DEFAULT_SUBJECT_PREFIX} by default), so Java and TypeScript workers share queues. For queue
 * {@code emails}:
 * <ul>
 * <li>subjects {@code purista.queue.emails.pending}, {@code .scheduled} and {@code .dead-letter};</li>
 * <li>streams {@code purista_queue_emails_pending}, {@code _scheduled} (work-queue retention) and
 * {@code purista_queue_emails_dead_letter} (limits retention);</li>
 * <li>durable pull consumers {@code emails_pending_consumer} and {@code emails_scheduled_consumer};</li>
 * <li>the idempotency key-value bucket {@code purista_queue_idempotency}, keyed by the hex SHA-256 of
 * {@code <queue>\0<idempotency key>}, and the job id {@code idem-<that hex>}.</li>
 * </ul>
 * Stream, consumer and bucket names are sanitized as TypeScript does: every UTF-16 unit outside
 * {@code [A-Za-z0-9_-]} becomes {@code _}, cut after 200 units. Immutable and thread-safe.
 */
public final class NatsQueueNames {

	/** TypeScript's default subject prefix. */
	public static final String DEFAULT_SUBJECT_PREFIX = "purista.queue";

	/** Suffix of a queue's dead-letter subject, and of the dead-letter queue's name. */
	public static final String DEAD_LETTER_SUFFIX = ".dead-letter";

	/** Prefix of job ids derived from an idempotency key. */
	public static final String IDEMPOTENT_JOB_ID_PREFIX = "idem-";

	private static final int MAX_NAME_LENGTH = 200;

	private final String subjectPrefix;

	/**
	 * Names for a subject prefix.
	 * @param subjectPrefix the prefix, e.g. {@value #DEFAULT_SUBJECT_PREFIX}
	 */
	public NatsQueueNames(String subjectPrefix) {
		this.subjectPrefix = Objects.requireNonNull(subjectPrefix, "subjectPrefix");
	}

	/**
	 * The subject prefix.
	 * @return the prefix
	 */
	public String subjectPrefix() {
		return this.subjectPrefix;
	}

	/**
	 * Subject of due jobs.
	 * @param queueName the queue
	 * @return {@code <prefix>.<queue>.pending}
	 */
	public String pendingSubject(String queueName) {
		return this.subjectPrefix + "." + queueName + ".pending";
	}

	/**
	 * Subject of delayed jobs.
	 * @param queueName the queue
	 * @return {@code <prefix>.<queue>.scheduled}
	 */
	public String scheduledSubject(String queueName) {
		return this.subjectPrefix + "." + queueName + ".scheduled";
	}

	/**
	 * Subject of dead-lettered jobs.
	 * @param queueName the queue
	 * @return {@code <prefix>.<queue>.dead-letter}
	 */
	public String deadLetterSubject(String queueName) {
		return this.subjectPrefix + "." + queueName + DEAD_LETTER_SUFFIX;
	}

	/**
	 * Stream of due jobs.
	 * @param queueName the queue
	 * @return {@code sanitize(<prefix>_<queue>_pending)}
	 */
	public String pendingStream(String queueName) {
		return sanitize(this.subjectPrefix + "_" + queueName + "_pending");
	}

	/**
	 * Stream of delayed jobs.
	 * @param queueName the queue
	 * @return {@code sanitize(<prefix>_<queue>_scheduled)}
	 */
	public String scheduledStream(String queueName) {
		return sanitize(this.subjectPrefix + "_" + queueName + "_scheduled");
	}

	/**
	 * Stream of dead-lettered jobs.
	 * @param queueName the queue
	 * @return {@code sanitize(<prefix>_<queue>_dead_letter)}
	 */
	public String deadLetterStream(String queueName) {
		return sanitize(this.subjectPrefix + "_" + queueName + "_dead_letter");
	}

	/**
	 * Durable consumer of the pending stream.
	 * @param queueName the queue
	 * @return {@code sanitize(<queue>_pending_consumer)}
	 */
	public String pendingConsumer(String queueName) {
		return sanitize(queueName + "_pending_consumer");
	}

	/**
	 * Durable consumer of the scheduled stream.
	 * @param queueName the queue
	 * @return {@code sanitize(<queue>_scheduled_consumer)}
	 */
	public String scheduledConsumer(String queueName) {
		return sanitize(queueName + "_scheduled_consumer");
	}

	/**
	 * The idempotency key-value bucket.
	 * @return {@code sanitize(<prefix>_idempotency)}
	 */
	public String idempotencyBucket() {
		return sanitize(this.subjectPrefix + "_idempotency");
	}

	/**
	 * The key of an idempotency record.
	 * @param queueName the queue
	 * @param idempotencyKey the caller's idempotency key
	 * @return the lower-case hex SHA-256 of {@code <queue>\0<key>} (UTF-8)
	 */
	public static String idempotencyRecordKey(String queueName, String idempotencyKey) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] hash = digest.digest((queueName + "\0" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no SHA-256", ex);
		}
	}

	/**
	 * The job id of a job enqueued with an idempotency key.
	 * @param queueName the queue
	 * @param idempotencyKey the caller's idempotency key
	 * @return {@code idem-<record key>}
	 */
	public static String idempotentJobId(String queueName, String idempotencyKey) {
		return IDEMPOTENT_JOB_ID_PREFIX + idempotencyRecordKey(queueName, idempotencyKey);
	}

	/**
	 * The queue whose dead-letter subject a dead-letter queue name stands for: {@code emails.dead-letter} (what
	 * {@link dev.purista.core.queue.QueueCapabilities#deadLetterQueueName(String)} gives for {@code emails})
	 * stands for {@code <prefix>.emails.dead-letter}, where the bridge dead-letters jobs of {@code emails}
	 * itself; any other name {@code x} stands for {@code <prefix>.x.dead-letter}.
	 * @param deadLetterQueueName the dead-letter queue's name
	 * @return the queue whose {@link #deadLetterSubject(String)} and {@link #deadLetterStream(String)} hold it
	 */
	public static String queueOfDeadLetterQueue(String deadLetterQueueName) {
		return deadLetterQueueName.endsWith(DEAD_LETTER_SUFFIX)
				? deadLetterQueueName.substring(0, deadLetterQueueName.length() - DEAD_LETTER_SUFFIX.length())
				: deadLetterQueueName;
	}

	/**
	 * Sanitize a name as TypeScript does.
	 * @param value the name
	 * @return every UTF-16 unit outside {@code [A-Za-z0-9_-]} replaced by {@code _}, at most 200 units
	 */
	public static String sanitize(String value) {
		StringBuilder builder = new StringBuilder(Math.min(value.length(), MAX_NAME_LENGTH));
		for (int i = 0; i < value.length() && i < MAX_NAME_LENGTH; i++) {
			char c = value.charAt(i);
			boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-';
			builder.append(kept ? c : '_');
		}
		return builder.toString();
	}

}
