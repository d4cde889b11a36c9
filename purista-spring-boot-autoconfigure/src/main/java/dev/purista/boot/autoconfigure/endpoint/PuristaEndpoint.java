package dev.purista.boot.autoconfigure.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.core.env.Environment;

import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.bridge.OutboundStatus;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.service.CommandDefinition;
import dev.purista.core.service.QueueWorkerDefinition;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;
import dev.purista.core.service.SubscriptionDefinition;

/**
 * The {@code purista} actuator endpoint ({@code /actuator/purista}): the running services with their
 * commands, subscriptions and queue workers; the queues with their metrics (read through the queue bridge's
 * inspection, or why there are none); the wired bridge and store types with their capabilities and the
 * optional queue bridge roles they offer; in-flight counts; and the {@link ProductionChecklist} evaluated against the
 * running configuration. {@code /actuator/purista/{service}} shows one service. No payload, configuration
 * value or secret value is ever part of the answer.
 * <p>
 * Like Boot's health endpoint, the details are shown according to a {@link Show} setting
 * ({@code management.endpoint.purista.show-details}, default {@link Show#WHEN_AUTHORIZED}) and roles
 * ({@code management.endpoint.purista.roles}), checked against the caller's {@link SecurityContext}. A caller
 * not shown details gets a {@link PuristaSummaryDescriptor} (readiness, health and counts, no names, topology
 * or queue depths), and {@code /actuator/purista/{service}} answers 404. Operations called without a
 * principal (JMX, or HTTP without Spring Security) are not authorized.
 */
@Endpoint(id = "purista")
public class PuristaEndpoint {

	private final PuristaServices services;

	private final PuristaProperties properties;

	private final ProductionChecklist checklist;

	private final Environment environment;

	private final Show showDetails;

	private final Set<String> roles;

