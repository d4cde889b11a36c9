package dev.purista.nats.interop;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.error.HandledException;
import dev.purista.core.message.Ids;
import dev.purista.core.naming.SnakeCase;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;
import dev.purista.nats.NatsEventBridge;

import static dev.purista.nats.interop.TypeScriptPeer.PATIENCE;
import static dev.purista.nats.interop.TypeScriptPeer.body;
import static dev.purista.nats.interop.TypeScriptPeer.headersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * TypeScript calls Java: commands and events of the {@code @purista/core} 3.2.4 vectors, published by a
 * {@link TypeScriptPeer} exactly as TypeScript's {@code NatsBridge} publishes them (commands without headers, on
 * TypeScript's subjects, replies to {@code _INBOX.<nuid>.<n>}), reach Java services on a {@link NatsEventBridge};
 * the responses arrive on the TypeScript inbox with the body TypeScript produced for the same scenario (ids,
 * timestamps, instance ids and {@code otp} aside) and TypeScript's response headers, and a response with a success
 * event is published a second time on its own subject.
 */
class TypeScriptCallerIntegrationTests extends AbstractInteropTests {

	private static final String HEX_ID = "[0-9a-f]{32}";

	private final String suffix = Ids.newId().substring(0, 8);

	private final String user = "IopUser" + this.suffix;

	private final String userSignedUp = "userSignedUp" + this.suffix;

	private final String welcomeMailSent = "welcomeMailSent" + this.suffix;

	private final List<Object> received = new CopyOnWriteArrayList<>();

	private final List<dev.purista.core.message.Message> receivedMessages = new CopyOnWriteArrayList<>();

	private final List<ServiceRuntime> services = new CopyOnWriteArrayList<>();

	private ServiceEnvironment environment;

	@BeforeEach
	void startJavaServices() {
		this.environment = ServiceEnvironment.builder(this.bridge).build();
		start(ServiceBuilder.service(this.user, "1")
			.command("signUp")
			.successEvent(this.userSignedUp)
			.payload(SignUp.class)
			.handler((payload, parameter, context) -> new SignedUp("u-1", payload.email()))
			.command("getUser")
			.parameter(UserId.class)
			.handler((payload, parameter, context) -> {
				throw new HandledException(404, "user not found", Map.of("id", parameter.id()));
			})
			.command("crash")
			.handler((payload, parameter, context) -> {
				throw new IllegalStateException("db down");
			})
			.build());
		start(ServiceBuilder.service("IopEmail" + this.suffix, "1")
			.subscription("sendWelcomeMail")
			.event(this.userSignedUp)
			.payload(SignedUp.class)
			.handler((payload, context) -> record(payload, context.message()))
			.subscription("audit")
			.event(this.welcomeMailSent)
			.payload(WelcomeMail.class)
			.handler((payload, context) -> record(payload, context.message()))
			.build());
	}

	@AfterEach
	void stop() {
		this.services.forEach(ServiceRuntime::destroy);
	}

	@Test
	void typeScriptCommandWithoutHeadersGetsSuccessResponseOnItsInboxAndItsEventCopy() {
		ObjectNode command = this.peer.command("command-success", this.user);
		String eventSubject = "purista.command_success_response.user_1.t_1." + snake(this.bridge.instanceId()) + "."
				+ snake(this.user) + ".1.sign_up." + snake(this.userSignedUp) + "." + snake(this.peer.instanceId)
				+ ".caller.1.test";
		BlockingQueue<Message> eventCopies = this.peer.observe(eventSubject, null);

		String replyTo = this.peer.invoke(command);

		Message reply = this.peer.receiveReply();
		assertThat(reply.getSubject()).isEqualTo(replyTo);
		JsonNode body = body(reply);
		ObjectNode expected = expectedResponse("command-success", "commandSuccessResponse", command);
		expected.put("eventName", this.userSignedUp);
		assertThat(withoutTransportFields(body)).isEqualTo(expected);
		assertEnvelope(body, command);
		Map<String, String> expectedHeaders = TypeScriptPeer.responseHeaders(body, false);
		// the command's trace context, carried on without a tracer as TypeScript carries it on
		expectedHeaders.put("traceparent",
				TypeScriptPeer.JSON.readTree(command.get("otp").asString()).get("traceparent").asString());
		assertThat(headersOf(reply)).containsExactlyInAnyOrderEntriesOf(expectedHeaders);
		assertThat(headersOf(reply)).containsEntry("receiverInstanceId", this.peer.instanceId)
			.containsEntry("senderInstanceId", this.bridge.instanceId());

		Message copy = TypeScriptPeer.next(eventCopies);
		assertThat(body(copy)).isEqualTo(body);
		assertThat(headersOf(copy)).isEqualTo(headersOf(reply));
	}

	@Test
	void handledErrorReachesTypeScriptCallerWithItsStatusMessageAndData() {
		ObjectNode command = this.peer.command("command-handled-error", this.user);
		BlockingQueue<Message> errorCopies = this.peer.observe("purista.command_error_response.>", null);

		this.peer.invoke(command);

		Message reply = this.peer.receiveReply();
		JsonNode body = body(reply);
		assertThat(withoutTransportFields(body))
			.isEqualTo(expectedResponse("command-handled-error", "commandErrorResponse", command));
		assertThat(body.at("/payload/status").asInt()).isEqualTo(404);
		assertThat(body.get("isHandledError").asBoolean()).isTrue();
		assertEnvelope(body, command);
		assertThat(headersOf(reply)).containsAllEntriesOf(TypeScriptPeer.responseHeaders(body, false));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(errorCopies::isEmpty);
	}

