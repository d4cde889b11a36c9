package dev.purista.core.bridge;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageAddress;

/**
 * A subscription as a bridge sees it: its address, filter and delivery options.
 *
 * @param address the subscription address (service name, version, subscription name)
 * @param filter which messages it receives
 * @param shared whether the instances of the service share the messages (one copy per message) rather than
 * each instance receiving every message
 * @param durable whether messages are kept while no instance is connected
 * @param autoacknowledge whether messages are acknowledged on receipt rather than after handling
 * @param maxAttempts how often a message is delivered before it is dead-lettered (1 = no retry)
 * @param retryDelay the delay before a retry when the handler gives none
 * @param deadLetterTarget where dead letters go, or {@code null} for the bridge's default
 */
public record SubscriptionRegistration(MessageAddress address, SubscriptionFilter filter, boolean shared,
		boolean durable, boolean autoacknowledge, int maxAttempts, Duration retryDelay,
		@Nullable String deadLetterTarget) {

	/**
	 * A shared, non-durable, auto-acknowledged subscription without retries (PURISTA v3's defaults).
	 * @param address the subscription address
	 * @param filter the filter
	 * @return the registration
	 */
	public static SubscriptionRegistration of(MessageAddress address, SubscriptionFilter filter) {
		return new SubscriptionRegistration(address, filter, true, false, true, 1, Duration.ofSeconds(1), null);
	}

	/**
	 * Return a copy delivered to every instance (not shared).
	 * @param everyInstance {@code true} to deliver each message to every instance
	 * @return the copy
	 */
	public SubscriptionRegistration withEveryInstance(boolean everyInstance) {
		return new SubscriptionRegistration(this.address, this.filter, !everyInstance, this.durable,
				this.autoacknowledge, this.maxAttempts, this.retryDelay, this.deadLetterTarget);
	}

	/**
	 * Return a copy with retry settings.
	 * @param maxAttempts deliveries before dead-lettering
	 * @param retryDelay default delay between deliveries
	 * @return the copy
	 */
	public SubscriptionRegistration withRetries(int maxAttempts, Duration retryDelay) {
		return new SubscriptionRegistration(this.address, this.filter, this.shared, this.durable, this.autoacknowledge,
				maxAttempts, retryDelay, this.deadLetterTarget);
	}

	/**
	 * Return a copy with durability and acknowledgement settings.
	 * @param durable whether messages survive without a connected instance
	 * @param autoacknowledge whether messages are acknowledged on receipt
	 * @return the copy
	 */
	public SubscriptionRegistration withDelivery(boolean durable, boolean autoacknowledge) {
		return new SubscriptionRegistration(this.address, this.filter, this.shared, durable, autoacknowledge,
				this.maxAttempts, this.retryDelay, this.deadLetterTarget);
	}

}
