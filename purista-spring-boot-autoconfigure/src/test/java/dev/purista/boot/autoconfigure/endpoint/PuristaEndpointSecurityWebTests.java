package dev.purista.boot.autoconfigure.endpoint;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/purista} over HTTP with the default {@code show-details} ({@code when-authorized}) and a
 * role: an anonymous caller, or one without the role, gets the summary and a 404 for a service; a caller with
 * the role gets the details.
 */
@SpringBootTest(classes = PuristaEndpointSecurityWebTests.Application.class,
		properties = { "management.endpoints.web.exposure.include=health,purista",
				"management.endpoint.purista.roles=OPS", "management.tracing.export.enabled=false" })
@AutoConfigureMockMvc
class PuristaEndpointSecurityWebTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void anonymousCallerGetsTheSummaryWithoutTopology() throws Exception {
		MvcTestResult result = this.mvc.get().uri("/actuator/purista").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.ready").isEqualTo(true);
		assertThat(result).bodyJson().extractingPath("$.services").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.checklist").isEqualTo("warn");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("Mailer")
			.doesNotContain("outbox")
			.doesNotContain("eventBridge");
		assertThat(this.mvc.get().uri("/actuator/purista/Mailer").exchange()).hasStatus(404);
	}

	@Test
	void callerWithoutTheRoleGetsTheSummary() throws Exception {
		MvcTestResult result = this.mvc.get().uri("/actuator/purista").with(user("USER")).exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentAsString()).doesNotContain("Mailer");
		assertThat(this.mvc.get().uri("/actuator/purista/Mailer").with(user("USER")).exchange()).hasStatus(404);
	}

	@Test
	void callerWithTheRoleGetsTheDetails() {
		MvcTestResult result = this.mvc.get().uri("/actuator/purista").with(user("OPS")).exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.services[0].name").isEqualTo("Mailer");
		assertThat(result).bodyJson().extractingPath("$.queues[0].queue").isEqualTo("outbox");
		assertThat(this.mvc.get().uri("/actuator/purista/Mailer").with(user("OPS")).exchange()).hasStatusOk();
	}

	private static RequestPostProcessor user(String role) {
		return (request) -> {
			request.setUserPrincipal(() -> "ada");
			request.addUserRole(role);
			return request;
		};
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

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