	@Test
	void unhandledErrorReachesTypeScriptCallerAsInternalServerErrorWithoutDetail() {
		ObjectNode command = this.peer.command("command-unhandled-error", this.user);

		this.peer.invoke(command);

		JsonNode body = body(this.peer.receiveReply());
		String traceId = body.get("traceId").asString();
		assertThat(traceId).matches(HEX_ID);
		assertThat(body.at("/payload/traceId").asString()).isEqualTo(traceId);
		ObjectNode actual = withoutTransportFields(body);
		ObjectNode expected = expectedResponse("command-unhandled-error", "commandErrorResponse", command);
		for (ObjectNode node : List.of(actual, expected, (ObjectNode) actual.get("payload"),
				(ObjectNode) expected.get("payload"))) {
			node.remove("traceId");
		}
		assertThat(actual).isEqualTo(expected);
		assertThat(body.at("/payload/message").asString()).isEqualTo("Internal Server Error");
		assertEnvelope(body, command);
	}

	@Test
	void typeScriptCustomMessageReachesJavaSubscriptionWithItsPayload() {
		ObjectNode event = this.peer.message("command-success", "customMessage");
		event.put("eventName", this.welcomeMailSent);

		this.peer.emit(event);

		await().atMost(PATIENCE).until(() -> !this.received.isEmpty());
		assertThat(this.received).containsExactly(new WelcomeMail("a@b.co"));
		dev.purista.core.message.Message message = this.receivedMessages.get(0);
		assertThat(message.id()).isEqualTo(event.get("id").asString());
		assertThat(message.sender().instanceId()).isEqualTo(this.peer.instanceId);
		assertThat(message.otp()).isEqualTo(event.get("otp").asString());
	}

	@Test
	void successEventOfTypeScriptResponseReachesJavaSubscription() {
		ObjectNode response = this.peer.message("command-success", "commandSuccessResponse");
		response.put("eventName", this.userSignedUp);

		this.peer.respond(response, this.peer.inbox + ".999");

		await().atMost(PATIENCE).until(() -> !this.received.isEmpty());
		assertThat(this.received).containsExactly(new SignedUp("u-1", "a@b.co"));
		assertThat(this.receivedMessages.get(0).principalId()).isEqualTo("user-1");
		assertThat(this.receivedMessages.get(0).tenantId()).isEqualTo("t-1");
	}

	@Test
	void javaInstanceSharesTheQueueGroupOfATypeScriptInstanceOfTheSameCommand() {
		String service = "IopShared" + this.suffix;
		AtomicInteger handledByJava = new AtomicInteger();
		start(ServiceBuilder.service(service, "1").command("signUp").handler((payload, parameter, context) -> {
			handledByJava.incrementAndGet();
			return Map.of("userId", "u-1");
		}).build());
		BlockingQueue<Message> handledByTypeScript = this.peer.observe(
				"purista.command.*.*.*.*.*.*.*.*." + snake(service) + ".1.sign_up",
				("PURISTA_QUEUE_" + service + "_1_signUp").toUpperCase(Locale.ROOT));

		int commands = 40;
		for (int i = 0; i < commands; i++) {
			this.peer.invoke(this.peer.command("command-success", service));
		}

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(handledByJava.get() + handledByTypeScript.size()).isEqualTo(commands));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> handledByJava.get() + handledByTypeScript.size() == commands);
		assertThat(handledByJava).as("commands handled by the Java instance").hasPositiveValue();
		assertThat(handledByTypeScript).as("commands handled by the TypeScript instance").isNotEmpty();
	}

	/**
	 * What TypeScript reads of a response body besides the vector fields.
	 */
	private static void assertEnvelope(JsonNode body, JsonNode command) {
		assertThat(body.get("correlationId").asString()).isEqualTo(command.get("correlationId").asString());
		assertThat(body.get("id").asString()).matches(HEX_ID);
		assertThat(body.get("timestamp").asLong()).isCloseTo(System.currentTimeMillis(), within(60_000L));
		assertThat(TypeScriptPeer.nullFields(body)).as("fields written as null").isEmpty();
	}

	/**
	 * The response TypeScript gave in a vector scenario, as this Java service answers {@code command}: the
	 * responder is this service on this bridge, the receiver the command's sender with its instance id.
	 */
	private ObjectNode expectedResponse(String scenario, String messageType, JsonNode command) {
		ObjectNode expected = withoutTransportFields(TypeScriptPeer.vector(scenario, messageType));
		ObjectNode sender = (ObjectNode) expected.get("sender");
		sender.put("serviceName", this.user);
		sender.put("instanceId", this.bridge.instanceId());
		expected.set("receiver", command.get("sender").deepCopy());
		expected.put("correlationId", command.get("correlationId").asString());
		return expected;
	}

	private static ObjectNode withoutTransportFields(JsonNode message) {
		ObjectNode copy = (ObjectNode) message.deepCopy();
		copy.remove(List.of("id", "timestamp", "otp"));
		return copy;
	}

	private static String snake(String name) {
		return SnakeCase.convert(name);
	}

	private void start(ServiceDefinition service) {
		ServiceRuntime runtime = new ServiceRuntime(service, this.environment);
		runtime.start();
		this.services.add(runtime);
	}

	private Object record(Object payload, dev.purista.core.message.Message message) {
		this.receivedMessages.add(message);
		this.received.add(payload);
		return null;
	}

	record SignUp(String email, String name) {
	}

	record SignedUp(String userId, String email) {
	}

	record UserId(String id) {
	}

	record WelcomeMail(String to) {
	}

}
