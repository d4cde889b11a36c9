package dev.purista.core.service;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.QueueLifecycle;

/**
 * A queue worker of a service. Usually made by {@link ServiceBuilder} or from {@code @QueueWorker} methods; built
 * directly with {@link #builder(String, String)}, where every setting is named and unset ones keep PURISTA's
 * defaults (one job at a time, {@link QueueLifecycle#defaults()}, no strict idempotency, a dead-letter queue
 * required):
 * <pre class="code">
 * QueueWorkerDefinition.builder("emails", "sendWelcomeEmail")
 * 	.maxParallelHandlers(4)
 * 	.strictIdempotency(true)
 * 	.handler(handler)
 * 	.build();
 * </pre>
 * Immutable.
 */
public final class QueueWorkerDefinition {

	private final String queueName;

	private final String name;

	private final Type payloadType;

	private final Type parameterType;

	private final int maxParallelHandlers;

	private final QueueLifecycle lifecycle;

	private final boolean strictIdempotency;

	private final boolean requireDeadLetter;

	private final Map<String, Type> emits;

	private final QueueWorkerFunction<Object, Object> handler;

	private QueueWorkerDefinition(Builder builder) {
		if (builder.maxParallelHandlers < 1) {
			throw new IllegalArgumentException(
					"maxParallelHandlers of worker '" + builder.name + "' must be at least 1");
		}
		this.queueName = builder.queueName;
		this.name = builder.name;
		this.payloadType = Objects.requireNonNull(builder.payloadType, "payloadType");
		this.parameterType = Objects.requireNonNull(builder.parameterType, "parameterType");
		this.maxParallelHandlers = builder.maxParallelHandlers;
		this.lifecycle = Objects.requireNonNull(builder.lifecycle, "lifecycle");
		this.strictIdempotency = builder.strictIdempotency;
		this.requireDeadLetter = builder.requireDeadLetter;
		this.emits = Map.copyOf(builder.emits);
		this.handler = Objects.requireNonNull(builder.handler,
				() -> "handler of worker '" + builder.name + "' must be set");
	}

	/**
	 * Start building a worker from PURISTA's defaults: {@code Object} payload and parameter, one job at a time,
	 * {@link QueueLifecycle#defaults()}, no strict idempotency, a dead-letter queue required, no declared events.
	 * The handler must be set.
	 * @param queueName the queue
	 * @param name the worker name
	 * @return the builder
	 */
	public static Builder builder(String queueName, String name) {
		return new Builder(queueName, name);
	}

	/**
	 * Start building a worker from this one.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		return new Builder(this.queueName, this.name).payloadType(this.payloadType)
			.parameterType(this.parameterType)
			.maxParallelHandlers(this.maxParallelHandlers)
			.lifecycle(this.lifecycle)
			.strictIdempotency(this.strictIdempotency)
			.requireDeadLetter(this.requireDeadLetter)
			.emits(this.emits)
			.handler(this.handler);
	}

	/**
	 * The queue.
	 * @return the queue name
	 */
	public String queueName() {
		return this.queueName;
	}

	/**
	 * The worker name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The payload type.
	 * @return the type
	 */
	public Type payloadType() {
		return this.payloadType;
	}

	/**
	 * The parameter type.
	 * @return the type
	 */
	public Type parameterType() {
		return this.parameterType;
	}

	/**
	 * How many jobs run at once.
	 * @return the parallelism, at least 1 (1 = sequential)
	 */
	public int maxParallelHandlers() {
		return this.maxParallelHandlers;
	}

	/**
	 * Leases, heartbeats, attempts and retry delays.
	 * @return the lifecycle
	 */
	public QueueLifecycle lifecycle() {
		return this.lifecycle;
	}

	/**
	 * Whether the queue bridge must enforce idempotency keys.
	 * @return {@code true} when required
	 */
	public boolean strictIdempotency() {
		return this.strictIdempotency;
	}

