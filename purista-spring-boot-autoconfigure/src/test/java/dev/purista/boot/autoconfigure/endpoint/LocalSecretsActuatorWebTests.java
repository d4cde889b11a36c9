package dev.purista.boot.autoconfigure.endpoint;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.purista.core.store.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets seeded from {@code purista.secret-store.in-memory.secrets} stay out of every actuator answer (health,
 * {@code /actuator/purista} with its checklist, and Boot's own {@code configprops} and {@code env}, which mask
 * values by default), while the checklist says where they come from.
 */
@SpringBootTest(classes = LocalSecretsActuatorWebTests.Application.class,
		properties = { "management.endpoints.web.exposure.include=health,purista,configprops,env",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
				"management.endpoint.purista.show-details=always", "management.tracing.export.enabled=false",
				"purista.secret-store.in-memory.secrets.smtpPassword=" + LocalSecretsActuatorWebTests.SEEDED,
				"purista.secret-store.in-memory.secrets.[smtp/user]=" + LocalSecretsActuatorWebTests.SEEDED_USER })
@AutoConfigureMockMvc
class LocalSecretsActuatorWebTests {

	static final String SEEDED = "seeded-5d1f0b7a-do-not-leak";

	static final String SEEDED_USER = "seeded-user-8c2e4a19-do-not-leak";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private SecretStore secretStore;

	@Test
	void seededValuesAppearInNoActuatorAnswer() throws Exception {
		assertThat(this.secretStore.getSecret("smtpPassword", "smtp/user")).containsEntry("smtpPassword", SEEDED)
			.containsEntry("smtp/user", SEEDED_USER);
		for (String uri : new String[] { "/actuator/health", "/actuator/health/purista", "/actuator/health/readiness",
				"/actuator/purista", "/actuator/configprops", "/actuator/env" }) {
			MvcTestResult result = this.mvc.get().uri(uri).exchange();
			assertThat(result).as(uri).hasStatusOk();
			assertThat(result.getResponse().getContentAsString()).as(uri)
				.isNotBlank()
				.doesNotContain(SEEDED)
				.doesNotContain(SEEDED_USER);
		}
	}

	@Test
	void checklistSaysTheSecretsComeFromConfigurationProperties() {
		MvcTestResult result = this.mvc.get().uri("/actuator/purista").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.checklist.items[5].item").isEqualTo("secrets-in-secret-store");
		assertThat(result).bodyJson().extractingPath("$.checklist.items[5].status").isEqualTo("warn");
		assertThat(result).bodyJson()
			.extractingPath("$.checklist.items[5].reason")
			.asString()
			.contains("2 secret(s) from configuration properties");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
