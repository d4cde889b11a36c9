package dev.purista.aws.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Drives the real {@link PuristaLambdaHandler} through {@code handleRequest} as the Lambda runtime does, with
 * {@link LambdaTestApplication} on the in-memory bridges and stores ({@code test} profile).
 */
class PuristaLambdaHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void configure() {
		System.setProperty(PuristaLambdaHandler.APPLICATION_PROPERTY, LambdaTestApplication.class.getName());
		System.setProperty("spring.profiles.active", "test");
	}

	@AfterAll
	static void releaseSlowCommand() {
		LambdaTestApplication.NEVER.complete("late");
	}

	@Test
	void commandMessageIsAnsweredWithTheSuccessResponseMessage() throws IOException {
		JsonNode response = invoke(command("signUp", Map.of("email", "ada@example.com", "name", "Ada")), 10_000);
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandSuccessResponse");
		assertThat(response.path("id").asString()).isNotBlank();
		assertThat(response.path("correlationId").asString()).isEqualTo("corr-1");
		assertThat(response.path("traceId").asString()).isEqualTo("trace-1");
		assertThat(response.path("principalId").asString()).isEqualTo("user-1");
		assertThat(response.path("tenantId").asString()).isEqualTo("t-1");
		assertThat(response.path("eventName").asString()).isEqualTo("userSignedUp");
		assertThat(response.path("sender").path("serviceName").asString()).isEqualTo("User");
		assertThat(response.path("sender").path("serviceTarget").asString()).isEqualTo("signUp");
		assertThat(response.path("receiver").path("serviceName").asString()).isEqualTo("Caller");
		assertThat(response.path("receiver").path("instanceId").asString()).isEqualTo("caller-1");
		assertThat(response.path("payload").path("userId").asString()).isEqualTo("42");
		assertThat(response.path("payload").path("email").asString()).isEqualTo("ada@example.com");
	}

	@Test
	void answerWaitsForTheSubscriptionsItsSuccessEventSetOff() throws IOException {
		String email = "frozen-" + System.nanoTime() + "@example.com";
		LambdaTestApplication.WELCOME_GATE.hold();
		ScheduledExecutorService opener = Executors.newSingleThreadScheduledExecutor();
		try {
			opener.schedule(LambdaTestApplication.WELCOME_GATE::release, 300, TimeUnit.MILLISECONDS);
			JsonNode response = invoke(command("signUp", Map.of("email", email, "name", "Ada")), 10_000);
			assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandSuccessResponse");
			// no waiting here: Lambda freezes the container once the answer is written
			assertThat(LambdaTestApplication.WELCOMED).as("subscriptions finished when the answer was returned")
				.contains(email);
		}
		finally {
			LambdaTestApplication.WELCOME_GATE.release();
			opener.shutdownNow();
		}
	}

	@Test
	void handledErrorIsAnsweredWithTheErrorResponseMessage() throws IOException {
		JsonNode response = invoke(command("signUp", Map.of("email", "taken@example.com", "name", "Bob")), 10_000);
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandErrorResponse");
		assertThat(response.path("correlationId").asString()).isEqualTo("corr-1");
		assertThat(response.path("isHandledError").asBoolean()).isTrue();
		assertThat(response.path("payload").path("status").asInt()).as("%s", response).isEqualTo(409);
		assertThat(response.path("payload").path("message").asString()).isEqualTo("email already registered");
		assertThat(response.path("payload").path("data").path("email").asString()).isEqualTo("taken@example.com");
	}

	@Test
	void invalidPayloadInCommandMessageIsAnswered400() throws IOException {
		JsonNode response = invoke(command("signUp", Map.of("email", "not-an-email", "name", "A")), 10_000);
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandErrorResponse");
		assertThat(response.path("isHandledError").asBoolean()).isTrue();
		assertThat(response.path("payload").path("status").asInt()).isEqualTo(400);
		assertThat(response.path("payload").path("message").asString())
			.startsWith("input validation for payload failed");
	}

	@Test
	void unknownCommandIsAnswered502() throws IOException {
		JsonNode response = invoke(command("noSuchCommand", Map.of()), 10_000);
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandErrorResponse");
		assertThat(response.path("isHandledError").asBoolean()).isFalse();
		assertThat(response.path("payload").path("status").asInt()).isEqualTo(502);
	}

	@Test
	void commandOfTheServiceThatThisFunctionDoesNotServeIsAnswered502() throws IOException {
		JsonNode response = invoke(command("ping", Map.of()), 10_000);
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandErrorResponse");
		assertThat(response.path("payload").path("status").asInt()).isEqualTo(502);
	}

	@Test
	void commandRunningPastTheLambdaDeadlineIsAnswered504() throws IOException {
		TestLambdaContext context = new TestLambdaContext(1500);
		JsonNode response = invoke(command("slow", Map.of()), context);
		// answered before Lambda would end the invocation (the deadline margin is kept back)
		assertThat(context.getRemainingTimeInMillis()).isPositive();
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandErrorResponse");
		assertThat(response.path("isHandledError").asBoolean()).isFalse();
		assertThat(response.path("payload").path("status").asInt()).isEqualTo(504);
		assertThat(response.path("correlationId").asString()).isEqualTo("corr-1");
	}

	@Test
	void httpPostRunsTheCommandAndAnswers200WithTheResult() throws IOException {
		JsonNode response = invoke(http("POST", "/api/v1/user", "", Map.of("content-type", "application/json",
				"x-trace-id", "trace-http"), "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}", false), 10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(200);
		assertThat(response.path("isBase64Encoded").asBoolean(true)).isFalse();
		assertThat(response.path("headers").path("content-type").asString())
			.isEqualTo("application/json; charset=utf-8");
		assertThat(response.path("headers").path("x-trace-id").asString()).isEqualTo("trace-http");
		JsonNode body = JSON.readTree(response.path("body").asString());
		assertThat(body.path("userId").asString()).isEqualTo("42");
	}

	@Test
	void httpBase64BodyIsDecoded() throws IOException {
		String body = Base64.getEncoder()
			.encodeToString("{\"email\":\"ada@example.com\",\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
		JsonNode response = invoke(http("POST", "/api/v1/user", "", Map.of("Content-Type", "application/json"),
				body, true), 10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(200);
	}

	@Test
	void httpGetPassesPathVariableAndQueryAsParameter() throws IOException {
		JsonNode response = invoke(http("GET", "/api/v1/user/7", "verbose=true&lang=d%C3%A9&userId=8", Map.of(),
				null, false), 10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(200);
		assertThat(JSON.convertValue(JSON.readTree(response.path("body").asString()), Map.class))
			.containsExactlyInAnyOrderEntriesOf(Map.of("userId", "7", "verbose", "true", "lang", "dé"));
		assertThat(response.path("headers").path("x-trace-id").asString()).matches("[0-9a-f]{32}");
	}

	@Test
	void httpEmptyResultAnswers204() throws IOException {
		JsonNode response = invoke(http("GET", "/api/v1/nothing", "", Map.of(), null, false), 10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(204);
		assertThat(response.path("body").asString()).isEmpty();
	}

	@Test
	void httpHandledErrorAnswersItsStatusWithPuristaBody() throws IOException {
		JsonNode response = invoke(http("POST", "/api/v1/user", "", Map.of("content-type", "application/json",
				"x-trace-id", "trace-409"), "{\"email\":\"taken@example.com\",\"name\":\"Bob\"}", false), 10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(409);
		JsonNode body = JSON.readTree(response.path("body").asString());
		assertThat(body.path("status").asInt()).isEqualTo(409);
		assertThat(body.path("message").asString()).isEqualTo("email already registered");
		assertThat(body.path("data").path("email").asString()).isEqualTo("taken@example.com");
		assertThat(body.path("traceId").asString()).isEqualTo("trace-409");
	}

	@Test
	void httpInvalidPayloadAnswers400() throws IOException {
		JsonNode response = invoke(http("POST", "/api/v1/user", "", Map.of("content-type", "application/json"),
				"{\"email\":\"not-an-email\",\"name\":\"A\"}", false), 10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(400);
		JsonNode body = JSON.readTree(response.path("body").asString());
		assertThat(body.path("message").asString()).startsWith("input validation for payload failed");
		assertThat(body.path("data").toString()).contains("email").contains("name");
	}

	@Test
	void httpMalformedJsonAndWrongContentTypeAnswer400() throws IOException {
		JsonNode malformed = invoke(http("POST", "/api/v1/user", "", Map.of("content-type", "application/json"),
				"{\"email\":", false), 10_000);
		assertThat(malformed.path("statusCode").asInt()).isEqualTo(400);
		JsonNode text = invoke(http("POST", "/api/v1/user", "", Map.of("content-type", "text/plain"), "x", false),
				10_000);
		assertThat(text.path("statusCode").asInt()).isEqualTo(400);
	}

	@Test
	void httpPlainExceptionAnswers500WithoutDetail() throws IOException {
		JsonNode response = invoke(http("GET", "/api/v1/boom", "", Map.of("x-trace-id", "trace-500"), null, false),
				10_000);
		assertThat(response.path("statusCode").asInt()).isEqualTo(500);
		assertThat(JSON.convertValue(JSON.readTree(response.path("body").asString()), Map.class))
			.containsExactlyInAnyOrderEntriesOf(
					Map.of("status", 500, "message", "Internal Server Error", "traceId", "trace-500"));
	}

	@Test
	void httpUnknownRouteAndRouteOfACommandNotServedAnswer404() throws IOException {
		JsonNode unknown = invoke(http("GET", "/api/v1/nowhere", "", Map.of(), null, false), 10_000);
		assertThat(unknown.path("statusCode").asInt()).isEqualTo(404);
		JsonNode body = JSON.readTree(unknown.path("body").asString());
		assertThat(body.path("message").asString()).isEqualTo("Not Found");
		assertThat(body.path("data").path("route").asString()).isEqualTo("/api/v1/nowhere");
		JsonNode notServed = invoke(http("DELETE", "/api/v1/user/7", "", Map.of(), null, false), 10_000);
		assertThat(notServed.path("statusCode").asInt()).isEqualTo(404);
	}

	@Test
	void httpCommandRunningPastTheLambdaDeadlineAnswers504() throws IOException {
		TestLambdaContext context = new TestLambdaContext(1500);
		JsonNode response = invoke(http("GET", "/api/v1/slow", "", Map.of(), null, false), context);
		assertThat(context.getRemainingTimeInMillis()).isPositive();
		assertThat(response.path("statusCode").asInt()).isEqualTo(504);
		JsonNode body = JSON.readTree(response.path("body").asString());
		assertThat(body.path("message").asString()).isEqualTo("Gateway Timeout");
	}

	@Test
	void httpStagePrefixOfANamedStageIsStripped() throws IOException {
		ObjectNode event = http("GET", "/prod/api/v1/user/7", "", Map.of(), null, false);
		((ObjectNode) event.get("requestContext")).put("stage", "prod");
		JsonNode response = invoke(event, 10_000);
		assertThat(response.path("statusCode").asInt()).as("%s", response).isEqualTo(200);
		assertThat(JSON.readTree(response.path("body").asString()).path("userId").asString()).isEqualTo("7");
		ObjectNode defaultStage = http("GET", "/prod/api/v1/user/7", "", Map.of(), null, false);
		((ObjectNode) defaultStage.get("requestContext")).put("stage", "$default");
		assertThat(invoke(defaultStage, 10_000).path("statusCode").asInt()).isEqualTo(404);
	}

	@Test
	void httpW3cTraceHeadersBecomeTheCommandsTraceContext() throws IOException {
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		JsonNode response = invoke(http("GET", "/api/v1/whoami", "", Map.of("Traceparent", traceparent,
				"tracestate", "vendor=1", "x-trace-id", "trace-w3c"), null, false), 10_000);
		assertThat(response.path("statusCode").asInt()).as("%s", response).isEqualTo(200);
		JsonNode identity = JSON.readTree(response.path("body").asString());
		assertThat(identity.path("traceId").asString()).isEqualTo("trace-w3c");
		assertThat(JSON.convertValue(JSON.readTree(identity.path("otp").asString()), Map.class))
			.containsExactlyInAnyOrderEntriesOf(Map.of("traceparent", traceparent, "tracestate", "vendor=1"));
		JsonNode without = JSON.readTree(
				invoke(http("GET", "/api/v1/whoami", "", Map.of(), null, false), 10_000).path("body").asString());
		assertThat(without.hasNonNull("otp")).as("%s", without).isFalse();
	}

	@Test
	void httpPrincipalAndTenantComeFromTheJwtAuthorizerClaims() throws IOException {
		ObjectNode event = http("GET", "/api/v1/whoami", "", Map.of(), null, false);
		((ObjectNode) event.get("requestContext")).set("authorizer", JSON.valueToTree(Map.of("jwt",
				Map.of("claims", Map.of("sub", "user-7", "custom:tenant", "tenant-3", "email", "a@example.com")))));
		JsonNode identity = JSON.readTree(invoke(event, 10_000).path("body").asString());
		assertThat(identity.path("principalId").asString()).as("%s", identity).isEqualTo("user-7");
		assertThat(identity.path("tenantId").asString()).isEqualTo("tenant-3");
		JsonNode anonymous = JSON.readTree(
				invoke(http("GET", "/api/v1/whoami", "", Map.of(), null, false), 10_000).path("body").asString());
		assertThat(anonymous.hasNonNull("principalId")).as("%s", anonymous).isFalse();
		assertThat(anonymous.hasNonNull("tenantId")).isFalse();
	}

	@Test
	void eventOfAnotherKindFailsTheInvocation() {
		assertThatIllegalArgumentException().isThrownBy(() -> invoke(JSON.createObjectNode().put("foo", 1), 10_000))
			.withMessageContaining("neither a PURISTA command message");
	}

	@Test
	void contextIsBuiltOncePerContainer() throws IOException {
		invoke(command("signUp", Map.of("email", "ada@example.com", "name", "Ada")), 10_000);
		var first = PuristaLambdaHandler.applicationContext();
		invoke(http("GET", "/api/v1/nothing", "", Map.of(), null, false), 10_000);
		invoke(command("signUp", Map.of("email", "ada@example.com", "name", "Ada")), 10_000);
		assertThat(PuristaLambdaHandler.applicationContext()).isSameAs(first);
		assertThat(first.isActive()).isTrue();
		assertThat(LambdaTestApplication.STARTS).hasValue(1);
		assertThat(first.getEnvironment().getActiveProfiles()).containsExactly("test");
	}

	private static JsonNode invoke(JsonNode event, long remainingMillis) throws IOException {
		return invoke(event, new TestLambdaContext(remainingMillis));
	}

	private static JsonNode invoke(JsonNode event, TestLambdaContext context) throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		new PuristaLambdaHandler().handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), output,
				context);
		return JSON.readTree(output.toByteArray());
	}

	private static JsonNode command(String commandName, Map<String, Object> payload) {
		ObjectNode command = JSON.createObjectNode();
		command.put("messageType", "command");
		command.put("id", "msg-1");
		command.put("timestamp", System.currentTimeMillis());
		command.put("correlationId", "corr-1");
		command.put("traceId", "trace-1");
		command.set("sender", JSON.valueToTree(Map.of("serviceName", "Caller", "serviceVersion", "1",
				"serviceTarget", "call", "instanceId", "caller-1")));
		command.set("receiver",
				JSON.valueToTree(Map.of("serviceName", "User", "serviceVersion", "1", "serviceTarget", commandName)));
		command.put("principalId", "user-1");
		command.put("tenantId", "t-1");
		command.put("contentType", "application/json");
		command.put("contentEncoding", "utf-8");
		// PURISTA's wire format: a command's payload holds the payload and the parameter
		command.set("payload", JSON.valueToTree(Map.of("payload", payload, "parameter", Map.of())));
		return command;
	}

	private static ObjectNode http(String method, String path, String query, Map<String, String> headers,
			String body, boolean base64) {
		ObjectNode event = JSON.createObjectNode();
		event.put("version", "2.0");
		event.put("routeKey", "$default");
		event.put("rawPath", path);
		event.put("rawQueryString", query);
		event.set("headers", JSON.valueToTree(headers));
		event.set("requestContext", JSON.valueToTree(Map.of("http", Map.of("method", method, "path", path))));
		if (body != null) {
			event.put("body", body);
		}
		event.put("isBase64Encoded", base64);
		return event;
	}

}
