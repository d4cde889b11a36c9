package dev.purista.boot.autoconfigure.endpoint;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemorySecretStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator over HTTP, as an application sees it: {@code /actuator/health/purista},
 * {@code /actuator/health/readiness}, {@code /actuator/purista} and PURISTA's queue gauges in
 * {@code /actuator/metrics}, with every Boot auto-configuration and our profile presets active.
 */
@SpringBootTest(classes = PuristaActuatorWebTests.Application.class,
		properties = { "management.endpoints.web.exposure.include=health,purista,metrics",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
				"management.endpoint.purista.show-details=always",
				"management.tracing.export.enabled=false",
				"management.opentelemetry.tracing.export.otlp.endpoint=http://otel-user:" + PuristaActuatorWebTests.CONFIG_SECRET
						+ "@otel:4318/v1/traces",
				"management.opentelemetry.tracing.export.otlp.headers.authorization=Bearer "
						+ PuristaActuatorWebTests.CONFIG_SECRET })
@AutoConfigureMockMvc
class PuristaActuatorWebTests {

	static final String CONFIG_SECRET = "cfg-7f3c9a1e-do-not-leak";

	static final String STORED_SECRET = "store-4b2d8e6f-do-not-leak";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private SecretStore secretStore;

	@Test
	void healthOfPuristaShowsMembersOverHttp() {
		MvcTestResult result = this.mvc.get().uri("/actuator/health/purista").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("UP");
		assertThat(result).bodyJson().extractingPath("$.components.services.components.Mailer-v1.status").isEqualTo("UP");
		assertThat(result).bodyJson()
			.extractingPath("$.components.secretStore.details.name")
			.isEqualTo("InMemorySecretStore");
		assertThat(result).bodyJson()
			.extractingPath("$.components.queueBridge.details.queues.outbox.status")
			.isEqualTo("ok");
	}

	@Test
	void readinessGroupContainsPurista() {
		MvcTestResult result = this.mvc.get().uri("/actuator/health/readiness").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.components.purista.status").isEqualTo("UP");
	}

	@Test
	void puristaEndpointShowsServicesBridgesAndChecklistOverHttp() {
		MvcTestResult result = this.mvc.get().uri("/actuator/purista").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.services[0].name").isEqualTo("Mailer");
		assertThat(result).bodyJson().extractingPath("$.services[0].commands[0].name").isEqualTo("send");
		assertThat(result).bodyJson().extractingPath("$.services[0].queueWorkers[0].queue").isEqualTo("outbox");
		assertThat(result).bodyJson()
			.extractingPath("$.eventBridge.capabilities.transport")
			.isEqualTo("in-memory");
		assertThat(result).bodyJson().extractingPath("$.checklist.items.length()").isEqualTo(8);
		assertThat(result).bodyJson().extractingPath("$.checklist.items[0].item").isEqualTo("durable-event-bridge");
		assertThat(result).bodyJson().extractingPath("$.checklist.items[0].status").isEqualTo("warn");
		assertThat(this.mvc.get().uri("/actuator/purista/Mailer").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/actuator/purista/Nobody").exchange()).hasStatus(404);
	}

	@Test
	void queueGaugesOfTheWorkersQueueAreInTheMetricsEndpoint() {
		MvcTestResult result = this.mvc.get().uri("/actuator/metrics/purista.queue.pending?tag=queue:outbox").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.baseUnit").isEqualTo("jobs");
		assertThat(result).bodyJson().extractingPath("$.measurements[0].value").isEqualTo(0.0);
		assertThat(result).bodyJson().extractingPath("$.availableTags[0].tag").isEqualTo("bridge");
		assertThat(result).bodyJson().extractingPath("$.availableTags[0].values[0]").isEqualTo("InMemoryQueueBridge");
		assertThat(this.mvc.get().uri("/actuator/metrics/purista.queue.oldest.age?tag=queue:outbox").exchange())
			.hasStatusOk();
	}

	@Test
	void noSecretValueAppearsInHealthOrEndpoint() throws Exception {
		for (String uri : new String[] { "/actuator/health", "/actuator/health/purista", "/actuator/health/readiness",
				"/actuator/purista", "/actuator/purista/Mailer" }) {
			MvcTestResult result = this.mvc.get().uri(uri).exchange();
			assertThat(result).hasStatusOk();
			String body = result.getResponse().getContentAsString();
			assertThat(body).as(uri).isNotBlank().doesNotContain(STORED_SECRET).doesNotContain(CONFIG_SECRET);
		}
		assertThat(this.secretStore.getSecret("smtpPassword")).containsEntry("smtpPassword", STORED_SECRET);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		SecretStore secretStore() {
			return new InMemorySecretStore(StoreOptions.secretDefaults(), Map.of("smtpPassword", STORED_SECRET));
		}

		@Bean
		ServiceDefinition mailer() {
			return ServiceBuilder.service("Mailer", "1")
				.command("send")
				.handler((p, q, c) -> "sent")
				.queueWorker("outbox", "deliver")
				.handler((p, q, c) -> null)
				.build();
		}

	}

}
