package dev.purista.nats;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.purista.core.message.MessageAddress;

/**
 * The JetStream names of TypeScript PURISTA's {@code NatsBridge} for durable commands and subscriptions: the stream
 * created for a subject when no stream captures it yet ({@code sanitize(<prefix>_<kind>_<subject>)}), the durable
 * consumer of a command or subscription ({@code sanitize(<kind>_<service>_<version>_<target>)}, with
 * {@code _<instanceId>} appended when the instances do not share it) and the default dead-letter subject
 * ({@code <subject>.dead-letter}). {@code sanitize} replaces every character other than ASCII letters, digits,
 * {@code _} and {@code -} with {@code _} and cuts the name to 200 characters. Immutable.
 */
public final class NatsJetStreamNames {

	/** What TypeScript appends to a subscription's subject to name its default dead-letter subject. */
	public static final String DEAD_LETTER_SUFFIX = ".dead-letter";

	private static final Pattern NOT_NAME = Pattern.compile("[^a-zA-Z0-9_-]");

	private static final int MAX_LENGTH = 200;

	private final String prefix;

	/**
	 * Create the names of a subject prefix.
	 * @param prefix the subject prefix, e.g. {@code purista}
	 */
	public NatsJetStreamNames(String prefix) {
		this.prefix = Objects.requireNonNull(prefix, "prefix");
	}

	/**
	 * The name of the stream created for a subject that no stream captures yet.
	 * @param kind a command or a subscription
	 * @param subject the subscribed subject, wildcards included
	 * @return {@code sanitize(<prefix>_<kind>_<subject>)}
	 */
	public String stream(Kind kind, String subject) {
		return sanitize(this.prefix + "_" + kind.wireName() + "_" + subject);
	}

	/**
	 * The name of a command's or subscription's durable consumer.
	 * @param kind a command or a subscription
	 * @param address the command's or subscription's address
	 * @param shared whether the instances share the consumer
	 * @param instanceId this instance's id, appended when not shared
	 * @return {@code sanitize(<kind>_<service>_<version>_<target>[_<instanceId>])}
	 */
	public static String consumer(Kind kind, MessageAddress address, boolean shared, String instanceId) {
		String base = kind.wireName() + "_" + address.serviceName() + "_" + address.serviceVersion() + "_"
				+ address.serviceTarget();
		return sanitize(shared ? base : base + "_" + instanceId);
	}

	/**
	 * The default dead-letter subject of a subscribed subject.
	 * @param subject the subscribed subject, wildcards included
	 * @return {@code <subject>.dead-letter}
	 */
	public static String deadLetterSubject(String subject) {
		return subject + DEAD_LETTER_SUFFIX;
	}

	/**
	 * The subject on which a Java instance takes the responses to its durable commands (Java only: JetStream keeps
	 * no reply subject, so the responder derives this one from the command's sender instance and correlation id).
	 * @param inboxPrefix the connection's inbox prefix, e.g. {@code _INBOX.}
	 * @param instanceId the calling instance's id
	 * @param correlationId the command's correlation id
	 * @return {@code <inboxPrefix>durable.<sanitize(instanceId)>.<sanitize(correlationId)>}
	 */
	public static String durableReplySubject(String inboxPrefix, String instanceId, String correlationId) {
		return durableReplyPrefix(inboxPrefix, instanceId) + "." + sanitize(correlationId);
	}

	/**
	 * The subscription of a Java instance to the responses of its durable commands.
	 * @param inboxPrefix the connection's inbox prefix, e.g. {@code _INBOX.}
	 * @param instanceId the instance's id
	 * @return {@code <inboxPrefix>durable.<sanitize(instanceId)>.*}
	 */
	public static String durableReplySubscription(String inboxPrefix, String instanceId) {
		return durableReplyPrefix(inboxPrefix, instanceId) + ".*";
	}

	private static String durableReplyPrefix(String inboxPrefix, String instanceId) {
		return (inboxPrefix.endsWith(".") ? inboxPrefix : inboxPrefix + ".") + "durable." + sanitize(instanceId);
	}

	/**
	 * A name as JetStream accepts it, the way TypeScript makes it.
	 * @param name the name
	 * @return the name with every character other than {@code [a-zA-Z0-9_-]} replaced by {@code _}, at most 200
	 * characters long
	 */
	public static String sanitize(String name) {
		String sanitized = NOT_NAME.matcher(name).replaceAll("_");
		return (sanitized.length() > MAX_LENGTH) ? sanitized.substring(0, MAX_LENGTH) : sanitized;
	}

	/**
	 * What a JetStream consumer serves.
	 */
	public enum Kind {

		/** A durable command: work-queue stream, each command delivered once. */
		COMMAND,
		/** A subscription with durability, manual acknowledgement or retries: interest stream. */
		SUBSCRIPTION;

		/**
		 * The kind as TypeScript writes it in names.
		 * @return {@code command} or {@code subscription}
		 */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
