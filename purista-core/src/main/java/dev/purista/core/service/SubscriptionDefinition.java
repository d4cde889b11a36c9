package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;

/**
 * A subscription of a service. Usually made by {@link ServiceBuilder} or from {@code @Subscription} methods; built
 * directly with {@link #builder(String)}, where every setting is named and unset ones keep PURISTA's defaults
 * (any message, shared among instances, not durable, one attempt):
 * <pre class="code">
 * SubscriptionDefinition.builder("onUserSignedUp")
 * 	.filter(SubscriptionFilter.event("userSignedUp"))
 * 	.durable(true)
 * 	.handler(handler)
 * 	.build();
 * </pre>
 * Immutable.
 */
public final class SubscriptionDefinition {

	private final String name;

	private final String description;

	private final SubscriptionFilter filter;

	private final Type payloadType;

	private final boolean everyInstance;

	private final boolean durable;

	private final int maxAttempts;

	private final Duration retryDelay;

	private final @Nullable String deadLetterTarget;

	private final @Nullable String outputEventName;

	private final Type outputType;

	private final Map<String, Type> emits;

	private final SubscriptionFunction<Object> handler;

	private SubscriptionDefinition(Builder builder) {
		if (builder.maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts of subscription '" + builder.name + "' must be at least 1");
		}
		this.name = builder.name;
		this.description = Objects.requireNonNull(builder.description, "description");
		this.filter = Objects.requireNonNull(builder.filter, "filter");
		this.payloadType = Objects.requireNonNull(builder.payloadType, "payloadType");
		this.everyInstance = builder.everyInstance;
		this.durable = builder.durable;
		this.maxAttempts = builder.maxAttempts;
		this.retryDelay = Objects.requireNonNull(builder.retryDelay, "retryDelay");
		this.deadLetterTarget = builder.deadLetterTarget;
		this.outputEventName = builder.outputEventName;
		this.outputType = Objects.requireNonNull(builder.outputType, "outputType");
		this.emits = Map.copyOf(builder.emits);
		this.handler = Objects.requireNonNull(builder.handler,
				() -> "handler of subscription '" + builder.name + "' must be set");
	}

	/**
	 * Start building a subscription from PURISTA's defaults: no description, any message, {@code Object}
	 * payload and output, shared among instances, not durable, one attempt, a one-second retry delay, the
	 * bridge's dead-letter target, no output event, no declared events. The handler must be set.
	 * @param name the subscription name
	 * @return the builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Start building a subscription from this one.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		return new Builder(this.name).description(this.description)
			.filter(this.filter)
			.payloadType(this.payloadType)
			.everyInstance(this.everyInstance)
			.durable(this.durable)
			.maxAttempts(this.maxAttempts)
			.retryDelay(this.retryDelay)
			.deadLetterTarget(this.deadLetterTarget)
			.outputEventName(this.outputEventName)
			.outputType(this.outputType)
			.emits(this.emits)
			.handler(this.handler);
	}

	/**
	 * The subscription name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * A description.
	 * @return the description, empty if none
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Which messages it receives.
	 * @return the filter
	 */
	public SubscriptionFilter filter() {
		return this.filter;
	}

	/**
	 * The payload type.
	 * @return the type
	 */
	public Type payloadType() {
		return this.payloadType;
	}

	/**
	 * Whether every instance receives every message (rather than the instances sharing them).
	 * @return {@code true} when every instance receives every message
	 */
	public boolean everyInstance() {
		return this.everyInstance;
	}

	/**
	 * Whether messages are kept while no instance is connected.
	 * @return {@code true} when durable
	 */
	public boolean durable() {
		return this.durable;
	}

	/**
	 * Deliveries before a failing message is dead-lettered.
	 * @return the attempts, at least 1
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Delay between deliveries.
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

	/**
	 * The event a returned value is emitted as.
	 * @return the event name, or {@code null}
	 */
	public @Nullable String outputEventName() {
		return this.outputEventName;
	}

	/**
	 * The output payload type.
	 * @return the type
	 */
	public Type outputType() {
		return this.outputType;
	}

	/**
	 * Events the handler may emit.
	 * @return event names and their payload types (unmodifiable)
	 */
	public Map<String, Type> emits() {
		return this.emits;
	}

