package dev.purista.mqtt.queue;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The topics of the MQTT-native queue. With prefix {@code purista}, share group {@code purista-queue} and queue
 * {@code emails}:
 * <ul>
 * <li>{@code purista/queue/emails/jobs}: job deliveries (QoS 1, not retained), consumed through
 * {@code $share/purista-queue/purista/queue/emails/jobs};</li>
 * <li>{@code purista/queue/emails/ledger/<jobId>}: the ledger, one retained record per job that is not settled
 * yet (cleared with an empty retained message when it is acked or dead-lettered);</li>
 * <li>{@code purista/queue-members/<instanceId>}: one retained record per live bridge instance (when it is
 * alive until, which queues it consumes), cleared by the instance's will message when its connection is lost;</li>
 * <li>{@code purista/queue-dead-letter/<deadLetterQueue>/<jobId>}: one retained dead letter per job.</li>
 * </ul>
 * Queue names, dead-letter queue names and instance ids are single topic levels: they must not be empty and must
 * not contain {@code /}, {@code +} or {@code #}.
 */
public final class MqttQueueTopics {

	/** The default topic prefix, {@code purista}, as the MQTT event bridge's. */
	public static final String DEFAULT_PREFIX = "purista";

	/** The default share group of the job subscriptions, {@code purista-queue}. */
	public static final String DEFAULT_SHARE_GROUP = "purista-queue";

	private static final String LEDGER = "ledger";

	private final String prefix;

	private final String shareGroup;

	/**
	 * Create the topics.
	 * @param prefix the topic prefix, e.g. {@code purista}
	 * @param shareGroup the share group of the job subscriptions, e.g. {@code purista-queue}
	 */
	public MqttQueueTopics(String prefix, String shareGroup) {
		this.prefix = Objects.requireNonNull(prefix, "prefix");
		this.shareGroup = checkLevel("share group", shareGroup);
		if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.startsWith("$")) {
			throw new IllegalArgumentException("The topic prefix must be a topic without wildcards, e.g. 'purista', "
					+ "was '" + prefix + "'");
		}
	}

	/**
	 * The topic jobs of a queue are published to.
	 * @param queueName the queue
	 * @return {@code <prefix>/queue/<queue>/jobs}
	 */
	public String jobs(String queueName) {
		return this.prefix + "/queue/" + checkLevel("queue name", queueName) + "/jobs";
	}

	/**
	 * The shared subscription workers of a queue take jobs from.
	 * @param queueName the queue
	 * @return {@code $share/<group>/<prefix>/queue/<queue>/jobs}
	 */
	public String sharedJobs(String queueName) {
		return "$share/" + this.shareGroup + "/" + jobs(queueName);
	}

	/**
	 * The ledger record of a job.
	 * @param queueName the queue
	 * @param jobId the job
	 * @return {@code <prefix>/queue/<queue>/ledger/<jobId>}
	 */
	public String ledger(String queueName, String jobId) {
		return ledgerRoot(queueName) + checkLevel("job id", jobId);
	}

	/**
	 * The filter of a queue's ledger records.
	 * @param queueName the queue
	 * @return {@code <prefix>/queue/<queue>/ledger/+}
	 */
	public String ledgerFilter(String queueName) {
		return ledgerRoot(queueName) + "+";
	}

	/**
	 * The member record of a bridge instance.
	 * @param instanceId the instance
	 * @return {@code <prefix>/queue-members/<instanceId>}
	 */
	public String member(String instanceId) {
		return memberRoot() + checkLevel("instance id", instanceId);
	}

	/**
	 * The filter of all member records.
	 * @return {@code <prefix>/queue-members/+}
	 */
	public String memberFilter() {
		return memberRoot() + "+";
	}

	/**
	 * The dead letter of a job.
	 * @param deadLetterQueue the dead-letter queue
	 * @param jobId the job
	 * @return {@code <prefix>/queue-dead-letter/<deadLetterQueue>/<jobId>}
	 */
	public String deadLetter(String deadLetterQueue, String jobId) {
		return deadLetterRoot(deadLetterQueue) + checkLevel("job id", jobId);
	}

	/**
	 * The filter of a dead-letter queue's dead letters.
	 * @param deadLetterQueue the dead-letter queue
	 * @return {@code <prefix>/queue-dead-letter/<deadLetterQueue>/+}
	 */
	public String deadLetterFilter(String deadLetterQueue) {
		return deadLetterRoot(deadLetterQueue) + "+";
	}

	/**
	 * What a topic this bridge subscribes to is.
	 * @param topic the topic of a received message
	 * @return the kind and its queue (or instance id) and last level, or {@code null} for a foreign topic
	 */
	@Nullable Route route(String topic) {
		if (topic.startsWith(memberRoot())) {
			return new Route(Kind.MEMBER, topic.substring(memberRoot().length()), "");
		}
		String deadLetters = this.prefix + "/queue-dead-letter/";
		if (topic.startsWith(deadLetters)) {
			String rest = topic.substring(deadLetters.length());
			int slash = rest.indexOf('/');
			return (slash < 0) ? null : new Route(Kind.DEAD_LETTER, rest.substring(0, slash), rest.substring(slash + 1));
		}
		String queues = this.prefix + "/queue/";
		if (!topic.startsWith(queues)) {
			return null;
		}
		String[] levels = topic.substring(queues.length()).split("/", -1);
		if (levels.length == 2 && levels[1].equals("jobs")) {
			return new Route(Kind.JOB, levels[0], "");
		}
		if (levels.length == 3 && levels[1].equals(LEDGER)) {
			return new Route(Kind.LEDGER, levels[0], levels[2]);
		}
		return null;
	}

	private String ledgerRoot(String queueName) {
		return this.prefix + "/queue/" + checkLevel("queue name", queueName) + "/" + LEDGER + "/";
	}

	private String memberRoot() {
		return this.prefix + "/queue-members/";
	}

	private String deadLetterRoot(String deadLetterQueue) {
		return this.prefix + "/queue-dead-letter/" + checkLevel("dead-letter queue name", deadLetterQueue) + "/";
	}

	/**
	 * Check that a name is one topic level.
	 * @param what what the name is, for the message
	 * @param value the name
	 * @return the name
	 * @throws IllegalArgumentException if it is empty or contains {@code /}, {@code +}, {@code #} or NUL
	 */
	static String checkLevel(String what, String value) {
		Objects.requireNonNull(value, what);
		if (value.isEmpty() || value.indexOf('/') >= 0 || value.indexOf('+') >= 0 || value.indexOf('#') >= 0
				|| value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("The MQTT queue bridge's " + what
					+ " must be one MQTT topic level (not empty, without '/', '+' or '#'), e.g. 'emails', was '"
					+ value + "'");
		}
		return value;
	}

	/** What a received topic is. */
	enum Kind {

		/** A job delivery. */
		JOB,

		/** A ledger record. */
		LEDGER,

		/** A member record. */
		MEMBER,

		/** A dead letter. */
		DEAD_LETTER

	}

	/**
	 * A received topic, parsed.
	 * @param kind what it is
	 * @param name the queue, dead-letter queue or instance id
	 * @param id the job id ({@code ""} for jobs and members)
	 */
	record Route(Kind kind, String name, String id) {
	}

}
