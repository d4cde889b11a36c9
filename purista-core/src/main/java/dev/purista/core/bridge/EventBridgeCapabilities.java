package dev.purista.core.bridge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.jspecify.annotations.Nullable;

/**
 * What an event bridge can do (PURISTA's event bridge {@code capabilities}); services check their definitions
 * against them at start. Built with {@link #builder(String)}, where every capability is "not supported" until
 * it is named:
 * <pre class="code">
 * EventBridgeCapabilities.builder("in-memory")
 * 	.manualAckSupported(true)
 * 	.gracefulDrainSupported(true)
 * 	.subscriptionRetries(true)
 * 	.build();
 * </pre>
 * Immutable; written to JSON (the {@code /actuator/purista} endpoint) with the accessor names as keys.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE)
public final class EventBridgeCapabilities {

	private final boolean supportsStreams;

	private final boolean durableCommands;

	private final boolean durableSubscriptions;

	private final boolean manualAckSupported;

	private final boolean gracefulDrainSupported;

	private final boolean nativeDeadLettering;

	private final boolean subscriptionRetries;

	private final String transport;

	private EventBridgeCapabilities(Builder builder) {
		this.supportsStreams = builder.supportsStreams;
		this.durableCommands = builder.durableCommands;
		this.durableSubscriptions = builder.durableSubscriptions;
		this.manualAckSupported = builder.manualAckSupported;
		this.gracefulDrainSupported = builder.gracefulDrainSupported;
		this.nativeDeadLettering = builder.nativeDeadLettering;
		this.subscriptionRetries = builder.subscriptionRetries;
		this.transport = builder.transport;
	}

	/**
	 * Start describing a bridge whose commands travel by the given transport; every capability starts as not
	 * supported.
	 * @param transport how commands travel, e.g. {@code in-memory}, {@code reply-queue}
	 * @return the builder
	 */
	public static Builder builder(String transport) {
		return new Builder(transport);
	}

	/**
	 * Whether streams can be opened.
	 * @return {@code true} when supported
	 */
	public boolean supportsStreams() {
		return this.supportsStreams;
	}

	/**
	 * Whether commands can survive a broker restart.
	 * @return {@code true} when supported
	 */
	public boolean durableCommands() {
		return this.durableCommands;
	}

	/**
	 * Whether subscriptions can keep messages while no instance is connected.
	 * @return {@code true} when supported
	 */
	public boolean durableSubscriptions() {
		return this.durableSubscriptions;
	}

	/**
	 * Whether messages can be acknowledged after handling.
	 * @return {@code true} when supported
	 */
	public boolean manualAckSupported() {
		return this.manualAckSupported;
	}

	/**
	 * Whether intake can stop while in-flight work finishes.
	 * @return {@code true} when supported
	 */
	public boolean gracefulDrainSupported() {
		return this.gracefulDrainSupported;
	}

	/**
	 * Whether failed subscription messages can be dead-lettered.
	 * @return {@code true} when supported
	 */
	public boolean nativeDeadLettering() {
		return this.nativeDeadLettering;
	}

	/**
	 * Whether failed subscription messages can be delivered again.
	 * @return {@code true} when supported
	 */
	public boolean subscriptionRetries() {
		return this.subscriptionRetries;
	}

	/**
	 * How commands travel, e.g. {@code in-memory}, {@code reply-queue}.
	 * @return the transport
	 */
	public String transport() {
		return this.transport;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof EventBridgeCapabilities that)) {
			return false;
		}
		return this.supportsStreams == that.supportsStreams && this.durableCommands == that.durableCommands
				&& this.durableSubscriptions == that.durableSubscriptions
				&& this.manualAckSupported == that.manualAckSupported
				&& this.gracefulDrainSupported == that.gracefulDrainSupported
				&& this.nativeDeadLettering == that.nativeDeadLettering
				&& this.subscriptionRetries == that.subscriptionRetries && this.transport.equals(that.transport);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.supportsStreams, this.durableCommands, this.durableSubscriptions,
				this.manualAckSupported, this.gracefulDrainSupported, this.nativeDeadLettering,
				this.subscriptionRetries, this.transport);
	}

	@Override
	public String toString() {
		return "EventBridgeCapabilities[supportsStreams=" + this.supportsStreams + ", durableCommands="
				+ this.durableCommands + ", durableSubscriptions=" + this.durableSubscriptions
				+ ", manualAckSupported=" + this.manualAckSupported + ", gracefulDrainSupported="
				+ this.gracefulDrainSupported + ", nativeDeadLettering=" + this.nativeDeadLettering
				+ ", subscriptionRetries=" + this.subscriptionRetries + ", transport=" + this.transport + "]";
	}

	/**
	 * Builds {@link EventBridgeCapabilities}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private boolean supportsStreams;

		private boolean durableCommands;

		private boolean durableSubscriptions;

		private boolean manualAckSupported;

		private boolean gracefulDrainSupported;

		private boolean nativeDeadLettering;

		private boolean subscriptionRetries;

		private final String transport;

		private Builder(String transport) {
			this.transport = Objects.requireNonNull(transport, "transport");
		}

		/**
		 * Set whether streams can be opened.
		 * @param supportsStreams whether supported
		 * @return this builder
		 */
		public Builder supportsStreams(boolean supportsStreams) {
			this.supportsStreams = supportsStreams;
			return this;
		}

		/**
		 * Set whether commands can survive a broker restart.
		 * @param durableCommands whether supported
		 * @return this builder
		 */
		public Builder durableCommands(boolean durableCommands) {
			this.durableCommands = durableCommands;
			return this;
		}

		/**
		 * Set whether subscriptions can keep messages while no instance is connected.
		 * @param durableSubscriptions whether supported
		 * @return this builder
		 */
		public Builder durableSubscriptions(boolean durableSubscriptions) {
			this.durableSubscriptions = durableSubscriptions;
			return this;
		}

		/**
		 * Set whether messages can be acknowledged after handling.
		 * @param manualAckSupported whether supported
		 * @return this builder
		 */
		public Builder manualAckSupported(boolean manualAckSupported) {
			this.manualAckSupported = manualAckSupported;
			return this;
		}

		/**
		 * Set whether intake can stop while in-flight work finishes.
		 * @param gracefulDrainSupported whether supported
		 * @return this builder
		 */
		public Builder gracefulDrainSupported(boolean gracefulDrainSupported) {
			this.gracefulDrainSupported = gracefulDrainSupported;
			return this;
		}

		/**
		 * Set whether failed subscription messages can be dead-lettered.
		 * @param nativeDeadLettering whether supported
		 * @return this builder
		 */
		public Builder nativeDeadLettering(boolean nativeDeadLettering) {
			this.nativeDeadLettering = nativeDeadLettering;
			return this;
		}

		/**
		 * Set whether failed subscription messages can be delivered again.
		 * @param subscriptionRetries whether supported
		 * @return this builder
		 */
		public Builder subscriptionRetries(boolean subscriptionRetries) {
			this.subscriptionRetries = subscriptionRetries;
			return this;
		}

		/**
		 * Build the capabilities.
		 * @return the capabilities
		 */
		public EventBridgeCapabilities build() {
			return new EventBridgeCapabilities(this);
		}

	}

}
