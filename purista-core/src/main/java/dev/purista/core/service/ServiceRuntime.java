package dev.purista.core.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.error.CapabilityMismatchException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;
import dev.purista.core.observation.TraceCarrier;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.worker.QueueWorkerOptions;
import dev.purista.core.queue.worker.QueueWorkerRuntime;

/**
 * Runs one service definition on a {@link ServiceEnvironment}. {@link #start()} checks the definition against
 * the bridges' capabilities, announces the service ({@code infoServiceInit}), registers every command (each
 * announced with {@code infoServiceFunctionAdded} and its metadata) and subscription, starts the queue workers
 * and announces {@code infoServiceReady}. Shutdown: {@link #stopIntake()}, {@link #awaitDrain(Duration)},
 * {@link #destroy()}.
 */
public final class ServiceRuntime {

	private static final Log logger = LogFactory.getLog(ServiceRuntime.class);

	/** The {@code otp} of the service's info messages: none is active at start-up, written as TypeScript does. */
	private static final String NO_TRACE_CONTEXT = TraceCarrier.toOtp(Map.of());

	private final ServiceDefinition definition;

	private final ServiceEnvironment environment;

	private final Outbound outbound;

	private final List<QueueWorkerRuntime> workers = new ArrayList<>();

	private volatile boolean started;

	/**
	 * Create a runtime.
	 * @param definition the service
	 * @param environment the bridges and stores to run on
	 */
	public ServiceRuntime(ServiceDefinition definition, ServiceEnvironment environment) {
		this.definition = definition;
		this.environment = environment;
		this.outbound = new Outbound(environment);
	}

	/**
	 * The service definition.
	 * @return the definition
	 */
	public ServiceDefinition definition() {
		return this.definition;
	}

	/**
	 * The environment the service runs on.
	 * @return the environment
	 */
	public ServiceEnvironment environment() {
		return this.environment;
	}

	/**
	 * Whether the service was started and not destroyed.
	 * @return {@code true} when running
	 */
	public boolean isStarted() {
		return this.started;
	}

	/**
	 * How many queue jobs of this service are being processed.
	 * @return the count
	 */
	public int queueJobsInFlight() {
		return this.workers.stream().mapToInt(QueueWorkerRuntime::inFlight).sum();
	}

	/**
	 * Start the service.
	 * @throws CapabilityMismatchException if a definition needs something a bridge cannot do
	 * @throws UnhandledException 503 if the event bridge is not healthy, 500 if already started
	 */
	public synchronized void start() {
		if (this.started) {
			throw new UnhandledException(500, "Service already started", null, null);
		}
		ServiceInfo info = this.definition.info();
		EventBridge bridge = this.environment.eventBridge();
		checkCapabilities();
		if (!bridge.isHealthy()) {
			throw new UnhandledException(503, "eventbridge not healthy", null, null);
		}
		MessageAddress service = MessageAddress.of(info.name(), info.version(), "");
		bridge.emitMessage(Messages.info(MessageType.INFO_SERVICE_INIT, service.withInstanceId(bridge.instanceId()),
				null, NO_TRACE_CONTEXT));
		for (CommandDefinition command : this.definition.commands()) {
			CommandPipeline pipeline = new CommandPipeline(this.environment, this.outbound, info, command);
			Object metadata = FunctionMetadata.of(command, this.environment.schemas());
			bridge.registerCommand(pipeline.address(), pipeline::handle,
					CommandOptions.builder().metadata(metadata).build());
			bridge.emitMessage(Messages.info(MessageType.INFO_SERVICE_FUNCTION_ADDED,
					pipeline.address().withInstanceId(bridge.instanceId()), metadata, NO_TRACE_CONTEXT));
		}
		for (SubscriptionDefinition subscription : this.definition.subscriptions()) {
			SubscriptionExecutor executor = new SubscriptionExecutor(this.environment, this.outbound, info,
					subscription);
			SubscriptionRegistration registration = SubscriptionRegistration
				.builder(executor.address(), subscription.filter())
				.shared(!subscription.everyInstance())
				.durable(subscription.durable())
				.autoacknowledge(true)
				.maxAttempts(subscription.maxAttempts())
				.retryDelay(subscription.retryDelay())
				.build();
			bridge.registerSubscription(registration, executor::handle);
		}
		startWorkers(info);
		bridge.emitMessage(Messages.info(MessageType.INFO_SERVICE_READY, service.withInstanceId(bridge.instanceId()),
				null, NO_TRACE_CONTEXT));
		this.started = true;
		logger.info("Service " + info + " started: " + this.definition.commands().size() + " command(s), "
				+ this.definition.subscriptions().size() + " subscription(s), " + this.workers.size()
				+ " queue worker(s) on " + bridge.name());
	}

