package dev.purista.core.bridge;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageAddress;

/**
 * A subscription as a bridge sees it: its address, filter and delivery options. Bridges only read it; it is
 * built with {@link #of(MessageAddress, SubscriptionFilter)} (PURISTA v3's defaults) or
 * {@link #builder(MessageAddress, SubscriptionFilter)}, where every delivery option is named:
 * <pre class="code">
 * SubscriptionRegistration.builder(address, filter)
 * 	.durable(true)
 * 	.autoacknowledge(false)
 * 	.maxAttempts(3)
 * 	.build();
 * </pre>
 * Immutable.
 */
public final class SubscriptionRegistration {

	/** The default delay before a retry when the handler gives none: one second. */
	public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

	private final MessageAddress address;

	private final SubscriptionFilter filter;

	private final boolean shared;

	private final boolean durable;

	private final boolean autoacknowledge;

	private final int maxAttempts;

	private final Duration retryDelay;

	private final @Nullable String deadLetterTarget;

	private SubscriptionRegistration(Builder builder) {
		if (builder.maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts of subscription " + builder.address
					+ " must be at least 1 (1 = no retry), e.g. 3, was " + builder.maxAttempts);
		}
		this.address = builder.address;
		this.filter = builder.filter;
		this.shared = builder.shared;
		this.durable = builder.durable;
		this.autoacknowledge = builder.autoacknowledge;
		this.maxAttempts = builder.maxAttempts;
		this.retryDelay = Objects.requireNonNull(builder.retryDelay, "retryDelay");
		this.deadLetterTarget = builder.deadLetterTarget;
	}

	/**
	 * A shared, non-durable, auto-acknowledged subscription without retries (PURISTA v3's defaults).
	 * @param address the subscription address
	 * @param filter the filter
	 * @return the registration
	 */
	public static SubscriptionRegistration of(MessageAddress address, SubscriptionFilter filter) {
		return builder(address, filter).build();
	}

	/**
	 * Start building a registration from PURISTA v3's defaults: shared, not durable, auto-acknowledged, one
	 * attempt (no retry), {@link #DEFAULT_RETRY_DELAY}, the bridge's default dead-letter target.
	 * @param address the subscription address (service name, version, subscription name)
	 * @param filter which messages it receives
	 * @return the builder
	 */
	public static Builder builder(MessageAddress address, SubscriptionFilter filter) {
		return new Builder(address, filter);
	}

	/**
	 * Start building a registration from this one.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		return new Builder(this.address, this.filter).shared(this.shared)
			.durable(this.durable)
			.autoacknowledge(this.autoacknowledge)
			.maxAttempts(this.maxAttempts)
			.retryDelay(this.retryDelay)
			.deadLetterTarget(this.deadLetterTarget);
	}

	/**
	 * Return a copy delivered to every instance (not shared).
	 * @param everyInstance {@code true} to deliver each message to every instance
	 * @return the copy
	 */
	public SubscriptionRegistration withEveryInstance(boolean everyInstance) {
		return toBuilder().shared(!everyInstance).build();
	}

	/**
	 * Return a copy with retry settings.
	 * @param maxAttempts deliveries before dead-lettering, at least 1
	 * @param retryDelay default delay between deliveries
	 * @return the copy
	 * @throws IllegalArgumentException if {@code maxAttempts} is below 1
	 */
	public SubscriptionRegistration withRetries(int maxAttempts, Duration retryDelay) {
		return toBuilder().maxAttempts(maxAttempts).retryDelay(retryDelay).build();
	}

	/**
	 * The subscription address.
	 * @return the address (service name, version, subscription name)
	 */
	public MessageAddress address() {
		return this.address;
	}

	/**
	 * Which messages the subscription receives.
	 * @return the filter
	 */
	public SubscriptionFilter filter() {
		return this.filter;
	}

	/**
	 * Whether the instances of the service share the messages (one copy per message) rather than each instance
	 * receiving every message.
	 * @return {@code true} when shared
	 */
	public boolean shared() {
		return this.shared;
	}

	/**
	 * Whether messages are kept while no instance is connected.
	 * @return {@code true} when durable
	 */
	public boolean durable() {
		return this.durable;
	}

	/**
	 * Whether messages are acknowledged on receipt rather than after handling.
	 * @return {@code true} when acknowledged on receipt
	 */
	public boolean autoacknowledge() {
		return this.autoacknowledge;
	}

	/**
	 * How often a message is delivered before it is dead-lettered.
	 * @return the attempts, at least 1 (1 = no retry)
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * The delay before a retry when the handler gives none.
	 * @return the delay
	 */
	public Duration retryDelay() {
		return this.retryDelay;
	}

	/**
	 * Where dead letters go.
	 * @return the target, or {@code null} for the bridge's default
	 */
	public @Nullable String deadLetterTarget() {
		return this.deadLetterTarget;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof SubscriptionRegistration that)) {
			return false;
		}
		return this.address.equals(that.address) && this.filter.equals(that.filter) && this.shared == that.shared
				&& this.durable == that.durable && this.autoacknowledge == that.autoacknowledge
				&& this.maxAttempts == that.maxAttempts && this.retryDelay.equals(that.retryDelay)
				&& Objects.equals(this.deadLetterTarget, that.deadLetterTarget);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.address, this.filter, this.shared, this.durable, this.autoacknowledge,
				this.maxAttempts, this.retryDelay, this.deadLetterTarget);
	}

	@Override
	public String toString() {
		return "SubscriptionRegistration[address=" + this.address + ", filter=" + this.filter + ", shared="
				+ this.shared + ", durable=" + this.durable + ", autoacknowledge=" + this.autoacknowledge
				+ ", maxAttempts=" + this.maxAttempts + ", retryDelay=" + this.retryDelay + ", deadLetterTarget="
				+ this.deadLetterTarget + "]";
	}

	/**
	 * Builds {@link SubscriptionRegistration}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private final MessageAddress address;

		private final SubscriptionFilter filter;

		private boolean shared = true;

		private boolean durable;

		private boolean autoacknowledge = true;

		private int maxAttempts = 1;

		private Duration retryDelay = DEFAULT_RETRY_DELAY;

		private @Nullable String deadLetterTarget;

		private Builder(MessageAddress address, SubscriptionFilter filter) {
			this.address = Objects.requireNonNull(address, "address");
			this.filter = Objects.requireNonNull(filter, "filter");
		}

		/**
		 * Set whether the instances of the service share the messages (one copy per message) rather than each
		 * instance receiving every message (default {@code true}).
		 * @param shared whether shared
		 * @return this builder
		 */
		public Builder shared(boolean shared) {
			this.shared = shared;
			return this;
		}

		/**
		 * Set whether messages are kept while no instance is connected (default {@code false}).
		 * @param durable whether durable
		 * @return this builder
		 */
		public Builder durable(boolean durable) {
			this.durable = durable;
			return this;
		}

		/**
		 * Set whether messages are acknowledged on receipt rather than after handling (default {@code true}).
		 * @param autoacknowledge whether acknowledged on receipt
		 * @return this builder
		 */
		public Builder autoacknowledge(boolean autoacknowledge) {
			this.autoacknowledge = autoacknowledge;
			return this;
		}

		/**
		 * Set how often a message is delivered before it is dead-lettered (default 1 = no retry).
		 * @param maxAttempts the attempts, at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the delay before a retry when the handler gives none (default {@link #DEFAULT_RETRY_DELAY}).
		 * @param retryDelay the delay
		 * @return this builder
		 */
		public Builder retryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
			return this;
		}

		/**
		 * Set where dead letters go (default {@code null}, the bridge's default).
		 * @param deadLetterTarget the target, or {@code null}
		 * @return this builder
		 */
		public Builder deadLetterTarget(@Nullable String deadLetterTarget) {
			this.deadLetterTarget = deadLetterTarget;
			return this;
		}

		/**
		 * Build the registration.
		 * @return the registration
		 * @throws IllegalArgumentException if {@code maxAttempts} is below 1
		 */
		public SubscriptionRegistration build() {
			return new SubscriptionRegistration(this);
		}

	}

}