	/**
	 * Create the endpoint.
	 * @param services the running services and their environment
	 * @param properties PURISTA's properties
	 * @param checklist the production checklist
	 * @param environment the Spring environment (for the applied profile preset)
	 * @param showDetails when to show details
	 * @param roles the roles a caller needs to be shown details when {@link Show#WHEN_AUTHORIZED} (empty:
	 * every authenticated caller)
	 */
	public PuristaEndpoint(PuristaServices services, PuristaProperties properties, ProductionChecklist checklist,
			Environment environment, Show showDetails, Collection<String> roles) {
		this.services = services;
		this.properties = properties;
		this.checklist = checklist;
		this.environment = environment;
		this.showDetails = showDetails;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Describe PURISTA to a caller: in full when details are shown to it, otherwise as a summary.
	 * @param securityContext the caller's security context
	 * @return a {@link PuristaDescriptor} or a {@link PuristaSummaryDescriptor}
	 */
	@ReadOperation
	public PuristaReport read(SecurityContext securityContext) {
		return this.showDetails.isShown(securityContext, this.roles) ? purista() : summary();
	}

	/**
	 * Describe one running service to a caller shown details.
	 * @param securityContext the caller's security context
	 * @param name the service name, or {@code <name>-v<version>} to pick one version
	 * @return the service, or {@code null} (404) when none runs under that name or details are not shown
	 */
	@ReadOperation
	public @Nullable ServiceDescriptor readService(SecurityContext securityContext, @Selector String name) {
		return this.showDetails.isShown(securityContext, this.roles) ? service(name) : null;
	}

	/**
	 * Summarize PURISTA as it runs now, without names, topology or queue depths.
	 * @return the summary
	 */
	public PuristaSummaryDescriptor summary() {
		ServiceEnvironment environment = this.services.environment();
		List<ServiceRuntime> runtimes = this.services.runtimes();
		EventBridge eventBridge = environment.eventBridge();
		QueueBridge queueBridge = environment.queueBridge();
		boolean ready = eventBridge.isReady() && (queueBridge == null || queueBridge.isReady())
				&& runtimes.stream().allMatch(ServiceRuntime::isStarted);
		boolean healthy = eventBridge.isHealthy() && (queueBridge == null || queueBridge.isHealthy());
		return new PuristaSummaryDescriptor(ready, healthy, runtimes.size(), worst(this.checklist.evaluate()));
	}

	/**
	 * Describe PURISTA as it runs now, in full, whatever {@code show-details} says (for code of the
	 * application; over HTTP and JMX see {@link #read(SecurityContext)}).
	 * @return the description
	 */
	public PuristaDescriptor purista() {
		ServiceEnvironment environment = this.services.environment();
		List<ServiceRuntime> runtimes = this.services.runtimes();
		EventBridge eventBridge = environment.eventBridge();
		QueueBridge queueBridge = environment.queueBridge();
		Map<String, StoreDescriptor> stores = new LinkedHashMap<>();
		stores.put("state", new StoreDescriptor(environment.stateStore().name(), this.properties.getStateStore().getType()));
		stores.put("config",
				new StoreDescriptor(environment.configStore().name(), this.properties.getConfigStore().getType()));
		stores.put("secret",
				new StoreDescriptor(environment.secretStore().name(), this.properties.getSecretStore().getType()));
		int queueJobs = runtimes.stream().mapToInt(ServiceRuntime::queueJobsInFlight).sum();
		List<ProductionChecklist.Item> items = this.checklist.evaluate();
		return new PuristaDescriptor(this.environment.getProperty("purista.profile-preset", "local"),
				new EventBridgeDescriptor(eventBridge.name(), this.properties.getEventBridge().getType(),
						eventBridge.instanceId(), eventBridge.isReady(), eventBridge.isHealthy(),
						eventBridge.capabilities(), eventBridge.outboundStatus().orElse(null)),
				(queueBridge != null) ? new QueueBridgeDescriptor(queueBridge.name(),
						this.properties.getQueueBridge().getType(), queueBridge.instanceId(), queueBridge.isReady(),
						queueBridge.isHealthy(), queueBridge.capabilities(),
						queueBridge.deadLetterAdministration().isPresent(), queueBridge.inspection().isPresent())
						: null,
				stores, new InFlightDescriptor(eventBridge.inFlightCount(), queueJobs),
				runtimes.stream().map(PuristaEndpoint::describe).toList(), queues(queueBridge, runtimes),
				new ChecklistDescriptor(worst(items), items));
	}

	/**
	 * Describe one running service, whatever {@code show-details} says (for code of the application; over
	 * HTTP and JMX see {@link #readService(SecurityContext, String)}).
	 * @param name the service name, or {@code <name>-v<version>} to pick one version
	 * @return the service, or {@code null} when none runs under that name
	 */
	public @Nullable ServiceDescriptor service(String name) {
		return this.services.runtimes()
			.stream()
			.filter((runtime) -> name.equals(runtime.definition().info().name())
					|| name.equals(runtime.definition().info().name() + "-v" + runtime.definition().info().version()))
			.findFirst()
			.map(PuristaEndpoint::describe)
			.orElse(null);
	}

	private static ServiceDescriptor describe(ServiceRuntime runtime) {
		ServiceDefinition definition = runtime.definition();
		return new ServiceDescriptor(definition.info().name(), definition.info().version(),
				definition.info().description(), runtime.isStarted(), runtime.queueJobsInFlight(),
				definition.commands().stream().map(PuristaEndpoint::describe).toList(),
				definition.subscriptions().stream().map(PuristaEndpoint::describe).toList(),
				definition.queueWorkers().stream().map(PuristaEndpoint::describe).toList());
	}

	private static CommandDescriptor describe(CommandDefinition command) {
		HttpDescriptor http = (command.http() != null)
				? new HttpDescriptor(command.http().method(), command.http().path()) : null;
		return new CommandDescriptor(command.name(), command.description(), command.successEventName(),
				command.emittedEvents(), http, command.deprecated());
	}

	private static SubscriptionDescriptor describe(SubscriptionDefinition subscription) {
		return new SubscriptionDescriptor(subscription.name(), subscription.description(), subscription.filter(),
				subscription.everyInstance(), subscription.durable(), subscription.maxAttempts(),
				subscription.retryDelay().toMillis(), subscription.deadLetterTarget(), subscription.outputEventName());
	}

	private static QueueWorkerDescriptor describe(QueueWorkerDefinition worker) {
		return new QueueWorkerDescriptor(worker.queueName(), worker.name(), worker.maxParallelHandlers(),
				worker.lifecycle().maxAttempts(), worker.lifecycle().visibilityTimeout().toMillis(),
				worker.strictIdempotency(), worker.requireDeadLetter());
	}

	private static List<QueueDescriptor> queues(@Nullable QueueBridge bridge, List<ServiceRuntime> runtimes) {
		Map<String, List<String>> workers = new LinkedHashMap<>();
		Map<String, Integer> parallelism = new LinkedHashMap<>();
		for (ServiceRuntime runtime : runtimes) {
			for (QueueWorkerDefinition worker : runtime.definition().queueWorkers()) {
				workers.computeIfAbsent(worker.queueName(), (queue) -> new ArrayList<>())
					.add(runtime.definition().info().name() + "." + worker.name());
				parallelism.merge(worker.queueName(), worker.maxParallelHandlers(), Integer::sum);
			}
		}
		QueueInspection inspection = (bridge != null) ? bridge.inspection().orElse(null) : null;
		List<QueueDescriptor> queues = new ArrayList<>();
		workers.forEach((queue, names) -> {
			QueueMetrics metrics = null;
			String unavailable = null;
			if (bridge == null) {
				unavailable = "no queue bridge is configured";
			}
			else if (inspection == null) {
				unavailable = bridge.name() + " offers no queue inspection";
			}
			else {
				try {
					metrics = inspection.metrics(queue);
				}
				catch (RuntimeException ex) {
					unavailable = "could not be read from " + bridge.name() + ": " + ex.getClass().getName();
				}
			}
			queues.add(new QueueDescriptor(queue, names, parallelism.get(queue), metrics, unavailable));
		});
		return queues;
	}

	private static String worst(List<ProductionChecklist.Item> items) {
		List<String> statuses = items.stream().map(ProductionChecklist.Item::status).toList();
		if (statuses.contains(ProductionChecklist.Item.FAIL)) {
			return ProductionChecklist.Item.FAIL;
		}
		return statuses.contains(ProductionChecklist.Item.WARN) ? ProductionChecklist.Item.WARN
				: ProductionChecklist.Item.PASS;
	}

	/**
	 * What {@link #read(SecurityContext)} answers: the full description or the summary.
	 */
	public sealed interface PuristaReport permits PuristaDescriptor, PuristaSummaryDescriptor {

	}

	/**
	 * What the endpoint shows a caller not shown details.
	 *
	 * @param ready whether the bridges are started and every service runs
	 * @param healthy whether the bridges can work
	 * @param services how many services run
	 * @param checklist the worst status of the production checklist ({@code pass}, {@code warn} or
	 * {@code fail})
	 */
	public record PuristaSummaryDescriptor(boolean ready, boolean healthy, int services,
			String checklist) implements PuristaReport {

	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param profilePreset the profile whose bridge and store preset applies ({@code local} without profile)
	 * @param eventBridge the event bridge
	 * @param queueBridge the queue bridge, or {@code null}
	 * @param stores the stores by kind ({@code state}, {@code config}, {@code secret})
	 * @param inFlight work in flight now
	 * @param services the running services
	 * @param queues the queues consumed by running workers
	 * @param checklist the production checklist
	 */
	public record PuristaDescriptor(String profilePreset, EventBridgeDescriptor eventBridge,
			@Nullable QueueBridgeDescriptor queueBridge, Map<String, StoreDescriptor> stores,
			InFlightDescriptor inFlight, List<ServiceDescriptor> services, List<QueueDescriptor> queues,
			ChecklistDescriptor checklist) implements PuristaReport {

	}

	/**
	 * The wired event bridge.
	 *
	 * @param name the implementation name
	 * @param type the configured type
	 * @param instanceId the instance id
	 * @param ready whether it is started
	 * @param healthy whether it can work
	 * @param capabilities what it supports
	 * @param outbound its outbound buffer (what waits for a reconnect), or {@code null} for a bridge without one
	 */
	public record EventBridgeDescriptor(String name, String type, String instanceId, boolean ready, boolean healthy,
			EventBridgeCapabilities capabilities, @Nullable OutboundStatus outbound) {

	}

	/**
	 * The wired queue bridge.
	 *
	 * @param name the implementation name
	 * @param type the configured type
	 * @param instanceId the instance id
	 * @param ready whether it is started
	 * @param healthy whether it can work
	 * @param capabilities what it supports
	 * @param deadLetterAdministration whether it offers dead-letter administration (peek, redrive, purge)
	 * @param inspection whether it offers inspection (queue metrics, active leases)
	 */
	public record QueueBridgeDescriptor(String name, String type, String instanceId, boolean ready, boolean healthy,
			QueueCapabilities capabilities, boolean deadLetterAdministration, boolean inspection) {

	}

	/**
	 * A wired store.
	 *
	 * @param name the implementation name
	 * @param type the configured type
	 */
	public record StoreDescriptor(String name, String type) {

	}

	/**
	 * Work in flight.
	 *
	 * @param eventBridgeHandlers command and subscription handlers running on the event bridge
	 * @param queueJobs queue jobs being processed by this application's workers
	 */
	public record InFlightDescriptor(int eventBridgeHandlers, int queueJobs) {

	}

	/**
	 * A running service.
	 *
	 * @param name the name
	 * @param version the version
	 * @param description the description
	 * @param started whether it is started
	 * @param queueJobsInFlight queue jobs being processed
	 * @param commands the commands
	 * @param subscriptions the subscriptions
	 * @param queueWorkers the queue workers
	 */
	public record ServiceDescriptor(String name, String version, String description, boolean started,
			int queueJobsInFlight, List<CommandDescriptor> commands, List<SubscriptionDescriptor> subscriptions,
			List<QueueWorkerDescriptor> queueWorkers) {

	}

	/**
	 * A command.
	 *
	 * @param name the name
	 * @param description the description
	 * @param successEvent the success event, or {@code null}
	 * @param emits the events it may emit
	 * @param http its HTTP exposure, or {@code null}
	 * @param deprecated whether it is deprecated
	 */
	public record CommandDescriptor(String name, String description, @Nullable String successEvent,
			List<String> emits, @Nullable HttpDescriptor http, boolean deprecated) {

	}

	/**
	 * HTTP exposure of a command.
	 *
	 * @param method the method
	 * @param path the path below {@code /api/v<version>/}
	 */
	public record HttpDescriptor(String method, String path) {

	}

	/**
	 * A subscription.
	 *
	 * @param name the name
	 * @param description the description
	 * @param filter which messages it receives (unset fields match anything)
	 * @param everyInstance whether every instance receives every message
	 * @param durable whether messages are kept while no instance is connected
	 * @param maxAttempts deliveries before a failing message is dead-lettered
	 * @param retryDelayMs delay between deliveries in milliseconds
	 * @param deadLetterTarget where dead letters go, or {@code null}
	 * @param outputEvent the event a returned value is emitted as, or {@code null}
	 */
	public record SubscriptionDescriptor(String name, String description, SubscriptionFilter filter,
			boolean everyInstance, boolean durable, int maxAttempts, long retryDelayMs,
			@Nullable String deadLetterTarget, @Nullable String outputEvent) {

	}

	/**
	 * A queue worker.
	 *
	 * @param queue the queue
	 * @param name the worker name
	 * @param maxParallelHandlers jobs run at once
	 * @param maxAttempts attempts before a job is dead-lettered
	 * @param visibilityTimeoutMs lease length in milliseconds
	 * @param strictIdempotency whether the queue bridge must enforce idempotency keys
	 * @param requireDeadLetter whether the queue bridge must keep inspectable dead letters
	 */
	public record QueueWorkerDescriptor(String queue, String name, int maxParallelHandlers, int maxAttempts,
			long visibilityTimeoutMs, boolean strictIdempotency, boolean requireDeadLetter) {

	}

	/**
	 * A queue consumed by running workers.
	 *
	 * @param queue the queue
	 * @param workers the workers ({@code Service.worker})
	 * @param parallelism the workers' total {@code maxParallelHandlers}
	 * @param metrics the queue's metrics, or {@code null} when they cannot be read
	 * @param metricsUnavailable why there are no metrics (no queue bridge, no inspection, read failed), or
	 * {@code null} when there are
	 */
	public record QueueDescriptor(String queue, List<String> workers, int parallelism,
			@Nullable QueueMetrics metrics, @Nullable String metricsUnavailable) {

	}

	/**
	 * The production checklist.
	 *
	 * @param status the worst item status
	 * @param items the items
	 */
	public record ChecklistDescriptor(String status, List<ProductionChecklist.Item> items) {

	}

}
