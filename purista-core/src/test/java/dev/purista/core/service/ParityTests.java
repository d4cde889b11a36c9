package dev.purista.core.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.StatusException;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the scenarios of {@code purista-vectors/default-bridge-scenarios.json} with the Java versions of the
 * vector services on the in-memory bridge and compares every message the bridge carried, and the caller's
 * outcome, with what TypeScript PURISTA 3.2.4 produced. Ids, timestamps, instance ids and {@code otp} are
 * excepted; schemas are compared by presence (zod and victools write them differently); validation issues by
 * their paths. Deliberate difference: Java propagates trace, principal and tenant ids into subscription output
 * events, where TypeScript leaves them out; ids TypeScript does carry must match exactly.
 */
class ParityTests {

	private static final MessageCodec CODEC = new MessageCodec();

	private static final JsonMapper MAPPER = CODEC.mapper();

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	private final List<Message> carried = new CopyOnWriteArrayList<>();

	private ServiceEnvironment environment;

	@BeforeEach
	void startServices() {
		this.bridge.start();
		this.bridge.registerSubscription(SubscriptionRegistration
			.of(MessageAddress.of("Spy", "1", "everything"), SubscriptionFilter.ANY)
			.withEveryInstance(true), (message) -> {
				this.carried.add(message);
				return java.util.concurrent.CompletableFuture.completedFuture(SubscriptionResult.ack());
			});
		this.environment = ServiceEnvironment.builder(this.bridge).build();
		new ServiceRuntime(AnnotatedServices.definitionOf(new ParityServices.UserService()), this.environment).start();
		new ServiceRuntime(AnnotatedServices.definitionOf(new ParityServices.EmailService()), this.environment)
			.start();
	}

	@AfterEach
	void destroy() {
		this.bridge.destroy();
	}

