package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.message.MessageType;
import dev.purista.core.queue.QueueLifecycle;

/**
 * Builds a {@link ServiceDefinition} in code, with the same power as the annotations:
 * <pre class="code">
 * ServiceDefinition user = ServiceBuilder.service("User", "1")
 *     .command("signUp")
 *         .payload(SignUp.class).output(UserView.class)
 *         .successEvent("userSignedUp")
 *         .http("POST", "user")
 *         .handler((payload, parameter, context) -&gt; register(payload))
 *     .subscription("audit").event("userSignedUp").handler((payload, context) -&gt; null)
 *     .build();
 * </pre>
 */
public final class ServiceBuilder {

	private final ServiceInfo info;

	private final List<CommandDefinition> commands = new ArrayList<>();

	private final List<SubscriptionDefinition> subscriptions = new ArrayList<>();

	private final List<QueueWorkerDefinition> workers = new ArrayList<>();

	private ServiceBuilder(ServiceInfo info) {
		this.info = info;
	}

	/**
	 * Start a service.
	 * @param name the service name
	 * @param version the service version
	 * @return the builder
	 */
	public static ServiceBuilder service(String name, String version) {
		return new ServiceBuilder(new ServiceInfo(name, version, ""));
	}

	/**
	 * Start a service with a description.
	 * @param name the service name
	 * @param version the service version
	 * @param description the description
	 * @return the builder
	 */
	public static ServiceBuilder service(String name, String version, String description) {
		return new ServiceBuilder(new ServiceInfo(name, version, description));
	}

	/**
	 * Start a command.
	 * @param name the command name
	 * @return the command builder; {@link CommandBuilder#handler} returns to this builder
	 */
	public CommandBuilder<Object, Object, Object> command(String name) {
		return new CommandBuilder<>(this, name);
	}

	/**
	 * Start a subscription.
	 * @param name the subscription name
	 * @return the subscription builder; {@link SubscriptionBuilder#handler} returns to this builder
	 */
	public SubscriptionBuilder<Object> subscription(String name) {
		return new SubscriptionBuilder<>(this, name);
	}

	/**
	 * Start a queue worker.
	 * @param queueName the queue
	 * @param workerName the worker name
	 * @return the worker builder; {@link QueueWorkerBuilder#handler} returns to this builder
	 */
	public QueueWorkerBuilder<Object, Object> queueWorker(String queueName, String workerName) {
		return new QueueWorkerBuilder<>(this, queueName, workerName);
	}

	/**
	 * Add a ready command definition.
	 * @param definition the command
	 * @return this builder
	 */
	public ServiceBuilder add(CommandDefinition definition) {
		this.commands.add(definition);
		return this;
	}

	/**
	 * Add a ready subscription definition.
	 * @param definition the subscription
	 * @return this builder
	 */
	public ServiceBuilder add(SubscriptionDefinition definition) {
		this.subscriptions.add(definition);
		return this;
	}

	/**
	 * Add a ready queue worker definition.
	 * @param definition the worker
	 * @return this builder
	 */
	public ServiceBuilder add(QueueWorkerDefinition definition) {
		this.workers.add(definition);
		return this;
	}

	/**
	 * Build the definition.
	 * @return the definition
	 */
	public ServiceDefinition build() {
		return new ServiceDefinition(this.info, this.commands, this.subscriptions, this.workers);
	}

	/**
	 * Builds a command.
	 *
	 * @param <P> the payload type
	 * @param <Q> the parameter type
	 * @param <R> the result type
	 */
	public static final class CommandBuilder<P, Q, R> {

		private final ServiceBuilder service;

		private final String name;

		private String description = "";

		private Type payloadType = Object.class;

		private Type parameterType = Object.class;

		private Type outputType = Object.class;

		private @Nullable String successEvent;

		private @Nullable InputTransform inputTransform;

		private @Nullable OutputTransform outputTransform;

		private final Map<String, CommandGuard<Object, Object>> beforeGuards = new LinkedHashMap<>();

		private final Map<String, CommandAfterGuard<Object, Object, Object>> afterGuards = new LinkedHashMap<>();

		private final Map<String, Type> emits = new LinkedHashMap<>();

		private @Nullable HttpExposure http;

		private boolean deprecated;

		CommandBuilder(ServiceBuilder service, String name) {
			this.service = service;
			this.name = name;
		}

		/**
		 * Set the description.
		 * @param description the description
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Declare the payload type.
		 * @param <P2> the type
		 * @param type the class
		 * @return this builder, retyped
		 */
		@SuppressWarnings("unchecked")
		public <P2> CommandBuilder<P2, Q, R> payload(Class<P2> type) {
			this.payloadType = type;
			return (CommandBuilder<P2, Q, R>) this;
		}

		/**
		 * Declare the parameter type.
		 * @param <Q2> the type
		 * @param type the class
		 * @return this builder, retyped
		 */
		@SuppressWarnings("unchecked")
		public <Q2> CommandBuilder<P, Q2, R> parameter(Class<Q2> type) {
			this.parameterType = type;
			return (CommandBuilder<P, Q2, R>) this;
		}

