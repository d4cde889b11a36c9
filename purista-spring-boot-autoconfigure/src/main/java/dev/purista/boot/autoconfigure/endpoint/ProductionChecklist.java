package dev.purista.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.service.QueueWorkerDefinition;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.SubscriptionDefinition;

/**
 * PURISTA's production checklist evaluated against the running configuration: the wired bridges and stores,
 * the running services and the Spring {@link Environment}. Each item is {@code pass}, {@code warn},
 * {@code fail} or {@code not-applicable} with the reason and the property (or code setting) to change. Items
 * that make a production deployment lose data or hide failures are {@code fail} when the {@code production}
 * profile is active and {@code warn} otherwise. An item is {@code not-applicable} only when what it judges is
 * absent from this application: retry policies and queue idempotency where no subscription or queue worker
 * runs, the secret store where {@code purista.production.reads-secrets=false} states that no service reads
 * secrets and none is seeded from {@code purista.secret-store.in-memory.secrets}. Property values are never
 * quoted, so endpoints or credentials stay out of the report.
 */
public class ProductionChecklist {

	private static final String OTEL_TRACER = "io.micrometer.tracing.otel.bridge.OtelTracer";

	private final PuristaServices services;

	private final PuristaProperties properties;

	private final Environment environment;

	/**
	 * Create the checklist.
	 * @param services the running services and their environment
	 * @param properties PURISTA's properties
	 * @param environment the Spring environment
	 */
	public ProductionChecklist(PuristaServices services, PuristaProperties properties, Environment environment) {
		this.services = services;
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * Evaluate every item now.
	 * @return the items in the checklist's order
	 */
	public List<Item> evaluate() {
		boolean production = this.environment.acceptsProfiles(Profiles.of("production"));
		ServiceEnvironment env = this.services.environment();
		List<ServiceDefinition> definitions = this.services.definitions();
		return List.of(durableEventBridge(env.eventBridge(), production), queueBridge(env.queueBridge(), definitions),
				gracefulShutdown(env.eventBridge(), production), healthExposed(production),
				openTelemetry(env), secrets(env, production), retryPolicies(definitions),
				idempotency(env.queueBridge(), definitions));
	}

	private Item durableEventBridge(EventBridge bridge, boolean production) {
		String item = "durable-event-bridge";
		String property = "purista.event-bridge.type";
		EventBridgeCapabilities capabilities = bridge.capabilities();
		if (isInMemory(bridge.name()) || "in-memory".equals(capabilities.transport())) {
			return Item.severe(production, item, bridge.name()
					+ " keeps messages inside this process: they are lost on restart and never reach other instances",
					property + " (e.g. amqp)");
		}
		if (capabilities.durableCommands() && capabilities.durableSubscriptions()) {
			return Item.pass(item, bridge.name() + " keeps commands and subscription messages while no instance is connected",
					property);
		}
		List<String> missing = new ArrayList<>();
		if (!capabilities.durableCommands()) {
			missing.add("durableCommands");
		}
		if (!capabilities.durableSubscriptions()) {
			missing.add("durableSubscriptions");
		}
		return Item.warn(item, bridge.name() + " lacks " + String.join(" and ", missing)
				+ ": messages sent while no instance is connected are lost", property + " (e.g. amqp)");
	}

	private Item queueBridge(@Nullable QueueBridge bridge, List<ServiceDefinition> definitions) {
		String item = "queue-bridge-configured";
		String property = "purista.queue-bridge.type";
		long workers = definitions.stream().mapToLong((definition) -> definition.queueWorkers().size()).sum();
		if (bridge == null) {
			return Item.warn(item, "no queue bridge is configured", property + " (e.g. redis)");
		}
		if (isInMemory(bridge.name())) {
			return Item.warn(item, bridge.name() + " serves " + workers
					+ " queue worker(s): jobs are lost on restart and not shared between instances",
					property + " (e.g. redis)");
		}
		return Item.pass(item, bridge.name() + " serves " + workers + " queue worker(s)", property);
	}

	private Item gracefulShutdown(EventBridge bridge, boolean production) {
		String item = "graceful-shutdown";
		String shutdown = this.environment.getProperty("server.shutdown", "graceful");
		if ("immediate".equalsIgnoreCase(shutdown.trim())) {
			return Item.severe(production, item,
					"server.shutdown is immediate: HTTP requests in flight are cut off when the application stops",
					"server.shutdown=graceful");
		}
		Duration timeout = Binder.get(this.environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(Duration.ofSeconds(30));
		Duration commandTimeout = bridge.defaultCommandTimeout();
		if (timeout.compareTo(commandTimeout) < 0) {
			return Item.warn(item,
					"shutdown waits " + timeout.toMillis() + " ms per phase but commands may run for "
							+ commandTimeout.toMillis() + " ms: work in flight at shutdown can be cut off",
					"spring.lifecycle.timeout-per-shutdown-phase");
		}
		return Item.pass(item, "graceful shutdown drains in-flight work for up to " + timeout.toMillis()
				+ " ms per phase", "spring.lifecycle.timeout-per-shutdown-phase");
	}

	private Item healthExposed(boolean production) {
		String item = "health-exposed";
		List<String> include = list("management.endpoints.web.exposure.include", "health");
		List<String> exclude = list("management.endpoints.web.exposure.exclude", "");
		boolean exposed = (include.contains("health") || include.contains("*")) && !exclude.contains("health")
				&& !"none".equalsIgnoreCase(this.environment.getProperty("management.endpoint.health.access", ""));
		if (!exposed) {
			return Item.severe(production, item,
					"the health endpoint is not exposed over HTTP: probes cannot see PURISTA's health",
					"management.endpoints.web.exposure.include (add health)");
		}
		boolean defaults = this.environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		if (!this.environment.getProperty("management.health.purista.enabled", Boolean.class, defaults)) {
			return Item.warn(item, "the purista health contributor is disabled", "management.health.purista.enabled");
		}
		String readiness = this.environment.getProperty("management.endpoint.health.group.readiness.include");
		if (readiness != null && !list(readiness).contains("purista")) {
			return Item.warn(item, "the readiness group does not include purista: traffic arrives before bridges work",
					"management.endpoint.health.group.readiness.include (e.g. readinessState,purista)");
		}
		return Item.pass(item, "/actuator/health/purista is exposed and part of the readiness group",
				"management.endpoints.web.exposure.include");
	}

	private Item openTelemetry(ServiceEnvironment env) {
		String item = "opentelemetry-exporter";
		String property = "management.opentelemetry.tracing.export.otlp.endpoint";
		if (env.observationRegistry().isNoop()) {
			return Item.warn(item, "no ObservationRegistry with handlers: PURISTA observations are not recorded",
					property + " (with spring-boot-starter-opentelemetry)");
		}
		if (!ClassUtils.isPresent(OTEL_TRACER, getClass().getClassLoader())) {
			return Item.warn(item, "micrometer-tracing-bridge-otel is missing: observations do not become spans",
					property + " (with spring-boot-starter-opentelemetry)");
		}
		boolean exportEnabled = this.environment.getProperty("management.tracing.export.enabled", Boolean.class, true)
				&& this.environment.getProperty("management.tracing.export.otlp.enabled", Boolean.class, true);
		if (!exportEnabled) {
			return Item.warn(item, "span export is switched off", "management.tracing.export.enabled");
		}
		boolean mapped = this.environment.getProperty("management.opentelemetry.map-environment-variables",
				Boolean.class, true)
				&& (StringUtils.hasText(this.environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
						|| StringUtils.hasText(this.environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT")));
		if (!StringUtils.hasText(this.environment.getProperty(property)) && !mapped) {
			return Item.warn(item, "no OTLP endpoint is configured: spans are not exported", property);
		}
		return Item.pass(item, "spans are exported over OTLP", property);
	}

	private Item secrets(ServiceEnvironment env, boolean production) {
		String item = "secrets-in-secret-store";
		String property = "purista.secret-store.type";
		String name = env.secretStore().name();
		int seeded = this.properties.getSecretStore().getInMemory().getSecrets().size();
		if (isInMemory(name) && seeded > 0) {
			return Item.severe(production, item, name + " holds " + seeded
					+ " secret(s) from configuration properties (purista.secret-store.in-memory.secrets), "
					+ "unencrypted in this process, not from a secret store", property + " (e.g. aws)");
		}
		if (isInMemory(name) && !this.properties.getProduction().isReadsSecrets()) {
			return Item.notApplicable(item, "purista.production.reads-secrets=false states that no service reads "
					+ "secrets, so where they would come from (" + name + ") does not matter", property);
		}
		if (isInMemory(name)) {
			return Item.severe(production, item,
					name + " holds secrets in this process: they come from configuration, not a secret store",
					property + " (e.g. aws)");
		}
		return Item.pass(item, "secrets come from " + name, property);
	}

	private Item retryPolicies(List<ServiceDefinition> definitions) {
		String item = "retry-policies";
		List<String> missing = new ArrayList<>();
		int subscriptions = 0;
		int workers = 0;
		for (ServiceDefinition definition : definitions) {
			String service = definition.info().name();
			for (SubscriptionDefinition subscription : definition.subscriptions()) {
				subscriptions++;
				if (subscription.maxAttempts() <= 1
						&& this.properties.findSubscription(service, subscription.name()) == null) {
					missing.add("subscription " + service + "." + subscription.name());
				}
			}
			for (QueueWorkerDefinition worker : definition.queueWorkers()) {
				workers++;
				if (worker.lifecycle().maxAttempts() <= 1
						&& this.properties.findQueue(service, worker.queueName()) == null) {
					missing.add("queue " + worker.queueName());
				}
			}
		}
		if (subscriptions + workers == 0) {
			return Item.notApplicable(item, "no subscriptions or queue workers run here",
					"purista.subscriptions.<name>.max-attempts / purista.queues.<queue>.max-attempts");
		}
		if (!missing.isEmpty()) {
			return Item.warn(item, "no retries for " + String.join(", ", missing)
					+ ": a single failure dead-letters the message",
					"purista.subscriptions.<name>.max-attempts / purista.queues.<queue>.max-attempts");
		}
		return Item.pass(item, subscriptions + " subscription(s) and " + workers + " queue worker(s) have retry policies",
				"purista.subscriptions.<name>.max-attempts / purista.queues.<queue>.max-attempts");
	}

	private Item idempotency(@Nullable QueueBridge bridge, List<ServiceDefinition> definitions) {
		String item = "queue-idempotency";
		String setting = "strictIdempotency of the queue worker (@QueueWorker(strictIdempotency = true))";
		List<String> lenient = new ArrayList<>();
		List<String> unenforced = new ArrayList<>();
		int workers = 0;
		for (ServiceDefinition definition : definitions) {
			for (QueueWorkerDefinition worker : definition.queueWorkers()) {
				workers++;
				String name = definition.info().name() + "." + worker.name() + " (queue " + worker.queueName() + ")";
				if (!worker.strictIdempotency()) {
					lenient.add(name);
				}
				else if (bridge == null || !bridge.capabilities().idempotencyEnforcement()) {
					unenforced.add(name);
				}
			}
		}
		if (!unenforced.isEmpty()) {
			return Item.fail(item, "the queue bridge does not enforce idempotency keys for " + String.join(", ", unenforced),
					"purista.queue-bridge.type (e.g. redis)");
		}
		if (workers == 0) {
			return Item.notApplicable(item, "no queue workers run here", setting);
		}
		if (!lenient.isEmpty()) {
			String enforcing = (bridge != null && bridge.capabilities().idempotencyEnforcement())
					? bridge.name() + " deduplicates jobs by idempotency key, but " : "";
			return Item.warn(item, enforcing + "whether the jobs of " + String.join(", ", lenient)
					+ " carry idempotency keys cannot be seen here and no strict idempotency is declared for them: "
					+ "a job enqueued twice without a key, or on a queue bridge that ignores keys, runs twice", setting);
		}
		return Item.pass(item,
				workers + " queue worker(s) declare strict idempotency and the queue bridge enforces their keys",
				setting);
	}

	private List<String> list(String property, String defaultValue) {
		return list(this.environment.getProperty(property, defaultValue));
	}

	private static List<String> list(String value) {
		return Arrays.stream(StringUtils.commaDelimitedListToStringArray(value))
			.map(String::trim)
			.filter(StringUtils::hasText)
			.toList();
	}

	private static boolean isInMemory(String name) {
		return name.startsWith("InMemory");
	}

	/**
	 * The outcome of one checklist item.
	 *
	 * @param item the item id, e.g. {@code durable-event-bridge}
	 * @param status {@code pass}, {@code warn}, {@code fail} or {@code not-applicable}
	 * @param reason why
	 * @param property the property or code setting to change
	 */
	public record Item(String item, String status, String reason, String property) {

		/** Status of an item that is fine. */
		public static final String PASS = "pass";

		/** Status of an item worth changing before production. */
		public static final String WARN = "warn";

		/** Status of an item that must be changed for production. */
		public static final String FAIL = "fail";

		/**
		 * Status of an item whose subject is absent from this application (e.g. retry policies where no
		 * subscription or queue worker runs); the reason says why.
		 */
		public static final String NOT_APPLICABLE = "not-applicable";

		static Item pass(String item, String reason, String property) {
			return new Item(item, PASS, reason, property);
		}

		static Item warn(String item, String reason, String property) {
			return new Item(item, WARN, reason, property);
		}

		static Item fail(String item, String reason, String property) {
			return new Item(item, FAIL, reason, property);
		}

		static Item notApplicable(String item, String reason, String property) {
			return new Item(item, NOT_APPLICABLE, reason, property);
		}

		static Item severe(boolean production, String item, String reason, String property) {
			return new Item(item, production ? FAIL : WARN, reason, property);
		}

	}

}