	static Stream<JsonNode> scenarios() throws Exception {
		List<JsonNode> scenarios = new ArrayList<>();
		MAPPER.readTree(vectors().resolve("default-bridge-scenarios.json").toFile()).forEach(scenarios::add);
		return scenarios.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void scenarioMatchesTypeScript(JsonNode scenario) {
		List<JsonNode> expected = new ArrayList<>();
		scenario.get("messages").forEach(expected::add);
		String name = scenario.get("scenario").asString();
		if (name.equals("startup")) {
			assertStartupMatches(expected);
			return;
		}
		this.carried.clear();
		JsonNode command = expected.stream()
			.filter((message) -> message.get("messageType").asString().equals("command"))
			.findFirst()
			.orElseThrow();
		Outcome outcome = replay(command, name.equals("command-timeout") ? Duration.ofMillis(100)
				: Duration.ofSeconds(5));
		assertOutcome(scenario.get("outcome"), outcome);
		List<JsonNode> actual = awaitCarried(expected.size());
		for (JsonNode tsMessage : expected) {
			JsonNode javaMessage = find(actual, tsMessage);
			assertMessageMatches(name, tsMessage, javaMessage, command);
		}
	}

	private void assertStartupMatches(List<JsonNode> expected) {
		List<JsonNode> actual = new ArrayList<>();
		// startup ran in @BeforeEach; the spy was registered first, so it saw every info message
		org.awaitility.Awaitility.await().until(() -> this.carried.size() >= expected.size());
		this.carried.forEach((message) -> actual.add(CODEC.toTree(message)));
		assertThat(keys(actual)).containsExactlyInAnyOrderElementsOf(keys(expected));
		for (JsonNode tsMessage : expected) {
			JsonNode javaMessage = find(actual, tsMessage);
			assertThat(javaMessage.get("traceId")).as("fresh trace id").isNotNull();
			if (tsMessage.has("payload")) {
				assertMetadataMatches(tsMessage.get("payload").get("expose"), javaMessage.get("payload").get("expose"));
			}
			else {
				assertThat(javaMessage.has("payload")).isFalse();
			}
		}
	}

	private void assertMetadataMatches(JsonNode expected, JsonNode actual) {
		for (String field : List.of("contentTypeRequest", "contentEncodingRequest", "contentTypeResponse",
				"contentEncodingResponse", "deprecated", "http")) {
			assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
		}
		assertThat(actual.has("inputPayload")).isEqualTo(expected.has("inputPayload"));
		assertThat(actual.has("outputPayload")).isEqualTo(expected.has("outputPayload"));
		assertThat(actual.get("inputPayload").get("$schema")).isEqualTo(expected.get("inputPayload").get("$schema"));
	}

	private Outcome replay(JsonNode command, Duration timeout) {
		JsonNode receiver = command.get("receiver");
		PuristaInvoker invoker = new PuristaInvoker(this.environment, MessageAddress.of(
				command.get("sender").get("serviceName").asString(),
				command.get("sender").get("serviceVersion").asString(),
				command.get("sender").get("serviceTarget").asString()));
		Identity identity = new Identity(text(command, "traceId"), text(command, "principalId"),
				text(command, "tenantId"));
		try {
			Object result = invoker.invoke(MessageAddress.of(receiver.get("serviceName").asString(),
					receiver.get("serviceVersion").asString(), receiver.get("serviceTarget").asString()),
					command.get("payload").get("payload"), command.get("payload").get("parameter"), JsonNode.class,
					timeout, identity).join();
			return new Outcome(result, null);
		}
		catch (CompletionException ex) {
			return new Outcome(null, (StatusException) ex.getCause());
		}
	}

	private void assertOutcome(JsonNode expected, Outcome outcome) {
		if (expected.has("resolved")) {
			assertThat(outcome.error()).as("invoke rejected").isNull();
			JsonNode resolved = expected.get("resolved");
			if (resolved.isNull()) {
				assertThat(outcome.value()).isNull();
			}
			else {
				assertThat(MAPPER.<JsonNode>valueToTree(outcome.value())).isEqualTo(resolved);
			}
			return;
		}
		JsonNode rejected = expected.get("rejected");
		StatusException error = outcome.error();
		assertThat(error).as("invoke should have been rejected").isNotNull();
		assertThat(error.isHandled()).isEqualTo(rejected.get("name").asString().equals("HandledError"));
		assertThat(error).isInstanceOf(error.isHandled() ? HandledException.class : StatusException.class);
		assertThat(error.getStatus()).isEqualTo(rejected.get("status").asInt());
		assertThat(error.getMessage()).isEqualTo(rejected.get("message").asString());
		assertDataMatches(rejected.get("data"), MAPPER.valueToTree(error.getData()));
	}

	private void assertMessageMatches(String scenario, JsonNode ts, JsonNode java, JsonNode command) {
		String what = scenario + " " + ts.get("messageType").asString();
		for (String address : List.of("sender", "receiver")) {
			assertThat(java.has(address)).as(what + " has " + address).isEqualTo(ts.has(address));
			if (ts.has(address)) {
				for (String field : List.of("serviceName", "serviceVersion", "serviceTarget")) {
					assertThat(java.get(address).get(field)).as(what + " " + address + "." + field)
						.isEqualTo(ts.get(address).get(field));
				}
				assertThat(java.get(address).has("instanceId")).as(what + " " + address + ".instanceId")
					.isEqualTo(ts.get(address).has("instanceId"));
			}
		}
		for (String field : List.of("eventName", "contentType", "contentEncoding", "isHandledError")) {
			assertThat(java.get(field)).as(what + " " + field).isEqualTo(ts.get(field));
		}
		for (String field : List.of("traceId", "principalId", "tenantId")) {
			JsonNode propagated = command.get(field);
			if (ts.has(field) && propagated != null && ts.get(field).equals(propagated)) {
				assertThat(java.get(field)).as(what + " propagated " + field).isEqualTo(propagated);
			}
			else if (ts.has(field)) {
				assertThat(java.has(field)).as(what + " has a " + field).isTrue();
			}
		}
		if (ts.has("correlationId")) {
			assertThat(java.get("correlationId")).as(what + " correlationId")
				.isEqualTo(java.get("messageType").asString().equals("command") ? java.get("correlationId")
						: this.correlationOfCommand());
		}
		if (ts.get("messageType").asString().equals("commandErrorResponse")) {
			JsonNode tsPayload = ts.get("payload");
			JsonNode javaPayload = java.get("payload");
			assertThat(javaPayload.get("status")).isEqualTo(tsPayload.get("status"));
			assertThat(javaPayload.get("message")).isEqualTo(tsPayload.get("message"));
			assertThat(javaPayload.has("traceId")).isEqualTo(tsPayload.has("traceId"));
			assertDataMatches(tsPayload.get("data"), javaPayload.get("data"));
		}
		else {
			assertThat(java.get("payload")).as(what + " payload").isEqualTo(ts.get("payload"));
		}
	}

	private @Nullable JsonNode correlationOfCommand() {
		return this.carried.stream()
			.filter((message) -> message.messageType() == dev.purista.core.message.MessageType.COMMAND)
			.map((message) -> MAPPER.<JsonNode>valueToTree(message.correlationId()))
			.findFirst()
			.orElse(null);
	}

	private static void assertDataMatches(@Nullable JsonNode expected, @Nullable JsonNode actual) {
		boolean expectedPresent = expected != null && !expected.isNull();
		boolean actualPresent = actual != null && !actual.isNull();
		assertThat(actualPresent).as("data present").isEqualTo(expectedPresent);
		if (!expectedPresent) {
			return;
		}
		if (expected.isArray()) {
			assertThat(actual.isArray()).as("issues are a list").isTrue();
			assertThat(paths(actual)).as("issue paths").isEqualTo(paths(expected));
			actual.forEach((issue) -> assertThat(issue.has("code") && issue.has("message")).isTrue());
		}
		else {
			assertThat(actual).isEqualTo(expected);
		}
	}

	private static Set<String> paths(JsonNode issues) {
		Set<String> paths = new HashSet<>();
		issues.forEach((issue) -> paths.add(issue.get("path").toString()));
		return paths;
	}

	private List<JsonNode> awaitCarried(int count) {
		org.awaitility.Awaitility.await().until(() -> this.carried.size() >= count);
		List<JsonNode> actual = new ArrayList<>();
		this.carried.forEach((message) -> actual.add(CODEC.toTree(message)));
		return actual;
	}

	private static JsonNode find(List<JsonNode> actual, JsonNode ts) {
		return actual.stream()
			.filter((message) -> key(message).equals(key(ts)))
			.findFirst()
			.orElseGet(() -> fail("no Java message like " + key(ts) + " among " + keys(actual)));
	}

	private static List<String> keys(List<JsonNode> messages) {
		return messages.stream().map(ParityTests::key).toList();
	}

	private static String key(JsonNode message) {
		return message.get("messageType").asString() + "/" + message.get("sender").get("serviceName").asString()
				+ "." + message.get("sender").get("serviceTarget").asString() + "/" + message.path("eventName").asString();
	}

	private static @Nullable String text(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asString() : null;
	}

	private static Path vectors() throws URISyntaxException {
		String configured = System.getProperty("purista.vectors.dir");
		return (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of(ParityTests.class.getResource("/purista-vectors").toURI());
	}

	record Outcome(@Nullable Object value, @Nullable StatusException error) {

	}

}