		/**
		 * Declare the result type ({@code Void} for none).
		 * @param <R2> the type
		 * @param type the class
		 * @return this builder, retyped
		 */
		@SuppressWarnings("unchecked")
		public <R2> CommandBuilder<P, Q, R2> output(Class<R2> type) {
			this.outputType = type;
			return (CommandBuilder<P, Q, R2>) this;
		}

		/**
		 * Set the success event name.
		 * @param eventName the event name
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> successEvent(String eventName) {
			this.successEvent = eventName;
			return this;
		}

		/**
		 * Declare an event the handler may emit.
		 * @param eventName the event name
		 * @param payloadType the payload type
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> emits(String eventName, Class<?> payloadType) {
			this.emits.put(eventName, payloadType);
			return this;
		}

		/**
		 * Expose the command over HTTP.
		 * @param method the HTTP method
		 * @param path the path below {@code /api/v<version>/}
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> http(String method, String path) {
			this.http = HttpExposure.of(method, path, this.name);
			return this;
		}

		/**
		 * Expose the command over HTTP with full OpenAPI metadata.
		 * @param exposure the exposure
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> http(HttpExposure exposure) {
			this.http = exposure;
			return this;
		}

		/**
		 * Mark the command deprecated.
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> deprecated() {
			this.deprecated = true;
			return this;
		}

		/**
		 * Add a before guard (runs in the order added).
		 * @param guardName the guard name
		 * @param guard the guard
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public CommandBuilder<P, Q, R> beforeGuard(String guardName, CommandGuard<? super P, ? super Q> guard) {
			this.beforeGuards.put(guardName, (CommandGuard<Object, Object>) guard);
			return this;
		}

		/**
		 * Add an after guard (runs in the order added).
		 * @param guardName the guard name
		 * @param guard the guard
		 * @return this builder
		 */
		@SuppressWarnings("unchecked")
		public CommandBuilder<P, Q, R> afterGuard(String guardName,
				CommandAfterGuard<? super P, ? super Q, ? super R> guard) {
			this.afterGuards.put(guardName, (CommandAfterGuard<Object, Object, Object>) guard);
			return this;
		}

		/**
		 * Transform the raw input before validation.
		 * @param transform the transformation
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> transformInput(InputTransform transform) {
			this.inputTransform = transform;
			return this;
		}

		/**
		 * Transform the result after the after guards.
		 * @param transform the transformation
		 * @return this builder
		 */
		public CommandBuilder<P, Q, R> transformOutput(OutputTransform transform) {
			this.outputTransform = transform;
			return this;
		}

		/**
		 * Set the business logic and add the command to the service.
		 * @param handler the handler
		 * @return the service builder
		 */
		@SuppressWarnings("unchecked")
		public ServiceBuilder handler(CommandFunction<? super P, ? super Q, ? extends R> handler) {
			return this.service.add(new CommandDefinition(this.name, this.description, this.payloadType,
					this.parameterType, this.outputType, this.successEvent, this.inputTransform, this.beforeGuards,
					(CommandFunction<Object, Object, Object>) handler, this.afterGuards, this.outputTransform, this.emits,
					this.http, this.deprecated));
		}

	}

	/**
	 * Builds a subscription.
	 *
	 * @param <P> the payload type
	 */
	public static final class SubscriptionBuilder<P> {

		private final ServiceBuilder service;

		private final SubscriptionDefinition.Builder definition;

		private SubscriptionFilter filter = SubscriptionFilter.ANY;

		private final Map<String, Type> emits = new LinkedHashMap<>();

		SubscriptionBuilder(ServiceBuilder service, String name) {
			this.service = service;
			this.definition = SubscriptionDefinition.builder(name);
		}

		/**
		 * Set the description.
		 * @param description the description
		 * @return this builder
		 */
		public SubscriptionBuilder<P> description(String description) {
			this.definition.description(description);
			return this;
		}

		/**
		 * Receive an event (PURISTA's {@code subscribeToEvent}).
		 * @param eventName the event name
		 * @return this builder
		 */
		public SubscriptionBuilder<P> event(String eventName) {
			this.filter = this.filter.withEventName(eventName);
			return this;
		}

		/**
		 * Receive only one message type.
		 * @param type the type
		 * @return this builder
		 */
		public SubscriptionBuilder<P> messageType(MessageType type) {
			this.filter = this.filter.withMessageType(type);
			return this;
		}

		/**
		 * Set the whole filter.
		 * @param filter the filter
		 * @return this builder
		 */
		public SubscriptionBuilder<P> filter(SubscriptionFilter filter) {
			this.filter = filter;
			return this;
		}

		/**
		 * Declare the payload type.
		 * @param <P2> the type
		 * @param type the class
		 * @return this builder, retyped
		 */
		@SuppressWarnings("unchecked")
		public <P2> SubscriptionBuilder<P2> payload(Class<P2> type) {
			this.definition.payloadType(type);
			return (SubscriptionBuilder<P2>) this;
		}

		/**
		 * Deliver every message to every instance instead of one instance.
		 * @return this builder
		 */
		public SubscriptionBuilder<P> everyInstance() {
			this.definition.everyInstance(true);
			return this;
		}

