package dev.purista.nats;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.naming.SnakeCase;

/**
 * The subjects and queue groups of TypeScript PURISTA's {@code NatsBridge}. Every message is published on a
 * subject of 13 tokens, each part snake-cased ({@link SnakeCase}):
 * <pre class="code">
 * &lt;prefix&gt;.&lt;messageType&gt;.&lt;principalId&gt;.&lt;tenantId&gt;.&lt;sender instanceId&gt;.&lt;sender serviceName&gt;.&lt;sender serviceVersion&gt;.&lt;sender serviceTarget&gt;
 *     .&lt;eventName&gt;.&lt;receiver instanceId&gt;.&lt;receiver serviceName&gt;.&lt;receiver serviceVersion&gt;.&lt;receiver serviceTarget&gt;
 * </pre>
 * with {@code empty} (the snake-cased {@code __empty__}) for absent parts. Unlike TypeScript, an empty sender part
 * (the {@code ""} target of info messages) is written as {@code empty} too: TypeScript writes an empty token, which
 * nats-server accepts and delivers to nobody. A part whose snake-cased form is not a valid subject token (it holds
 * {@code .}, {@code *}, {@code >} or white space) is written as {@code empty} as well.
 * <p>
 * Subscriptions use {@code *} for every filter that is not set, and for a filter value that is not a valid token;
 * since snake-casing is lossy, receivers check the filter again on the decoded message. Commands are subscribed
 * with queue group {@code <PREFIX>_QUEUE_<SERVICE>_<VERSION>_<COMMAND>} (the unconverted names, upper-cased), shared
 * subscriptions with the same form of their own address. Immutable and thread-safe.
 * <p>
 * Snake-casing runs a regular expression, so the token of each distinct part is computed once and kept (up to
 * 4096 parts, then the kept tokens are dropped and collected anew): the parts of the subjects a service sends
 * (service names, versions, targets, instance ids) repeat with every message.
 */
public final class NatsSubjects {

	/** TypeScript's default subject prefix. */
	public static final String DEFAULT_PREFIX = "purista";

	/** The token for an absent part: TypeScript's {@code emptyTopicPartString} {@code __empty__}, snake-cased. */
	public static final String EMPTY = "empty";

	/** The position of the receiver's instance id in a subject (0-based). */
	static final int RECEIVER_INSTANCE_TOKEN = 9;

	/** How many distinct parts' tokens are kept before the kept ones are dropped. */
	static final int TOKEN_CACHE_LIMIT = 4096;

	private static final String ANY = "*";

	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	private final String prefix;

	/**
	 * Create the subjects for a prefix.
	 * @param prefix the first token of every subject, TypeScript's {@code topicPrefix} (default {@value #DEFAULT_PREFIX})
	 */
	public NatsSubjects(String prefix) {
		Objects.requireNonNull(prefix, "prefix");
		if (!isValidToken(prefix)) {
			throw new IllegalArgumentException("the NATS subject prefix must be one subject token, not '" + prefix + "'");
		}
		this.prefix = prefix;
	}

	/**
	 * The subject prefix.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The subject a message is published on.
	 * @param message the message, with its sender's instance id set
	 * @return the 13-token subject
	 */
	public String subject(Message message) {
		MessageAddress sender = message.sender();
		MessageAddress receiver = message.receiver();
		StringBuilder subject = new StringBuilder(128).append(this.prefix);
		append(subject, message.messageType().wireName());
		append(subject, message.principalId());
		append(subject, message.tenantId());
		append(subject, sender.instanceId());
		append(subject, sender.serviceName());
		append(subject, sender.serviceVersion());
		append(subject, sender.serviceTarget());
		append(subject, message.eventName());
		append(subject, (receiver != null) ? receiver.instanceId() : null);
		append(subject, (receiver != null) ? receiver.serviceName() : null);
		append(subject, (receiver != null) ? receiver.serviceVersion() : null);
		append(subject, (receiver != null) ? receiver.serviceTarget() : null);
		return subject.toString();
	}

