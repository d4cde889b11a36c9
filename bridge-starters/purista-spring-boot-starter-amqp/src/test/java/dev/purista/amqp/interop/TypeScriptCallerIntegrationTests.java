package dev.purista.amqp.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpNames;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.CommandDefinition;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;
import dev.purista.core.service.SubscriptionDefinition;

import static dev.purista.amqp.interop.TypeScriptPeer.PATIENCE;
import static dev.purista.amqp.interop.TypeScriptPeer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * TypeScript calls Java: commands and events of the {@code @purista/core} 3.2.4 vectors, published by a
 * {@link TypeScriptPeer} exactly as TypeScript's {@code AmqpBridge} publishes them, reach Java services on an
 * {@link AmqpEventBridge}; the responses arrive on the TypeScript reply queue with the body TypeScript produced
 * for the same scenario (ids, timestamps, instance ids and {@code otp} aside) and the properties and headers of
 * reference §3.2.
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

	private final List<String> sharedQueues = new CopyOnWriteArrayList<>();

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
		this.bridge.destroy();
		this.sharedQueues.forEach(this.peer.admin::deleteQueue);
		this.services
			.forEach((runtime) -> deadLetterQueues(runtime.definition()).forEach(this.peer.admin::deleteQueue));
	}

	@Test
	void typeScriptCommandGetsSuccessResponseOnItsReplyQueue() {
		ObjectNode command = this.peer.command("command-success", this.user);

		this.peer.invoke(command, Duration.ofSeconds(5));

		Message reply = this.peer.receiveReply();
		JsonNode body = body(reply);
		ObjectNode expected = expectedResponse("command-success", "commandSuccessResponse", command);
		expected.put("eventName", this.userSignedUp);
		assertThat(withoutTransportFields(body)).isEqualTo(expected);
		assertEnvelope(reply, body, command);
		assertThat(reply.getMessageProperties().getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("messageType", "commandSuccessResponse"), Map.entry("senderServiceName", this.user),
				Map.entry("senderServiceVersion", "1"), Map.entry("senderServiceTarget", "signUp"),
				Map.entry("senderInstanceId", this.bridge.instanceId()), Map.entry("receiverServiceName", "Caller"),
				Map.entry("receiverServiceVersion", "1"), Map.entry("receiverServiceTarget", "test"),
				Map.entry("receiverServiceInstanceId", this.peer.instanceId),
				Map.entry("replyTo", this.peer.replyQueue), Map.entry("eventName", this.userSignedUp),
				Map.entry("principalId", "user-1"), Map.entry("tenantId", "t-1"),
				// the command's trace context, carried on without a tracer as TypeScript carries it on
				Map.entry("traceparent", TypeScriptPeer.headers(command).get("traceparent"))));
	}

	@Test
	void handledErrorReachesTypeScriptCallerWithItsStatusMessageAndData() {
		ObjectNode command = this.peer.command("command-handled-error", this.user);

		this.peer.invoke(command, Duration.ofSeconds(5));

		Message reply = this.peer.receiveReply();
		JsonNode body = body(reply);
		assertThat(withoutTransportFields(body))
			.isEqualTo(expectedResponse("command-handled-error", "commandErrorResponse", command));
		assertThat(body.at("/payload/status").asInt()).isEqualTo(404);
		assertThat(body.get("isHandledError").asBoolean()).isTrue();
		assertEnvelope(reply, body, command);
		assertThat(reply.getMessageProperties().getHeaders())
			.containsExactlyInAnyOrderEntriesOf(typeScriptResponseHeaders(body));
	}

	@Test
	void unhandledErrorReachesTypeScriptCallerAsInternalServerErrorWithoutDetail() {
		ObjectNode command = this.peer.command("command-unhandled-error", this.user);

		this.peer.invoke(command, Duration.ofSeconds(5));

		Message reply = this.peer.receiveReply();
		JsonNode body = body(reply);
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
		assertEnvelope(reply, body, command);
		assertThat(reply.getMessageProperties().getHeaders())
			.containsExactlyInAnyOrderEntriesOf(typeScriptResponseHeaders(body));
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

		this.peer.respond(response, "amq.gen-" + Ids.newId());

		await().atMost(PATIENCE).until(() -> !this.received.isEmpty());
		assertThat(this.received).containsExactly(new SignedUp("u-1", "a@b.co"));
		assertThat(this.receivedMessages.get(0).principalId()).isEqualTo("user-1");
		assertThat(this.receivedMessages.get(0).tenantId()).isEqualTo("t-1");
	}

	@Test
	void javaInstanceJoinsCommandAndSubscriptionQueuesTypeScriptDeclared() {
		String service = "IopShared" + this.suffix;
		String event = "iopSharedEvent" + this.suffix;
		String commandQueue = "purista.cmd." + service + ".1.signUp";
		String subscriptionQueue = "purista.sub." + service + ".1.audit";
		this.sharedQueues.addAll(List.of(commandQueue, subscriptionQueue));
		this.peer.admin.declareQueue(new Queue(commandQueue, false, false, true));
		this.peer.bind(commandQueue, Map.of("messageType", "command", "receiverServiceName", service,
				"receiverServiceVersion", "1", "receiverServiceTarget", "signUp"));
		this.peer.admin.declareQueue(new Queue(subscriptionQueue, false, false, false));
		this.peer.bind(subscriptionQueue, Map.of("eventName", event));

		start(ServiceBuilder.service(service, "1")
			.command("signUp")
			.handler((payload, parameter, context) -> Map.of("userId", "u-1"))
			.subscription("audit")
			.event(event)
			.payload(WelcomeMail.class)
			.handler((payload, context) -> record(payload, context.message()))
			.build());

		ObjectNode command = this.peer.command("command-success", service);
		this.peer.invoke(command, Duration.ofSeconds(5));
		assertThat(body(this.peer.receiveReply()).get("correlationId").asString())
			.isEqualTo(command.get("correlationId").asString());
		ObjectNode emitted = this.peer.message("command-success", "customMessage");
		emitted.put("eventName", event);
		this.peer.emit(emitted);
		await().atMost(PATIENCE).until(() -> !this.received.isEmpty());
		assertThat(this.received).containsExactly(new WelcomeMail("a@b.co"));
		for (String queue : List.of(commandQueue, subscriptionQueue)) {
			assertThat(this.peer.admin.getQueueInfo(queue)).as(queue)
				.satisfies((info) -> assertThat(info.getConsumerCount()).isPositive());
		}
	}

	/**
	 * The properties TypeScript's {@code AmqpBridge} gives a response (reference §3.2).
	 */
	private void assertEnvelope(Message reply, JsonNode body, JsonNode command) {
		MessageProperties properties = reply.getMessageProperties();
		assertThat(properties.getReceivedExchange()).isEqualTo(TypeScriptPeer.EXCHANGE);
		assertThat(properties.getReceivedRoutingKey()).isEmpty();
		assertThat(properties.getMessageId()).isEqualTo(body.get("id").asString());
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
		assertThat(properties.getType()).isEqualTo(body.get("messageType").asString());
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(properties.getCorrelationId()).isEqualTo(command.get("correlationId").asString());
		assertThat(body.get("timestamp").asLong()).isCloseTo(System.currentTimeMillis(), within(60_000L));
		assertThat(TypeScriptPeer.nullFields(body)).as("fields written as null").isEmpty();
	}

	/**
	 * TypeScript's response headers for a response body: the command headers of its sender and receiver,
	 * {@code receiverServiceInstanceId} and {@code replyTo}.
	 */
	private Map<String, Object> typeScriptResponseHeaders(JsonNode body) {
		Map<String, Object> headers = TypeScriptPeer.commandHeaders(body);
		headers.put("receiverServiceInstanceId", this.peer.instanceId);
		headers.put("replyTo", this.peer.replyQueue);
		return headers;
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

	private void start(ServiceDefinition service) {
		ServiceRuntime runtime = new ServiceRuntime(service, this.environment);
		runtime.start();
		this.services.add(runtime);
	}

	/**
	 * The durable dead-letter queues the bridge declared for a service's commands and subscriptions.
	 */
	private static List<String> deadLetterQueues(ServiceDefinition service) {
		String name = service.info().name();
		String version = service.info().version();
		List<String> queues = new ArrayList<>();
		for (CommandDefinition command : service.commands()) {
			queues.add(AmqpNames.DEFAULTS.commandQueue(MessageAddress.of(name, version, command.name())));
		}
		for (SubscriptionDefinition subscription : service.subscriptions()) {
			queues.add(AmqpNames.DEFAULTS.subscriptionQueue(MessageAddress.of(name, version, subscription.name()),
					null));
		}
		return queues.stream().map(AmqpNames::deadLetterQueue).toList();
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
