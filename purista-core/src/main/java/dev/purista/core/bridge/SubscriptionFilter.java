package dev.purista.core.bridge;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;

/**
 * PURISTA's subscription filters: every field that is set must equal the message's field exactly (no
 * wildcards); unset fields match anything. Info messages match only when no receiver filter is set; stream
 * messages never match.
 *
 * @param messageType the message type
 * @param eventName the event name
 * @param senderServiceName the sender's service name
 * @param senderServiceVersion the sender's service version
 * @param senderServiceTarget the sender's function
 * @param senderInstanceId the sender's instance
 * @param receiverServiceName the receiver's service name
 * @param receiverServiceVersion the receiver's service version
 * @param receiverServiceTarget the receiver's function
 * @param receiverInstanceId the receiver's instance
 * @param principalId the principal
 * @param tenantId the tenant
 */
public record SubscriptionFilter(@Nullable MessageType messageType, @Nullable String eventName,
		@Nullable String senderServiceName, @Nullable String senderServiceVersion,
		@Nullable String senderServiceTarget, @Nullable String senderInstanceId,
		@Nullable String receiverServiceName, @Nullable String receiverServiceVersion,
		@Nullable String receiverServiceTarget, @Nullable String receiverInstanceId, @Nullable String principalId,
		@Nullable String tenantId) {

	/** A filter that matches every message (except streams). */
	public static final SubscriptionFilter ANY = new SubscriptionFilter(null, null, null, null, null, null, null,
			null, null, null, null, null);

	/**
	 * A filter on an event name (PURISTA's {@code subscribeToEvent}).
	 * @param eventName the event name
	 * @return the filter
	 */
	public static SubscriptionFilter event(String eventName) {
		return ANY.withEventName(eventName);
	}

	/**
	 * Return a copy filtering on the event name.
	 * @param eventName the event name or {@code null}
	 * @return the copy
	 */
	public SubscriptionFilter withEventName(@Nullable String eventName) {
		return new SubscriptionFilter(this.messageType, eventName, this.senderServiceName, this.senderServiceVersion,
				this.senderServiceTarget, this.senderInstanceId, this.receiverServiceName, this.receiverServiceVersion,
				this.receiverServiceTarget, this.receiverInstanceId, this.principalId, this.tenantId);
	}

	/**
	 * Return a copy filtering on the message type.
	 * @param messageType the type or {@code null}
	 * @return the copy
	 */
	public SubscriptionFilter withMessageType(@Nullable MessageType messageType) {
		return new SubscriptionFilter(messageType, this.eventName, this.senderServiceName, this.senderServiceVersion,
				this.senderServiceTarget, this.senderInstanceId, this.receiverServiceName, this.receiverServiceVersion,
				this.receiverServiceTarget, this.receiverInstanceId, this.principalId, this.tenantId);
	}

	/**
	 * Return a copy filtering on the sender (PURISTA's {@code filterSentFrom}).
	 * @param serviceName the service name or {@code null}
	 * @param serviceVersion the version or {@code null}
	 * @param serviceTarget the function or {@code null}
	 * @param instanceId the instance or {@code null}
	 * @return the copy
	 */
	public SubscriptionFilter withSender(@Nullable String serviceName, @Nullable String serviceVersion,
			@Nullable String serviceTarget, @Nullable String instanceId) {
		return new SubscriptionFilter(this.messageType, this.eventName, serviceName, serviceVersion, serviceTarget,
				instanceId, this.receiverServiceName, this.receiverServiceVersion, this.receiverServiceTarget,
				this.receiverInstanceId, this.principalId, this.tenantId);
	}

	/**
	 * Return a copy filtering on the receiver (PURISTA's {@code filterReceivedBy}).
	 * @param serviceName the service name or {@code null}
	 * @param serviceVersion the version or {@code null}
	 * @param serviceTarget the function or {@code null}
	 * @param instanceId the instance or {@code null}
	 * @return the copy
	 */
	public SubscriptionFilter withReceiver(@Nullable String serviceName, @Nullable String serviceVersion,
			@Nullable String serviceTarget, @Nullable String instanceId) {
		return new SubscriptionFilter(this.messageType, this.eventName, this.senderServiceName,
				this.senderServiceVersion, this.senderServiceTarget, this.senderInstanceId, serviceName,
				serviceVersion, serviceTarget, instanceId, this.principalId, this.tenantId);
	}

	/**
	 * Return a copy filtering on principal and tenant.
	 * @param principalId the principal or {@code null}
	 * @param tenantId the tenant or {@code null}
	 * @return the copy
	 */
	public SubscriptionFilter withIdentity(@Nullable String principalId, @Nullable String tenantId) {
		return new SubscriptionFilter(this.messageType, this.eventName, this.senderServiceName,
				this.senderServiceVersion, this.senderServiceTarget, this.senderInstanceId, this.receiverServiceName,
				this.receiverServiceVersion, this.receiverServiceTarget, this.receiverInstanceId, principalId,
				tenantId);
	}

	/**
	 * Whether a message passes this filter (TypeScript's {@code isMessageMatchingSubscription}).
	 * @param message the message
	 * @return {@code true} if every set filter equals the message's field
	 */
	public boolean matches(Message message) {
		MessageType type = message.messageType();
		if (type == MessageType.STREAM) {
			return false;
		}
		if (!matches(this.messageType, type) || !matches(this.eventName, message.eventName())
				|| !matches(this.principalId, message.principalId()) || !matches(this.tenantId, message.tenantId())) {
			return false;
		}
		MessageAddress sender = message.sender();
		if (!matches(this.senderServiceName, sender.serviceName())
				|| !matches(this.senderServiceVersion, sender.serviceVersion())
				|| !matches(this.senderServiceTarget, sender.serviceTarget())
				|| !matches(this.senderInstanceId, sender.instanceId())) {
			return false;
		}
		boolean receiverFiltered = this.receiverServiceName != null || this.receiverServiceVersion != null
				|| this.receiverServiceTarget != null || this.receiverInstanceId != null;
		if (!receiverFiltered) {
			return true;
		}
		MessageAddress receiver = message.receiver();
		if (type.isInfo() || receiver == null) {
			return false;
		}
		return matches(this.receiverServiceName, receiver.serviceName())
				&& matches(this.receiverServiceVersion, receiver.serviceVersion())
				&& matches(this.receiverServiceTarget, receiver.serviceTarget())
				&& matches(this.receiverInstanceId, receiver.instanceId());
	}

	private static boolean matches(@Nullable Object expected, @Nullable Object actual) {
		return expected == null || expected.equals(actual);
	}

}