	/**
	 * The subject a command's handlers subscribe to (TypeScript's {@code getCommandSubscriptionTopic}): any sender,
	 * any receiver instance.
	 * @param command the command's address
	 * @return the subject with wildcards
	 */
	public String commandSubscription(MessageAddress command) {
		return this.prefix + "." + token(MessageType.COMMAND.wireName()) + ".*.*.*.*.*.*.*.*."
				+ token(command.serviceName()) + "." + token(command.serviceVersion()) + "."
				+ token(command.serviceTarget());
	}

	/**
	 * The subject of the commands addressed to one instance ({@code receiver.instanceId}), which that instance
	 * subscribes to without a queue group.
	 * @param command the command's address
	 * @param instanceId the instance
	 * @return the subject with wildcards
	 */
	public String instanceCommandSubscription(MessageAddress command, String instanceId) {
		return this.prefix + "." + token(MessageType.COMMAND.wireName()) + ".*.*.*.*.*.*.*." + token(instanceId) + "."
				+ token(command.serviceName()) + "." + token(command.serviceVersion()) + "."
				+ token(command.serviceTarget());
	}

	/**
	 * The subject a subscription subscribes to (TypeScript's {@code getSubscriptionTopic}): {@code *} for every
	 * filter that is not set or whose value is no valid token.
	 * @param filter the subscription's filter
	 * @return the subject with wildcards
	 */
	public String subscription(SubscriptionFilter filter) {
		StringBuilder subject = new StringBuilder(128).append(this.prefix);
		appendFilter(subject, (filter.messageType() != null) ? filter.messageType().wireName() : null);
		appendFilter(subject, filter.principalId());
		appendFilter(subject, filter.tenantId());
		appendFilter(subject, filter.senderInstanceId());
		appendFilter(subject, filter.senderServiceName());
		appendFilter(subject, filter.senderServiceVersion());
		appendFilter(subject, filter.senderServiceTarget());
		appendFilter(subject, filter.eventName());
		appendFilter(subject, filter.receiverInstanceId());
		appendFilter(subject, filter.receiverServiceName());
		appendFilter(subject, filter.receiverServiceVersion());
		appendFilter(subject, filter.receiverServiceTarget());
		return subject.toString();
	}

	/**
	 * The queue group of a command or shared subscription (TypeScript's {@code getQueueGroupName}).
	 * @param address the command's or subscription's address
	 * @return {@code <PREFIX>_QUEUE_<SERVICE>_<VERSION>_<TARGET>}
	 */
	public String queueGroup(MessageAddress address) {
		return (this.prefix + "_queue_" + address.serviceName() + "_" + address.serviceVersion() + "_"
				+ address.serviceTarget()).toUpperCase(Locale.ROOT);
	}

	/**
	 * Whether a received subject addresses one receiver instance.
	 * @param subject the subject
	 * @return {@code true} if its receiver instance token is set
	 */
	static boolean addressesInstance(String subject) {
		int start = 0;
		for (int i = 0; i < RECEIVER_INSTANCE_TOKEN; i++) {
			start = subject.indexOf('.', start) + 1;
			if (start == 0) {
				return false;
			}
		}
		int end = subject.indexOf('.', start);
		String token = (end < 0) ? subject.substring(start) : subject.substring(start, end);
		return !token.equals(EMPTY);
	}

	/**
	 * A part as a subject token: snake-cased, {@link #EMPTY} when absent, empty or no valid token.
	 * @param part the part
	 * @return the token
	 */
	static String token(@Nullable String part) {
		if (part == null || part.isEmpty()) {
			return EMPTY;
		}
		String token = TOKENS.get(part);
		if (token == null) {
			String converted = SnakeCase.convert(part);
			token = isValidToken(converted) ? converted : EMPTY;
			if (TOKENS.size() >= TOKEN_CACHE_LIMIT) {
				TOKENS.clear();
			}
			TOKENS.put(part, token);
		}
		return token;
	}

	private static void append(StringBuilder subject, @Nullable String part) {
		subject.append('.').append(token(part));
	}

	private static void appendFilter(StringBuilder subject, @Nullable String value) {
		String token = (value != null && !value.isEmpty()) ? SnakeCase.convert(value) : ANY;
		subject.append('.').append(isValidToken(token) ? token : ANY);
	}

	private static boolean isValidToken(String token) {
		if (token.isEmpty()) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '.' || c == '*' || c == '>' || Character.isWhitespace(c)) {
				return false;
			}
		}
		return true;
	}

}