	/**
	 * The business logic.
	 * @return the handler
	 */
	public SubscriptionFunction<Object> handler() {
		return this.handler;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof SubscriptionDefinition that)) {
			return false;
		}
		return this.name.equals(that.name) && this.description.equals(that.description)
				&& this.filter.equals(that.filter) && this.payloadType.equals(that.payloadType)
				&& this.everyInstance == that.everyInstance && this.durable == that.durable
				&& this.maxAttempts == that.maxAttempts && this.retryDelay.equals(that.retryDelay)
				&& Objects.equals(this.deadLetterTarget, that.deadLetterTarget)
				&& Objects.equals(this.outputEventName, that.outputEventName)
				&& this.outputType.equals(that.outputType) && this.emits.equals(that.emits)
				&& this.handler.equals(that.handler);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.description, this.filter, this.payloadType, this.everyInstance,
				this.durable, this.maxAttempts, this.retryDelay, this.deadLetterTarget, this.outputEventName,
				this.outputType, this.emits, this.handler);
	}

	@Override
	public String toString() {
		return "SubscriptionDefinition[name=" + this.name + ", description=" + this.description + ", filter="
				+ this.filter + ", payloadType=" + this.payloadType + ", everyInstance=" + this.everyInstance
				+ ", durable=" + this.durable + ", maxAttempts=" + this.maxAttempts + ", retryDelay="
				+ this.retryDelay + ", deadLetterTarget=" + this.deadLetterTarget + ", outputEventName="
				+ this.outputEventName + ", outputType=" + this.outputType + ", emits=" + this.emits + ", handler="
				+ this.handler + "]";
	}

	/**
	 * Builds {@link SubscriptionDefinition}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private final String name;

		private String description = "";

		private SubscriptionFilter filter = SubscriptionFilter.ANY;

		private Type payloadType = Object.class;

		private boolean everyInstance;

		private boolean durable;

		private int maxAttempts = 1;

		private Duration retryDelay = Duration.ofSeconds(1);

		private @Nullable String deadLetterTarget;

		private @Nullable String outputEventName;

		private Type outputType = Object.class;

		private final Map<String, Type> emits = new LinkedHashMap<>();

		private @Nullable SubscriptionFunction<Object> handler;

		private Builder(String name) {
			this.name = Objects.requireNonNull(name, "name");
		}

		/**
		 * Set the description (default empty).
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Set which messages it receives (default {@link SubscriptionFilter#ANY}).
		 * @param filter the filter
		 * @return this builder
		 */
		public Builder filter(SubscriptionFilter filter) {
			this.filter = filter;
			return this;
		}

		/**
		 * Set the payload type (default {@code Object}).
		 * @param payloadType the type
		 * @return this builder
		 */
		public Builder payloadType(Type payloadType) {
			this.payloadType = payloadType;
			return this;
		}

		/**
		 * Set whether every instance receives every message (default {@code false}: the instances share them).
		 * @param everyInstance whether every instance receives every message
		 * @return this builder
		 */
		public Builder everyInstance(boolean everyInstance) {
			this.everyInstance = everyInstance;
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
		 * Set the deliveries before a failing message is dead-lettered (default 1 = no retry).
		 * @param maxAttempts the attempts, at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the delay between deliveries (default one second).
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
		 * Set the event a returned value is emitted as (default none).
		 * @param outputEventName the event name, or {@code null}
		 * @return this builder
		 */
		public Builder outputEventName(@Nullable String outputEventName) {
			this.outputEventName = outputEventName;
			return this;
		}

		/**
		 * Set the output payload type (default {@code Object}).
		 * @param outputType the type
		 * @return this builder
		 */
		public Builder outputType(Type outputType) {
			this.outputType = outputType;
			return this;
		}

		/**
		 * Set the events the handler may emit, replacing those set before (default none).
		 * @param emits event names and their payload types
		 * @return this builder
		 */
		public Builder emits(Map<String, Type> emits) {
			this.emits.clear();
			this.emits.putAll(emits);
			return this;
		}

		/**
		 * Set the business logic (required).
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(SubscriptionFunction<Object> handler) {
			this.handler = handler;
			return this;
		}

		/**
		 * Build the definition.
		 * @return the definition
		 * @throws IllegalArgumentException if {@code maxAttempts} is below 1
		 * @throws NullPointerException if no handler was set
		 */
		public SubscriptionDefinition build() {
			return new SubscriptionDefinition(this);
		}

	}

}