	/**
	 * Whether the queue bridge must keep inspectable dead letters.
	 * @return {@code true} when required
	 */
	public boolean requireDeadLetter() {
		return this.requireDeadLetter;
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
	public QueueWorkerFunction<Object, Object> handler() {
		return this.handler;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof QueueWorkerDefinition that)) {
			return false;
		}
		return this.queueName.equals(that.queueName) && this.name.equals(that.name)
				&& this.payloadType.equals(that.payloadType) && this.parameterType.equals(that.parameterType)
				&& this.maxParallelHandlers == that.maxParallelHandlers && this.lifecycle.equals(that.lifecycle)
				&& this.strictIdempotency == that.strictIdempotency
				&& this.requireDeadLetter == that.requireDeadLetter && this.emits.equals(that.emits)
				&& this.handler.equals(that.handler);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.queueName, this.name, this.payloadType, this.parameterType,
				this.maxParallelHandlers, this.lifecycle, this.strictIdempotency, this.requireDeadLetter,
				this.emits, this.handler);
	}

	@Override
	public String toString() {
		return "QueueWorkerDefinition[queueName=" + this.queueName + ", name=" + this.name + ", payloadType="
				+ this.payloadType + ", parameterType=" + this.parameterType + ", maxParallelHandlers="
				+ this.maxParallelHandlers + ", lifecycle=" + this.lifecycle + ", strictIdempotency="
				+ this.strictIdempotency + ", requireDeadLetter=" + this.requireDeadLetter + ", emits="
				+ this.emits + ", handler=" + this.handler + "]";
	}

	/**
	 * Builds {@link QueueWorkerDefinition}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private final String queueName;

		private final String name;

		private Type payloadType = Object.class;

		private Type parameterType = Object.class;

		private int maxParallelHandlers = 1;

		private QueueLifecycle lifecycle = QueueLifecycle.defaults();

		private boolean strictIdempotency;

		private boolean requireDeadLetter = true;

		private final Map<String, Type> emits = new LinkedHashMap<>();

		private @Nullable QueueWorkerFunction<Object, Object> handler;

		private Builder(String queueName, String name) {
			this.queueName = Objects.requireNonNull(queueName, "queueName");
			this.name = Objects.requireNonNull(name, "name");
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
		 * Set the parameter type (default {@code Object}).
		 * @param parameterType the type
		 * @return this builder
		 */
		public Builder parameterType(Type parameterType) {
			this.parameterType = parameterType;
			return this;
		}

		/**
		 * Set how many jobs run at once (default 1 = sequential).
		 * @param maxParallelHandlers the parallelism, at least 1
		 * @return this builder
		 */
		public Builder maxParallelHandlers(int maxParallelHandlers) {
			this.maxParallelHandlers = maxParallelHandlers;
			return this;
		}

		/**
		 * Set leases, heartbeats, attempts and retry delays (default {@link QueueLifecycle#defaults()}).
		 * @param lifecycle the lifecycle
		 * @return this builder
		 */
		public Builder lifecycle(QueueLifecycle lifecycle) {
			this.lifecycle = lifecycle;
			return this;
		}

		/**
		 * Set whether the queue bridge must enforce idempotency keys (default {@code false}).
		 * @param strictIdempotency whether required
		 * @return this builder
		 */
		public Builder strictIdempotency(boolean strictIdempotency) {
			this.strictIdempotency = strictIdempotency;
			return this;
		}

		/**
		 * Set whether the queue bridge must keep inspectable dead letters (default {@code true}).
		 * @param requireDeadLetter whether required
		 * @return this builder
		 */
		public Builder requireDeadLetter(boolean requireDeadLetter) {
			this.requireDeadLetter = requireDeadLetter;
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
		public Builder handler(QueueWorkerFunction<Object, Object> handler) {
			this.handler = handler;
			return this;
		}

		/**
		 * Build the definition.
		 * @return the definition
		 * @throws IllegalArgumentException if {@code maxParallelHandlers} is below 1
		 * @throws NullPointerException if no handler was set
		 */
		public QueueWorkerDefinition build() {
			return new QueueWorkerDefinition(this);
		}

	}

}
