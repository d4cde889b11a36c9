package dev.purista.sample.monolith;

import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.boot.autoconfigure.endpoint.PuristaEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample over HTTP, end to end: sign-up → {@code userSignedUp} → queue job → outbox shows {@code sent};
 * PURISTA's 400, 404 and 409 bodies; health and the purista endpoint, which show an anonymous caller no details
 * and nobody an absolute path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.email.fail-first-attempts=1")
@AutoConfigureRestTestClient
class SampleMonolithApplicationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private HealthEndpointWebExtension health;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private PuristaEndpoint purista;

	@Test
	void signUpSendsTheWelcomeMailThroughEventAndQueueWithOneRetry() {
		JsonNode user = signUp("ada@example.com", "Ada");
		String userId = user.get("userId").asString();
		assertThat(user.get("email").asString()).isEqualTo("ada@example.com");
		assertThat(user.get("name").asString()).isEqualTo("Ada");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode outbox = this.client.get()
				.uri("/api/v1/email/outbox/{userId}", userId)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(JsonNode.class)
				.getResponseBody();
			assertThat(outbox.get("status").asString()).isEqualTo("sent");
			assertThat(outbox.get("attempts").asInt()).isEqualTo(2);
		});
		JsonNode read = this.client.get()
			.uri("/api/v1/user/{userId}", userId)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(read.get("name").asString()).isEqualTo("Ada");
	}

	@Test
	void invalidBodyIs400WithIssues() {
		JsonNode error = this.client.post()
			.uri("/api/v1/user")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "not-an-email"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(error.get("status").asInt()).isEqualTo(400);
		assertThat(error.get("message").asString()).isEqualTo("input validation for payload failed:");
		assertThat(error.get("data").isArray()).isTrue();
		assertThat(error.get("data")).extracting((issue) -> issue.get("path").get(0).asString())
			.contains("email", "name");
	}

	@Test
	void secondSignUpWithTheSameEmailIs409() {
		signUp("bob@example.com", "Bob");

		JsonNode error = this.client.post()
			.uri("/api/v1/user")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "bob@example.com", "name", "Bobby"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(error.get("message").asString()).isEqualTo("email already registered");
		assertThat(error.get("data").get("email").asString()).isEqualTo("bob@example.com");
	}

	@Test
	void unknownUserAndUnsentOutboxAre404WithPuristaBody() {
		JsonNode user = this.client.get()
			.uri("/api/v1/user/unknown")
			.exchange()
			.expectStatus()
			.isNotFound()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(user.get("status").asInt()).isEqualTo(404);
		assertThat(user.get("message").asString()).isEqualTo("user not found");
		this.client.get().uri("/api/v1/email/outbox/unknown").exchange().expectStatus().isNotFound();
	}

	@Test
	void healthIncludesPuristaInReadiness() {
		JsonNode readiness = this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").has("purista")).isTrue();
	}

	@Test
	void anonymousCallerSeesStatusesAndCountsButNoDetails() {
		String health = this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		JsonNode components = this.jsonMapper.readTree(health).get("components");
		assertThat(components.get("purista").get("status").asString()).isEqualTo("UP");
		assertThat(health).doesNotContain("details").doesNotContain(System.getProperty("user.dir"));
		JsonNode purista = this.client.get()
			.uri("/actuator/purista")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(purista.get("services").asInt()).isEqualTo(2);
		assertThat(purista.has("eventBridge")).isFalse();
		this.client.get().uri("/actuator/purista/User").exchange().expectStatus().isNotFound();
	}

	@Test
	void healthDetailsForAnAuthorizedCallerNameNoAbsolutePath() {
		SecurityContext authorized = new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "ops";
			}

			@Override
			public boolean isUserInRole(String role) {
				return true;
			}

		};
		String health = this.jsonMapper.writeValueAsString(
				this.health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, authorized).getBody());
		assertThat(health).contains("details").contains("InMemoryEventBridge");
		assertThat(health).doesNotContain(System.getProperty("user.dir")).doesNotContain("diskSpace");
	}

	/**
	 * The monolith runs in memory and exports no spans by design: the checklist warns about exactly that and
	 * about the single-attempt subscription, and nothing else; nothing fails.
	 */
	@Test
	void productionChecklistWarnsOnlyAboutWhatTheLocalInMemoryRunLeavesOut() {
		JsonNode checklist = this.jsonMapper.readTree(this.jsonMapper.writeValueAsString(this.purista.purista()))
			.get("checklist");
		Map<String, String> statuses = new LinkedHashMap<>();
		checklist.get("items").forEach((item) -> statuses.put(item.get("item").asString(), item.get("status").asString()));
		assertThat(statuses).as(checklist.toString())
			.containsExactlyInAnyOrderEntriesOf(Map.of("durable-event-bridge", "warn", "queue-bridge-configured", "warn",
					"graceful-shutdown", "pass", "health-exposed", "pass", "opentelemetry-exporter", "warn",
					"secrets-in-secret-store", "not-applicable", "retry-policies", "warn", "queue-idempotency", "pass"));
		assertThat(checklist.get("status").asString()).isEqualTo("warn");
	}

	private JsonNode signUp(String email, String name) {
		return this.client.post()
			.uri("/api/v1/user")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "name", name))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

}
