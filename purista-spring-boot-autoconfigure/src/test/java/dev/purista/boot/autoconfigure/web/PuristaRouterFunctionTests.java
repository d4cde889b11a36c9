package dev.purista.boot.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.boot.autoconfigure.web.PuristaPrincipalResolver.ResolvedPrincipal;
import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.Parameter;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.error.HandledException;
import dev.purista.core.service.CommandContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = PuristaRouterFunctionTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "purista.event-bridge.default-command-timeout=1s", "spring.application.name=test-api",
				// the purista health indicator is not part of this branch; without it the readiness preset fails
				"management.health.purista.enabled=false" })
@AutoConfigureRestTestClient
class PuristaRouterFunctionTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CompletableFuture<String> NEVER = new CompletableFuture<>();

	@Autowired
	private RestTestClient client;

	@AfterAll
	static void releaseSlowCommand() {
		NEVER.complete("late");
	}

	@Test
	void postWithJsonBodyAnswers200WithTheResult() {
		WebResponse response = send(HttpMethod.POST, "/api/v1/user", "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().getContentType()).hasToString("application/json;charset=utf-8");
		assertThat(response.body().path("userId").asString()).isEqualTo("42");
		assertThat(response.body().path("email").asString()).isEqualTo("ada@example.com");
	}

	@Test
	void getWithPathVariableAndQueryPassesBothAsParameter() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/user/7?verbose=true&lang=de", null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(JSON.convertValue(response.body(), Map.class))
			.containsExactlyInAnyOrderEntriesOf(Map.of("userId", "7", "verbose", "true", "lang", "de"));
	}

	@Test
	void pathVariableWinsOverQueryParameterOfTheSameName() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/user/7?userId=8", null);
		assertThat(response.body().path("userId").asString()).isEqualTo("7");
	}

	@Test
	void voidResultAnswers204() {
		WebResponse response = send(HttpMethod.DELETE, "/api/v1/user/7", null);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.raw()).isEmpty();
		assertThat(response.headers().getFirst("x-trace-id")).isNotBlank();
	}

	@Test
	void emptyStringResultAnswers204() {
		assertThat(send(HttpMethod.GET, "/api/v1/nothing", null).status()).isEqualTo(204);
	}

	@Test
	void handledNotFoundAnswersItsStatusWithPuristaBody() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/user/missing", null, "x-trace-id", "trace-404");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().path("status").asInt()).isEqualTo(404);
		assertThat(response.body().path("message").asString()).isEqualTo("user not found");
		assertThat(response.body().path("data").path("id").asString()).isEqualTo("missing");
		assertThat(response.body().path("traceId").asString()).isEqualTo("trace-404");
	}

	@Test
	void handledConflictAnswers409WithData() {
		WebResponse response = send(HttpMethod.POST, "/api/v1/user", "{\"email\":\"taken@example.com\",\"name\":\"Bob\"}");
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.body().path("message").asString()).isEqualTo("email already registered");
		assertThat(response.body().path("data").path("email").asString()).isEqualTo("taken@example.com");
		assertThat(response.body().path("traceId").asString()).isEqualTo(response.headers().getFirst("x-trace-id"));
	}

	@Test
	void invalidPayloadAnswers400WithValidationIssuesAsData() {
		WebResponse response = send(HttpMethod.POST, "/api/v1/user", "{\"email\":\"not-an-email\",\"name\":\"A\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("status").asInt()).isEqualTo(400);
		assertThat(response.body().path("message").asString()).startsWith("input validation for payload failed");
		assertThat(response.body().path("data").toString()).contains("email").contains("name");
	}

	@Test
	void plainExceptionAnswers500WithoutDetail() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/boom", null, "x-trace-id", "trace-500");
		assertThat(response.status()).isEqualTo(500);
		assertThat(JSON.convertValue(response.body(), Map.class)).containsExactlyInAnyOrderEntriesOf(
				Map.of("status", 500, "message", "Internal Server Error", "traceId", "trace-500"));
		assertThat(new String(response.raw())).doesNotContain("secret");
	}

	@Test
	void timeoutAnswers504() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/slow", null);
		assertThat(response.status()).isEqualTo(504);
		assertThat(response.body().path("message").asString()).isEqualTo("Gateway Timeout");
		assertThat(response.body().has("data")).isFalse();
	}

	@Test
	void malformedJsonAnswers400WithPuristaBody() {
		WebResponse response = send(HttpMethod.POST, "/api/v1/user", "{\"email\":", "x-trace-id", "trace-json");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("status").asInt()).isEqualTo(400);
		assertThat(response.body().path("message").asString()).isNotBlank();
		assertThat(response.body().path("traceId").asString()).isEqualTo("trace-json");
	}

	@Test
	void nonJsonContentTypeAnswers400() {
		ExchangeResult result = this.client.post()
			.uri("/api/v1/user")
			.header(HttpHeaders.CONTENT_TYPE, "text/plain")
			.body("email=ada@example.com")
			.exchange()
			.returnResult();
		WebResponse response = WebResponse.of(result);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("status").asInt()).isEqualTo(400);
	}

	@Test
	void traceIdHeaderReachesTheHandlerAndIsEchoed() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/whoami", null, "x-trace-id", "trace-given");
		assertThat(response.body().path("traceId").asString()).isEqualTo("trace-given");
		assertThat(response.headers().getFirst("x-trace-id")).isEqualTo("trace-given");
	}

	@Test
	void missingTraceIdIsGeneratedPassedToTheHandlerAndEchoed() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/whoami", null);
		String traceId = response.headers().getFirst("x-trace-id");
		assertThat(traceId).matches("[0-9a-f]{32}");
		assertThat(response.body().path("traceId").asString()).isEqualTo(traceId);
	}

	@Test
	void principalAndTenantFromTheResolverReachTheHandler() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/whoami", null, "x-test-principal", "user-1",
				"x-test-tenant", "tenant-1");
		assertThat(response.body().path("principalId").asString()).isEqualTo("user-1");
		assertThat(response.body().path("tenantId").asString()).isEqualTo("tenant-1");
	}

	@Test
	void unknownRouteBelowTheBasePathAnswersPuristaNotFound() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/nope", null);
		assertThat(response.status()).isEqualTo(404);
		assertThat(JSON.convertValue(response.body(), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of("status",
				404, "message", "Route not found", "data", Map.of("method", "GET", "route", "/api/v1/nope")));
	}

	@Test
	void wrongMethodOnAKnownPathAnswersPuristaNotFound() {
		WebResponse response = send(HttpMethod.PUT, "/api/v1/whoami", "{}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().path("message").asString()).isEqualTo("Route not found");
	}

	@Test
	void applicationRouteBelowTheBasePathIsNotShadowed() {
		ExchangeResult result = this.client.get().uri("/api/custom/hello").exchange().returnResult();
		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(new String(result.getResponseBodyContent())).isEqualTo("hello");
	}

	@Test
	void pathsOutsideTheBasePathKeepSpringsNotFound() {
		WebResponse response = send(HttpMethod.GET, "/elsewhere", null);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().path("message").asString()).isNotEqualTo("Route not found");
	}

	@Test
	void openApiDocumentDescribesTheCommands() {
		WebResponse response = send(HttpMethod.GET, "/api/openapi.json", null);
		assertThat(response.status()).isEqualTo(200);
		JsonNode document = response.body();
		assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
		assertThat(document.path("info").path("title").asString()).isEqualTo("test-api");
		JsonNode paths = document.path("paths");
		assertThat(paths.propertyNames()).contains("/api/v1/user", "/api/v1/user/{userId}", "/api/v1/whoami",
				"/api/v2/orders");
		assertThat(paths.path("/api/v1/user/{userId}").propertyNames()).containsExactlyInAnyOrder("get", "delete");
		JsonNode signUp = paths.path("/api/v1/user").path("post");
		assertThat(signUp.path("operationId").asString()).isEqualTo("signUp");
		assertThat(signUp.path("summary").asString()).isEqualTo("signUp");
		assertThat(signUp.path("description").asString()).isEqualTo("Registers a user");
		assertThat(signUp.path("tags").get(0).asString()).isEqualTo("user");
		JsonNode bodySchema = signUp.path("requestBody").path("content").path("application/json").path("schema");
		assertThat(bodySchema.path("type").asString()).isEqualTo("object");
		assertThat(bodySchema.path("properties").propertyNames()).contains("email", "name");
		assertThat(bodySchema.has("$schema")).isFalse();
		assertThat(signUp.path("responses").propertyNames()).containsExactly("200", "400", "409", "413", "500",
				"503", "504");
		assertThat(signUp.path("responses").path("503").path("headers").propertyNames()).containsExactly("Retry-After");
		assertThat(signUp.path("responses").path("200").path("content").path("application/json").path("schema")
			.path("properties").propertyNames()).contains("userId", "email");
		assertThat(signUp.path("responses").path("409").path("content").path("application/json").path("schema")
			.path("$ref").asString()).isEqualTo("#/components/schemas/PuristaError");
		assertThat(document.path("components").path("schemas").path("PuristaError").path("properties")
			.propertyNames()).containsExactlyInAnyOrder("status", "message", "traceId", "data");
		JsonNode getUser = paths.path("/api/v1/user/{userId}").path("get");
		assertThat(getUser.path("operationId").asString()).isEqualTo("getUserById");
		assertThat(getUser.has("requestBody")).isFalse();
		assertThat(getUser.path("responses").propertyNames()).as("no body, so no 413").doesNotContain("413")
			.contains("503", "504");
		assertThat(getUser.path("parameters").toString()).contains("\"name\":\"userId\",\"in\":\"path\"")
			.contains("\"name\":\"verbose\",\"in\":\"query\"");
		assertThat(paths.path("/api/v1/user/{userId}").path("delete").path("responses").propertyNames())
			.contains("204");
	}

	private WebResponse send(HttpMethod method, String uri, @Nullable String json, String... headers) {
		return WebResponse.send(this.client, method, uri, json, headers);
	}

	record SignUp(@NotBlank @Email String email, @Size(min = 2) String name) {
	}

	record UserCreated(String userId, String email) {
	}

	@PuristaService(name = "User", version = "1")
	static class UserService {

		@Command(description = "Registers a user",
				http = @Http(method = "POST", path = "user", tags = "user", additionalStatusCodes = 409))
		public UserCreated signUp(SignUp payload) {
			if (payload.email().startsWith("taken@")) {
				throw new HandledException(409, "email already registered", Map.of("email", payload.email()));
			}
			return new UserCreated("42", payload.email());
		}

		@Command(http = @Http(method = "GET", path = "user/:userId", query = "verbose", operationId = "getUserById"))
		public Map<String, String> getUser(@Parameter Map<String, String> parameter) {
			if ("missing".equals(parameter.get("userId"))) {
				throw new HandledException(404, "user not found", Map.of("id", "missing"));
			}
			return parameter;
		}

		@Command(http = @Http(method = "DELETE", path = "user/:userId"))
		public void deleteUser(@Parameter Map<String, String> parameter) {
		}

		@Command(http = @Http(method = "GET", path = "nothing"))
		public String nothing() {
			return "";
		}

		@Command(http = @Http(method = "GET", path = "boom"))
		public String boom() {
			throw new IllegalStateException("secret detail");
		}

		@Command(http = @Http(method = "GET", path = "slow"))
		public CompletableFuture<String> slow() {
			return NEVER;
		}

		@Command(http = @Http(method = "GET", path = "whoami"))
		public Map<String, @Nullable String> whoAmI(CommandContext context) {
			Map<String, @Nullable String> identity = new LinkedHashMap<>();
			identity.put("traceId", context.traceId());
			identity.put("principalId", context.principalId());
			identity.put("tenantId", context.tenantId());
			return identity;
		}

	}

	@PuristaService(name = "Order", version = "2")
	static class OrderService {

		@Command(http = @Http(method = "GET", path = "orders"))
		public String listOrders() {
			return "none";
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		UserService userService() {
			return new UserService();
		}

		@Bean
		OrderService orderService() {
			return new OrderService();
		}

		@Bean
		PuristaPrincipalResolver testPrincipalResolver() {
			return (request) -> new ResolvedPrincipal(request.headers().firstHeader("x-test-principal"),
					request.headers().firstHeader("x-test-tenant"));
		}

		@Bean
		RouterFunction<ServerResponse> customRoutes() {
			return RouterFunctions.route().GET("/api/custom/hello", (request) -> ServerResponse.ok().body("hello")).build();
		}

	}

}