	/**
	 * Stop taking new queue jobs (the event bridge's intake is stopped by the bridge's owner).
	 */
	public void stopIntake() {
		this.workers.forEach(QueueWorkerRuntime::stopIntake);
	}

	/**
	 * Wait for running queue jobs; jobs not finished in time are released back to the queue.
	 * @param timeout how long to wait at most
	 * @return {@code true} if every job finished in time
	 */
	public boolean awaitDrain(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean drained = true;
		for (QueueWorkerRuntime worker : this.workers) {
			Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			try {
				drained &= worker.awaitDrain(remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return drained;
	}

	/**
	 * Unregister the service's commands and subscriptions and stop its workers.
	 */
	public synchronized void destroy() {
		if (!this.started) {
			return;
		}
		this.started = false;
		stopIntake();
		awaitDrain(Duration.ZERO);
		EventBridge bridge = this.environment.eventBridge();
		ServiceInfo info = this.definition.info();
		this.definition.commands()
			.forEach((command) -> bridge.unregisterCommand(MessageAddress.of(info.name(), info.version(), command.name())));
		this.definition.subscriptions()
			.forEach((subscription) -> bridge
				.unregisterSubscription(MessageAddress.of(info.name(), info.version(), subscription.name())));
		this.workers.clear();
		logger.info("Service " + info + " stopped");
	}

	private void startWorkers(ServiceInfo info) {
		if (this.definition.queueWorkers().isEmpty()) {
			return;
		}
		QueueBridge queueBridge = requireQueueBridge();
		queueBridge.start();
		if (!queueBridge.isHealthy()) {
			throw new UnhandledException(503, "queue bridge not healthy", null, null);
		}
		for (QueueWorkerDefinition worker : this.definition.queueWorkers()) {
			QueueWorkerOptions options = QueueWorkerOptions.of(worker.queueName())
				.withMaxParallelHandlers(worker.maxParallelHandlers())
				.withLifecycle(worker.lifecycle());
			QueueWorkerRuntime runtime = new QueueWorkerRuntime(queueBridge, options,
					new QueueWorkerExecutor(this.environment, this.outbound, info, worker));
			runtime.start();
			this.workers.add(runtime);
		}
	}

	private QueueBridge requireQueueBridge() {
		QueueBridge queueBridge = this.environment.queueBridge();
		if (queueBridge == null) {
			QueueWorkerDefinition first = this.definition.queueWorkers().get(0);
			throw new CapabilityMismatchException(describe("queue worker", first.name()), "queueBridge",
					"the environment (no queue bridge is configured)");
		}
		return queueBridge;
	}

	private void checkCapabilities() {
		EventBridge bridge = this.environment.eventBridge();
		EventBridgeCapabilities capabilities = bridge.capabilities();
		for (SubscriptionDefinition subscription : this.definition.subscriptions()) {
			if (subscription.durable() && !capabilities.durableSubscriptions()) {
				throw new CapabilityMismatchException(describe("subscription", subscription.name()),
						"durableSubscriptions", bridge.name());
			}
			if (subscription.deadLetterTarget() != null && !capabilities.nativeDeadLettering()) {
				throw new CapabilityMismatchException(describe("subscription", subscription.name()),
						"nativeDeadLettering", bridge.name());
			}
			if (subscription.maxAttempts() > 1 && !capabilities.subscriptionRetries()) {
				throw new CapabilityMismatchException(describe("subscription", subscription.name()),
						"subscriptionRetries", bridge.name());
			}
		}
		if (this.definition.queueWorkers().isEmpty()) {
			return;
		}
		QueueBridge queueBridge = requireQueueBridge();
		QueueCapabilities queueCapabilities = queueBridge.capabilities();
		for (QueueWorkerDefinition worker : this.definition.queueWorkers()) {
			if (worker.strictIdempotency() && !queueCapabilities.idempotencyEnforcement()) {
				throw new CapabilityMismatchException(describe("queue worker", worker.name()),
						"idempotencyEnforcement", queueBridge.name());
			}
			if (worker.requireDeadLetter() && !queueCapabilities.deadLetterInspectable()) {
				throw new CapabilityMismatchException(describe("queue worker", worker.name()),
						"deadLetterInspectable", queueBridge.name());
			}
		}
	}

	private String describe(String kind, String name) {
		return "Service " + this.definition.info() + " " + kind + " '" + name + "'";
	}

}