		/**
		 * Keep messages while no instance is connected (needs a durable bridge).
		 * @return this builder
		 */
		public SubscriptionBuilder<P> durable() {
			this.definition.durable(true);
			return this;
		}

		/**
		 * Retry failing messages.
		 * @param maxAttempts deliveries before dead-lettering
		 * @param retryDelay delay between deliveries
		 * @return this builder
		 */
		public SubscriptionBuilder<P> retries(int maxAttempts, Duration retryDelay) {
			this.definition.maxAttempts(maxAttempts).retryDelay(retryDelay);
			return this;
		}

		/**
		 * Send dead letters to a target (needs a bridge with dead-lettering).
		 * @param target the dead-letter target
		 * @return this builder
		 */
		public SubscriptionBuilder<P> deadLetterTarget(String target) {
			this.definition.deadLetterTarget(target);
			return this;
		}

		/**
		 * Emit a returned value as an event.
		 * @param eventName the event name
		 * @param type the output payload type
		 * @return this builder
		 */
		public SubscriptionBuilder<P> outputEvent(String eventName, Class<?> type) {
			this.definition.outputEventName(eventName).outputType(type);
			return this;
		}

		/**
		 * Declare an event the handler may emit.
		 * @param eventName the event name
		 * @param payloadType the payload type
		 * @return this builder
		 */
		public SubscriptionBuilder<P> emits(String eventName, Class<?> payloadType) {
			this.emits.put(eventName, payloadType);
			return this;
		}

		/**
		 * Set the business logic and add the subscription to the service.
		 * @param handler the handler
		 * @return the service builder
		 */
		@SuppressWarnings("unchecked")
		public ServiceBuilder handler(SubscriptionFunction<? super P> handler) {
			return this.service.add(this.definition.filter(this.filter)
				.emits(this.emits)
				.handler((SubscriptionFunction<Object>) handler)
				.build());
		}

	}

	/**
	 * Builds a queue worker.
	 *
	 * @param <P> the payload type
	 * @param <Q> the parameter type
	 */
	public static final class QueueWorkerBuilder<P, Q> {

		private final ServiceBuilder service;

		private final QueueWorkerDefinition.Builder definition;

		private final Map<String, Type> emits = new LinkedHashMap<>();

		QueueWorkerBuilder(ServiceBuilder service, String queueName, String name) {
			this.service = service;
			this.definition = QueueWorkerDefinition.builder(queueName, name);
		}

		/**
		 * Declare the payload type.
		 * @param <P2> the type
		 * @param type the class
		 * @return this builder, retyped
		 */
		@SuppressWarnings("unchecked")
		public <P2> QueueWorkerBuilder<P2, Q> payload(Class<P2> type) {
			this.definition.payloadType(type);
			return (QueueWorkerBuilder<P2, Q>) this;
		}

		/**
		 * Declare the parameter type.
		 * @param <Q2> the type
		 * @param type the class
		 * @return this builder, retyped
		 */
		@SuppressWarnings("unchecked")
		public <Q2> QueueWorkerBuilder<P, Q2> parameter(Class<Q2> type) {
			this.definition.parameterType(type);
			return (QueueWorkerBuilder<P, Q2>) this;
		}

		/**
		 * Process up to this many jobs at once.
		 * @param maxParallelHandlers the parallelism
		 * @return this builder
		 */
		public QueueWorkerBuilder<P, Q> maxParallelHandlers(int maxParallelHandlers) {
			this.definition.maxParallelHandlers(maxParallelHandlers);
			return this;
		}

		/**
		 * Set leases, heartbeats, attempts and retry delays.
		 * @param lifecycle the lifecycle
		 * @return this builder
		 */
		public QueueWorkerBuilder<P, Q> lifecycle(QueueLifecycle lifecycle) {
			this.definition.lifecycle(lifecycle);
			return this;
		}

		/**
		 * Require a queue bridge that enforces idempotency keys.
		 * @return this builder
		 */
		public QueueWorkerBuilder<P, Q> strictIdempotency() {
			this.definition.strictIdempotency(true);
			return this;
		}

		/**
		 * Whether an inspectable dead-letter queue is required (default {@code true}).
		 * @param required whether required
		 * @return this builder
		 */
		public QueueWorkerBuilder<P, Q> requireDeadLetter(boolean required) {
			this.definition.requireDeadLetter(required);
			return this;
		}

		/**
		 * Declare an event the handler may emit.
		 * @param eventName the event name
		 * @param payloadType the payload type
		 * @return this builder
		 */
		public QueueWorkerBuilder<P, Q> emits(String eventName, Class<?> payloadType) {
			this.emits.put(eventName, payloadType);
			return this;
		}

		/**
		 * Set the business logic and add the worker to the service.
		 * @param handler the handler
		 * @return the service builder
		 */
		@SuppressWarnings("unchecked")
		public ServiceBuilder handler(QueueWorkerFunction<? super P, ? super Q> handler) {
			return this.service.add(this.definition.emits(this.emits)
				.handler((QueueWorkerFunction<Object, Object>) handler)
				.build());
		}

	}

}
