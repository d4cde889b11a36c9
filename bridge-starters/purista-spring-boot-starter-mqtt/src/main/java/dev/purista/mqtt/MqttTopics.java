package dev.purista.mqtt;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.naming.SnakeCase;

/**
 * The MQTT topics and topic filters of TypeScript PURISTA's {@code MqttBridge}: every message on a 13-level topic
 * {@code <prefix>/<messageType>/<principalId>/<tenantId>/<senderInstanceId>/<senderService>/<senderVersion>/<senderTarget>/<eventName>/<receiverInstanceId>/<receiverService>/<receiverVersion>/<receiverTarget>},
 * every level snake-cased, absent parts written as {@value #DEFAULT_EMPTY}. Command handlers subscribe to
 * {@code $share/<group>/<prefix>/command/+/+/+/+/+/+/+/+/<service>/<version>/<command>}, every instance to the
 * responses addressed to it with {@code <prefix>/+/+/+/+/+/+/+/+/<instanceId>/+/+/+}, subscriptions to a filter with
 * {@code +} for each part they leave open (shared ones behind {@code $share/<group>/}).
 * <p>
 * One deviation from TypeScript: TypeScript joins the levels like paths, so an empty part (an info message's empty
 * sender target) vanishes and the topic has 12 levels, which no 13-level filter matches. Here an empty part is
 * written as {@value #DEFAULT_EMPTY} like an absent one, so that such messages reach subscribers. A part whose
 * snake-cased form cannot be a topic level ({@code /}, {@code +}, {@code #}) is written as {@value #DEFAULT_EMPTY}
 * too, and subscribed as {@code +}.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class MqttTopics {

	/** TypeScript's default topic prefix. */
	public static final String DEFAULT_PREFIX = "purista";

	/** TypeScript's shared subscription group ({@code shareTopicName}). */
	public static final String DEFAULT_SHARE_GROUP = "sharedpurista";

	/** The level written for an absent part (TypeScript's {@code emptyTopicPartString}, snake-cased). */
	public static final String DEFAULT_EMPTY = "none";

	/** How many levels a PURISTA topic has. */
	public static final int LEVELS = 13;

	private static final String SHARE_PREFIX = "$share/";

	private static final String ANY = "+";

	private final String prefix;

	private final String shareGroup;

	/**
	 * Create the topics with TypeScript's defaults ({@value #DEFAULT_PREFIX}, {@value #DEFAULT_SHARE_GROUP}).
	 */
	public MqttTopics() {
		this(DEFAULT_PREFIX, DEFAULT_SHARE_GROUP);
	}

	/**
	 * Create the topics.
	 * @param prefix the first topic level (TypeScript's {@code topicPrefix})
	 * @param shareGroup the shared subscription group (TypeScript's {@code shareTopicName})
	 * @throws IllegalArgumentException if either is no valid single topic level
	 */
	public MqttTopics(String prefix, String shareGroup) {
		this.prefix = requireLevel(prefix, "topic prefix");
		this.shareGroup = requireLevel(shareGroup, "share group");
	}

	/**
	 * The first topic level.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The shared subscription group.
	 * @return the group
	 */
	public String shareGroup() {
		return this.shareGroup;
	}

	/**
	 * The topic a message is published on.
	 * @param message the message, with its sender's instance id set
	 * @return the 13-level topic
	 */
	public String topic(Message message) {
		MessageAddress sender = message.sender();
		MessageAddress receiver = message.receiver();
		StringBuilder topic = new StringBuilder(128).append(this.prefix);
		append(topic, message.messageType().wireName());
		append(topic, message.principalId());
		append(topic, message.tenantId());
		append(topic, sender.instanceId());
		append(topic, sender.serviceName());
		append(topic, sender.serviceVersion());
		append(topic, sender.serviceTarget());
		append(topic, message.eventName());
		append(topic, (receiver != null) ? receiver.instanceId() : null);
		append(topic, (receiver != null) ? receiver.serviceName() : null);
		append(topic, (receiver != null) ? receiver.serviceVersion() : null);
		append(topic, (receiver != null) ? receiver.serviceTarget() : null);
		return topic.toString();
	}

	/**
	 * The shared topic filter a command handler subscribes to (TypeScript's {@code getCommandSubscriptionTopic}
	 * behind {@code getSharedTopicName}).
	 * @param command the command's address (its instance id is ignored)
	 * @return {@code $share/<group>/<prefix>/command/+/+/+/+/+/+/+/+/<service>/<version>/<command>}
	 */
	public String commandSubscription(MessageAddress command) {
		return shared(this.prefix + "/" + level(MessageType.COMMAND.wireName()) + "/+/+/+/+/+/+/+/+/"
				+ level(command.serviceName()) + "/" + level(command.serviceVersion()) + "/"
				+ level(command.serviceTarget()));
	}

	/**
	 * The topic filter of the responses addressed to an instance (TypeScript's
	 * {@code getCommandResponseSubscriptionTopic}).
	 * @param instanceId the instance
	 * @return {@code <prefix>/+/+/+/+/+/+/+/+/<instanceId>/+/+/+}
	 */
	public String responseSubscription(String instanceId) {
		return this.prefix + "/+/+/+/+/+/+/+/+/" + level(instanceId) + "/+/+/+";
	}

	/**
	 * The topic filter of a subscription (TypeScript's {@code getSubscriptionTopic}, behind
	 * {@code getSharedTopicName} when shared).
	 * @param filter what the subscription wants
	 * @param shared whether the instances of the subscription share its messages
	 * @return the filter
	 */
	public String subscription(SubscriptionFilter filter, boolean shared) {
		StringBuilder topic = new StringBuilder(128).append(this.prefix);
		appendFilter(topic, (filter.messageType() != null) ? filter.messageType().wireName() : null);
		appendFilter(topic, filter.principalId());
		appendFilter(topic, filter.tenantId());
		appendFilter(topic, filter.senderInstanceId());
		appendFilter(topic, filter.senderServiceName());
		appendFilter(topic, filter.senderServiceVersion());
		appendFilter(topic, filter.senderServiceTarget());
		appendFilter(topic, filter.eventName());
		appendFilter(topic, filter.receiverInstanceId());
		appendFilter(topic, filter.receiverServiceName());
		appendFilter(topic, filter.receiverServiceVersion());
		appendFilter(topic, filter.receiverServiceTarget());
		return shared ? shared(topic.toString()) : topic.toString();
	}

	/**
	 * Whether a topic matches a topic filter, the filter possibly behind {@code $share/<group>/}. Only {@code +}
	 * and a trailing {@code #} are wildcards, as in MQTT.
	 * @param filter the topic filter
	 * @param topic the topic a message arrived on
	 * @return whether it matches
	 */
	public static boolean matches(String filter, String topic) {
		String plain = unshared(filter);
		int f = 0;
		int t = 0;
		while (true) {
			int fEnd = plain.indexOf('/', f);
			int tEnd = topic.indexOf('/', t);
			String fLevel = (fEnd < 0) ? plain.substring(f) : plain.substring(f, fEnd);
			if (fLevel.equals("#") && fEnd < 0) {
				return true;
			}
			String tLevel = (tEnd < 0) ? topic.substring(t) : topic.substring(t, tEnd);
			if (!fLevel.equals(ANY) && !fLevel.equals(tLevel)) {
				return false;
			}
			if (fEnd < 0 || tEnd < 0) {
				return fEnd < 0 && tEnd < 0;
			}
			f = fEnd + 1;
			t = tEnd + 1;
		}
	}

	/**
	 * The topic filter without a leading {@code $share/<group>/}.
	 * @param filter a topic filter
	 * @return the filter as it applies to topics
	 */
	public static String unshared(String filter) {
		if (!filter.startsWith(SHARE_PREFIX)) {
			return filter;
		}
		int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
		return (groupEnd < 0) ? filter : filter.substring(groupEnd + 1);
	}

	/**
	 * The level a part is written as: snake-cased, {@value #DEFAULT_EMPTY} when absent, empty or no valid level.
	 * @param part the part
	 * @return the level
	 */
	static String level(@Nullable String part) {
		if (part == null || part.isEmpty()) {
			return DEFAULT_EMPTY;
		}
		String converted = SnakeCase.convert(part);
		return isValidLevel(converted) ? converted : DEFAULT_EMPTY;
	}

	private String shared(String filter) {
		return SHARE_PREFIX + this.shareGroup + "/" + filter;
	}

	private static void append(StringBuilder topic, @Nullable String part) {
		topic.append('/').append(level(part));
	}

	private static void appendFilter(StringBuilder topic, @Nullable String value) {
		String level = (value != null && !value.isEmpty()) ? SnakeCase.convert(value) : ANY;
		topic.append('/').append(isValidLevel(level) ? level : ANY);
	}

	private static String requireLevel(String level, String what) {
		Objects.requireNonNull(level, what);
		if (!isValidLevel(level)) {
			throw new IllegalArgumentException("the MQTT " + what + " must be one topic level, not '" + level + "'");
		}
		return level;
	}

	private static boolean isValidLevel(String level) {
		if (level.isEmpty()) {
			return false;
		}
		for (int i = 0; i < level.length(); i++) {
			char c = level.charAt(i);
			if (c == '/' || c == '+' || c == '#' || c == '\0') {
				return false;
			}
		}
		return true;
	}

}
