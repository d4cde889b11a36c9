package dev.purista.boot.autoconfigure.endpoint;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.boot.DataPlaneOnlyQueueBridge;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.endpoint.PuristaEndpoint.PuristaDescriptor;
import dev.purista.boot.autoconfigure.endpoint.PuristaEndpoint.ServiceDescriptor;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaEndpointAutoConfigurationTests {

	private final ApplicationContextRunner base = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class, PuristaEndpointAutoConfiguration.class));

	private final ApplicationContextRunner runner = this.base.withUserConfiguration(ServicesConfiguration.class);

	private final ApplicationContextRunner exposed = this.runner
		.withPropertyValues("management.endpoints.web.exposure.include=health,purista");

	@Test
	void endpointIsAbsentUntilExposed() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PuristaEndpoint.class));
		this.exposed.run((context) -> assertThat(context).hasSingleBean(PuristaEndpoint.class)
			.hasSingleBean(ProductionChecklist.class));
	}

	@Test
	void endpointAccessNoneRemovesIt() {
		this.exposed.withPropertyValues("management.endpoint.purista.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PuristaEndpoint.class));
	}

	@Test
	void endpointDescribesServicesWithCommandsSubscriptionsAndQueueWorkers() {
		this.exposed.run((context) -> {
			PuristaDescriptor purista = endpoint(context).purista();
			assertThat(purista.profilePreset()).isEqualTo("local");
			assertThat(purista.services()).extracting(ServiceDescriptor::name).containsExactly("Greeter", "Email");
			ServiceDescriptor greeter = purista.services().get(0);
			assertThat(greeter.started()).isTrue();
			assertThat(greeter.commands()).singleElement().satisfies((command) -> {
				assertThat(command.name()).isEqualTo("greet");
				assertThat(command.http().method()).isEqualTo("POST");
				assertThat(command.http().path()).isEqualTo("greet");
				assertThat(command.successEvent()).isEqualTo("greeted");
			});
			ServiceDescriptor email = purista.services().get(1);
			assertThat(email.subscriptions()).singleElement().satisfies((subscription) -> {
				assertThat(subscription.name()).isEqualTo("auditSignups");
				assertThat(subscription.filter().eventName()).isEqualTo("userSignedUp");
				assertThat(subscription.maxAttempts()).isEqualTo(1);
				assertThat(subscription.retryDelayMs()).isEqualTo(1000);
			});
			assertThat(email.queueWorkers()).singleElement().satisfies((worker) -> {
				assertThat(worker.queue()).isEqualTo("welcome-email");
				assertThat(worker.name()).isEqualTo("send");
				assertThat(worker.maxParallelHandlers()).isEqualTo(2);
				assertThat(worker.maxAttempts()).isEqualTo(10);
				assertThat(worker.strictIdempotency()).isFalse();
			});
			assertThat(purista.queues()).singleElement().satisfies((queue) -> {
				assertThat(queue.queue()).isEqualTo("welcome-email");
				assertThat(queue.workers()).containsExactly("Email.send");
				assertThat(queue.parallelism()).isEqualTo(2);
				assertThat(queue.metrics().pending()).isZero();
			});
			assertThat(endpoint(context).service("Email")).isEqualTo(email);
			assertThat(endpoint(context).service("Email-v1")).isEqualTo(email);
			assertThat(endpoint(context).service("Nobody")).isNull();
		});
	}

	@Test
	void endpointShowsWiredBridgeAndStoreTypesWithCapabilitiesAndInFlightCounts() {
		this.exposed.run((context) -> {
			PuristaDescriptor purista = endpoint(context).purista();
			assertThat(purista.eventBridge().name()).isEqualTo("InMemoryEventBridge");
			assertThat(purista.eventBridge().type()).isEqualTo("in-memory");
			assertThat(purista.eventBridge().ready()).isTrue();
			assertThat(purista.eventBridge().capabilities().durableSubscriptions()).isFalse();
			assertThat(purista.eventBridge().capabilities().transport()).isEqualTo("in-memory");
			assertThat(purista.queueBridge().name()).isEqualTo("InMemoryQueueBridge");
			assertThat(purista.queueBridge().capabilities().idempotencyEnforcement()).isTrue();
			assertThat(purista.stores()).containsOnlyKeys("state", "config", "secret");
			assertThat(purista.stores().get("secret").name()).isEqualTo("InMemorySecretStore");
			assertThat(purista.inFlight().eventBridgeHandlers()).isZero();
			assertThat(purista.inFlight().queueJobs()).isZero();
		});
	}

	@Test
	void endpointSaysWhichOptionalQueueBridgeRolesAreOffered() {
		this.exposed.run((context) -> {
			PuristaDescriptor purista = endpoint(context).purista();
			assertThat(purista.queueBridge().deadLetterAdministration()).isTrue();
			assertThat(purista.queueBridge().inspection()).isTrue();
			assertThat(purista.queues()).singleElement()
				.satisfies((queue) -> assertThat(queue.metricsUnavailable()).isNull());
		});
	}

	@Test
	void queueBridgeWithoutInspectionShowsNoMetricsAndSaysWhy() {
		this.exposed.withBean(QueueBridge.class, DataPlaneOnlyQueueBridge::new).run((context) -> {
			PuristaDescriptor purista = endpoint(context).purista();
			assertThat(purista.queueBridge().name()).isEqualTo("DataPlaneOnlyQueueBridge");
			assertThat(purista.queueBridge().deadLetterAdministration()).isFalse();
			assertThat(purista.queueBridge().inspection()).isFalse();
			assertThat(purista.queues()).singleElement().satisfies((queue) -> {
				assertThat(queue.queue()).isEqualTo("welcome-email");
				assertThat(queue.metrics()).isNull();
				assertThat(queue.metricsUnavailable()).isEqualTo("DataPlaneOnlyQueueBridge offers no queue inspection");
			});
		});
	}

	@Test
	void localDefaultsWarnAboutInMemoryPartsAndPassTheRest() {
		this.exposed.run((context) -> {
			Map<String, ProductionChecklist.Item> items = checklist(context);
			assertThat(items).containsOnlyKeys("durable-event-bridge", "queue-bridge-configured", "graceful-shutdown",
					"health-exposed", "opentelemetry-exporter", "secrets-in-secret-store", "retry-policies",
					"queue-idempotency");
			assertThat(status(items)).containsEntry("durable-event-bridge", "warn")
				.containsEntry("queue-bridge-configured", "warn")
				.containsEntry("graceful-shutdown", "pass")
				.containsEntry("health-exposed", "pass")
				.containsEntry("opentelemetry-exporter", "warn")
				.containsEntry("secrets-in-secret-store", "warn")
				.containsEntry("retry-policies", "warn")
				.containsEntry("queue-idempotency", "warn");
			assertThat(items.get("durable-event-bridge").property()).startsWith("purista.event-bridge.type");
			assertThat(items.get("retry-policies").reason()).contains("subscription Email.auditSignups");
			assertThat(items.get("queue-idempotency").reason()).contains("Email.send (queue welcome-email)");
			assertThat(endpoint(context).purista().checklist().status()).isEqualTo("warn");
		});
	}

	@Test
	void productionProfileTurnsInMemoryBridgeAndSecretsAndHiddenHealthIntoFailures() {
		this.exposed
			.withPropertyValues("spring.profiles.active=production", "purista.production.allow-in-memory=true",
					"management.endpoints.web.exposure.include=purista", "server.shutdown=immediate")
			.run((context) -> {
				Map<String, String> status = status(checklist(context));
				assertThat(status).containsEntry("durable-event-bridge", "fail")
					.containsEntry("secrets-in-secret-store", "fail")
					.containsEntry("health-exposed", "fail")
					.containsEntry("graceful-shutdown", "fail")
					.containsEntry("queue-bridge-configured", "warn");
				assertThat(checklist(context).get("graceful-shutdown").property()).isEqualTo("server.shutdown=graceful");
				assertThat(endpoint(context).purista().checklist().status()).isEqualTo("fail");
			});
	}

	@Test
	void productionLikeSettingsPassTheConfigurableItems() {
		this.base.withPropertyValues("management.endpoints.web.exposure.include=health,purista")
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://user:pw@otel:4318/v1/traces",
					"purista.subscriptions.audit-signups.max-attempts=3",
					"management.endpoint.health.group.readiness.include=readinessState,purista",
					"spring.lifecycle.timeout-per-shutdown-phase=45s")
			.withBean(ObservationRegistry.class, PuristaEndpointAutoConfigurationTests::observing)
			.withUserConfiguration(StrictWorkerConfiguration.class)
			.run((context) -> {
				Map<String, ProductionChecklist.Item> items = checklist(context);
				assertThat(status(items)).containsEntry("opentelemetry-exporter", "pass")
					.containsEntry("retry-policies", "pass")
					.containsEntry("health-exposed", "pass")
					.containsEntry("graceful-shutdown", "pass")
					.containsEntry("queue-idempotency", "pass");
				assertThat(items.values()).allSatisfy((item) -> assertThat(item.reason() + item.property())
					.doesNotContain("user:pw").doesNotContain("otel:4318"));
			});
	}

	@Test
	void otlpEndpointFromTheEnvironmentVariableCounts() {
		this.exposed.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://otel:4318")
			.withBean(ObservationRegistry.class, PuristaEndpointAutoConfigurationTests::observing)
			.run((context) -> assertThat(status(checklist(context))).containsEntry("opentelemetry-exporter", "pass"));
	}

	@Test
	void shutdownPhaseShorterThanTheCommandTimeoutIsAWarning() {
		this.exposed.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s").run((context) -> {
			ProductionChecklist.Item item = checklist(context).get("graceful-shutdown");
			assertThat(item.status()).isEqualTo("warn");
			assertThat(item.reason()).contains("5000 ms").contains("30000 ms");
			assertThat(item.property()).isEqualTo("spring.lifecycle.timeout-per-shutdown-phase");
		});
	}

	@Test
	void readinessGroupWithoutPuristaIsAWarning() {
		this.exposed.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState")
			.run((context) -> assertThat(status(checklist(context))).containsEntry("health-exposed", "warn"));
	}

	@Test
	void observationRegistryWithoutHandlersIsAWarning() {
		this.exposed.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://otel:4318")
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(checklist(context).get("opentelemetry-exporter").reason())
				.contains("not recorded"));
	}

	@Test
	void withoutSubscriptionsOrQueueWorkersRetryPoliciesAndIdempotencyDoNotApplyAndSayWhy() {
		this.base.withPropertyValues("management.endpoints.web.exposure.include=health,purista")
			.withUserConfiguration(CommandsOnlyConfiguration.class)
			.run((context) -> {
				Map<String, ProductionChecklist.Item> items = checklist(context);
				assertThat(status(items)).containsEntry("retry-policies", "not-applicable")
					.containsEntry("queue-idempotency", "not-applicable");
				assertThat(items.get("retry-policies").reason()).isEqualTo("no subscriptions or queue workers run here");
				assertThat(items.get("queue-idempotency").reason()).isEqualTo("no queue workers run here");
			});
	}

	@Test
	void applicationThatReadsNoSecretsGetsNoSecretStoreVerdictEvenInProduction() {
		this.exposed
			.withPropertyValues("spring.profiles.active=production", "purista.production.allow-in-memory=true",
					"purista.secret-store.type=in-memory", "purista.production.reads-secrets=false")
			.run((context) -> {
				ProductionChecklist.Item item = checklist(context).get("secrets-in-secret-store");
				assertThat(item.status()).isEqualTo("not-applicable");
				assertThat(item.reason()).contains("purista.production.reads-secrets=false")
					.contains("InMemorySecretStore");
			});
	}

	@Test
	void secretsSeededFromPropertiesAreAWarningLocallyAndAFailureInProduction() {
		this.exposed.withPropertyValues("purista.secret-store.in-memory.secrets.smtpPassword=seeded-value-1")
			.run((context) -> {
				ProductionChecklist.Item item = checklist(context).get("secrets-in-secret-store");
				assertThat(item.status()).isEqualTo("warn");
				assertThat(item.reason()).contains("1 secret(s) from configuration properties")
					.contains("purista.secret-store.in-memory.secrets")
					.doesNotContain("seeded-value-1")
					.doesNotContain("smtpPassword");
				assertThat(item.property()).isEqualTo("purista.secret-store.type (e.g. aws)");
			});
		this.exposed
			.withPropertyValues("spring.profiles.active=production", "purista.production.allow-in-memory=true",
					"purista.secret-store.in-memory.secrets.smtpPassword=seeded-value-1")
			.run((context) -> assertThat(checklist(context).get("secrets-in-secret-store").status())
				.isEqualTo("fail"));
	}

	@Test
	void seededSecretsContradictReadsSecretsFalseAndAreStillJudged() {
		this.exposed
			.withPropertyValues("spring.profiles.active=production", "purista.production.allow-in-memory=true",
					"purista.production.reads-secrets=false",
					"purista.secret-store.in-memory.secrets.smtpPassword=seeded-value-1")
			.run((context) -> {
				ProductionChecklist.Item item = checklist(context).get("secrets-in-secret-store");
				assertThat(item.status()).isEqualTo("fail");
				assertThat(item.reason()).contains("from configuration properties");
			});
	}

	@Test
	void lenientWorkerOnAnEnforcingQueueBridgeIsWarnedForWhatTheChecklistCannotSee() {
		this.exposed.run((context) -> {
			ProductionChecklist.Item item = checklist(context).get("queue-idempotency");
			assertThat(item.status()).isEqualTo("warn");
			assertThat(item.reason()).startsWith("InMemoryQueueBridge deduplicates jobs by idempotency key")
				.contains("cannot be seen here")
				.doesNotContain("run twice for");
		});
	}

	private static ObservationRegistry observing() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		return registry;
	}

	private static PuristaEndpoint endpoint(ApplicationContext context) {
		return context.getBean(PuristaEndpoint.class);
	}

	private static Map<String, ProductionChecklist.Item> checklist(ApplicationContext context) {
		List<ProductionChecklist.Item> items = context.getBean(ProductionChecklist.class).evaluate();
		return items.stream().collect(Collectors.toMap(ProductionChecklist.Item::item, Function.identity()));
	}

	private static Map<String, String> status(Map<String, ProductionChecklist.Item> items) {
		return items.values()
			.stream()
			.collect(Collectors.toMap(ProductionChecklist.Item::item, ProductionChecklist.Item::status));
	}

	@Configuration(proxyBeanMethods = false)
	static class ServicesConfiguration {

		@Bean
		ServiceDefinition greeter() {
			return ServiceBuilder.service("Greeter", "1")
				.command("greet")
				.http("POST", "greet")
				.successEvent("greeted")
				.handler((p, q, c) -> "hi")
				.build();
		}

		@Bean
		ServiceDefinition email() {
			return ServiceBuilder.service("Email", "1")
				.subscription("auditSignups")
				.event("userSignedUp")
				.handler((p, c) -> null)
				.queueWorker("welcome-email", "send")
				.maxParallelHandlers(2)
				.handler((p, q, c) -> null)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CommandsOnlyConfiguration {

		@Bean
		ServiceDefinition greeter() {
			return ServiceBuilder.service("Greeter", "1").command("greet").handler((p, q, c) -> "hi").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StrictWorkerConfiguration {

		@Bean
		ServiceDefinition strictEmail() {
			return ServiceBuilder.service("Email", "1")
				.subscription("auditSignups")
				.event("userSignedUp")
				.handler((p, c) -> null)
				.queueWorker("welcome-email", "send")
				.strictIdempotency()
				.handler((p, q, c) -> null)
				.build();
		}

	}

}
