package dev.purista.mqtt.interop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.core.naming.SnakeCase;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttTestSupport;

import static dev.purista.mqtt.interop.TypeScriptMqttPeer.JSON;
import static dev.purista.mqtt.interop.TypeScriptMqttPeer.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Java's {@link MqttEventBridge} and a TypeScript-shaped {@code MqttBridge} instance ({@link TypeScriptMqttPeer}) on
 * one mosquitto, both ways, with the messages of the {@code @purista/core} vectors: every topic level, user
 * property, correlation data, expiry and body field the Java bridge sends is checked against what TypeScript sends
 * and binds to, and TypeScript-shaped commands, responses and events get the PURISTA behaviour on the Java side.
 */
class MqttTypeScriptInteropIntegrationTests {

	private final MqttTestSupport mqtt = new MqttTestSupport();

	private final String suffix = Ids.newId().substring(0, 8);

	private final String user = "User" + this.suffix;

	private TypeScriptMqttPeer peer;

	private MqttEventBridge bridge;

	@BeforeEach
	void start() {
		this.peer = new TypeScriptMqttPeer(this.mqtt);
		this.bridge = this.mqtt.bridge(MqttEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
		this.bridge.start();
	}

	@AfterEach
	void stop() {
		this.bridge.destroy();
		this.peer.close();
	}

	@Test
	void typeScriptCommandGetsAJavaResponseShapedAsTypeScriptsOnTheCallersResponseTopic() {
		this.bridge.registerCommand(MessageAddress.of(this.user, "1", "signUp"), (command) -> {
			JsonNode payload = (JsonNode) command.payload().payload();
			return CompletableFuture.completedFuture(Messages.success(command, this.bridge.instanceId(),
					Map.of("userId", "u-1", "email", payload.get("email").asString()), "userSignedUp", command.otp()));
		}, CommandOptions.DEFAULTS);
		this.peer.subscribeToResponses();
		ObjectNode command = this.peer.stamp(TypeScriptMqttPeer.vector("command-success", "command"));
		command.put("correlationId", Ids.newId());
		((ObjectNode) command.get("receiver")).put("serviceName", this.user);

		this.peer.invoke(command, Duration.ofSeconds(30));

		Mqtt5Publish published = this.peer
			.next((publish) -> publish.getTopic().toString().startsWith("purista/command_success_response/"));
		ObjectNode response = TypeScriptMqttPeer.body(published);
		ObjectNode expected = TypeScriptMqttPeer.vector("command-success", "commandSuccessResponse");
		assertThat(TypeScriptMqttPeer.fields(response)).as("the body fields of TypeScript's response")
			.containsExactlyInAnyOrderElementsOf(TypeScriptMqttPeer.fields(expected));
		assertThat(response.get("correlationId").asString()).isEqualTo(command.get("correlationId").asString());
		for (String same : List.of("traceId", "principalId", "tenantId", "contentType", "contentEncoding",
				"eventName", "messageType", "payload")) {
			assertThat(response.get(same)).as(same).isEqualTo(expected.get(same));
		}
		assertThat(response.get("receiver")).isEqualTo(command.get("sender"));
		assertThat(response.get("sender").get("instanceId").asString()).isEqualTo(this.bridge.instanceId());
		assertThat(published.getTopic().toString()).isEqualTo(TypeScriptMqttPeer.topic(response))
			.isEqualTo("purista/command_success_response/user_1/t_1/" + SnakeCase.convert(this.bridge.instanceId())
					+ "/" + SnakeCase.convert(this.user) + "/1/sign_up/user_signed_up/"
					+ SnakeCase.convert(this.peer.instanceId) + "/caller/1/test");
		assertThat(TypeScriptMqttPeer.userPropertiesOf(published))
			.isEqualTo(TypeScriptMqttPeer.expectedUserProperties(response));
		assertThat(TypeScriptMqttPeer.correlationData(published)).isEqualTo(command.get("correlationId").asString());
		assertThat(published.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
		assertThat(published.getContentType()).hasValueSatisfying(
				(type) -> assertThat(type.toString()).isEqualTo("application/json"));
		assertThat(published.getResponseTopic()).isEmpty();
		assertThat(published.getMessageExpiryInterval()).as("msToSec(defaultMessageExpiryInterval) with an event name")
			.hasValue(2592);
	}

	@Test
	void typeScriptCommandThatFailsGetsTypeScriptsErrorResponse() {
		this.bridge.registerCommand(MessageAddress.of(this.user, "1", "getUser"),
				(command) -> CompletableFuture.failedFuture(new HandledException(404, "user not found",
						Map.of("id", ((JsonNode) command.payload().parameter()).get("id").asString()), command.traceId())),
				CommandOptions.DEFAULTS);
		this.peer.subscribeToResponses();
		ObjectNode command = this.peer.stamp(TypeScriptMqttPeer.vector("command-handled-error", "command"));
		command.put("correlationId", Ids.newId());
		((ObjectNode) command.get("receiver")).put("serviceName", this.user);

		this.peer.invoke(command, Duration.ofSeconds(30));

		Mqtt5Publish published = this.peer
			.next((publish) -> publish.getTopic().toString().startsWith("purista/command_error_response/"));
		ObjectNode response = TypeScriptMqttPeer.body(published);
		ObjectNode expected = TypeScriptMqttPeer.vector("command-handled-error", "commandErrorResponse");
		assertThat(TypeScriptMqttPeer.fields(response)).containsExactlyInAnyOrderElementsOf(TypeScriptMqttPeer.fields(expected));
		assertThat(response.get("payload")).isEqualTo(expected.get("payload"));
		assertThat(response.get("isHandledError")).isEqualTo(expected.get("isHandledError"));
		assertThat(published.getTopic().toString()).isEqualTo(TypeScriptMqttPeer.topic(response));
		assertThat(TypeScriptMqttPeer.userPropertiesOf(published))
			.isEqualTo(TypeScriptMqttPeer.expectedUserProperties(response));
		assertThat(TypeScriptMqttPeer.correlationData(published)).isEqualTo(command.get("correlationId").asString());
		assertThat(published.getMessageExpiryInterval()).as("the default command timeout's ms as seconds")
			.hasValue(this.bridge.defaultCommandTimeout().toMillis());
	}

	@Test
	void javaCommandReachesATypeScriptHandlerAsTypeScriptSendsItAndItsResponseResolvesTheInvocation() throws Exception {
		this.peer.subscribeToCommand(this.user, "1", "signUp");
		JsonNode vectorCommand = TypeScriptMqttPeer.vector("command-success", "command");
		Command command = Messages.command(MessageAddress.of("Caller", "1", "test"),
				MessageAddress.of(this.user, "1", "signUp"),
				JSON.convertValue(vectorCommand.get("payload").get("payload"), Map.class), Map.of(), null, "user-1",
				"t-1", null);

		CompletableFuture<dev.purista.core.message.CommandSuccessResponse> invocation = this.bridge.invoke(command,
				Duration.ofSeconds(10));

		Mqtt5Publish published = this.peer.next((publish) -> publish.getTopic().toString().startsWith("purista/command/"));
		ObjectNode sent = TypeScriptMqttPeer.body(published);
		Set<String> vectorFields = TypeScriptMqttPeer.fields(vectorCommand);
		assertThat(TypeScriptMqttPeer.fields(sent)).as("TypeScript's command fields (otp only with a trace)")
			.containsAll(vectorFields.stream().filter((field) -> !field.equals("otp") && !field.equals("traceId")).toList())
			.isSubsetOf(vectorFields);
		assertThat(sent.get("payload")).isEqualTo(vectorCommand.get("payload"));
		assertThat(published.getTopic().toString()).isEqualTo(TypeScriptMqttPeer.topic(sent))
			.isEqualTo("purista/command/user_1/t_1/" + SnakeCase.convert(this.bridge.instanceId())
					+ "/caller/1/test/none/none/" + SnakeCase.convert(this.user) + "/1/sign_up");
		assertThat(TypeScriptMqttPeer.userPropertiesOf(published))
			.isEqualTo(TypeScriptMqttPeer.expectedUserProperties(sent));
		assertThat(TypeScriptMqttPeer.correlationData(published)).isEqualTo(sent.get("correlationId").asString());
		assertThat(published.getResponseTopic()).isEmpty();
		assertThat(published.getMessageExpiryInterval()).hasValue(10);

		ObjectNode response = TypeScriptMqttPeer.vector("command-success", "commandSuccessResponse");
		response.put("id", Ids.newId());
		response.put("correlationId", sent.get("correlationId").asString());
		response.put("timestamp", System.currentTimeMillis());
		response.set("receiver", sent.get("sender"));
		response.set("sender", JSON.createObjectNode()
			.put("serviceName", this.user)
			.put("serviceVersion", "1")
			.put("serviceTarget", "signUp")
			.put("instanceId", this.peer.instanceId));
		this.peer.respond(response);

		Object payload = invocation.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).payload();
		assertThat((JsonNode) JSON.valueToTree(payload)).isEqualTo(TypeScriptMqttPeer.outcome("command-success"));
	}

	@Test
	void eventsCrossBothWaysAsTypeScriptSendsThem() {
		List<Message> received = new CopyOnWriteArrayList<>();
		String email = "Email" + this.suffix;
		this.bridge.registerSubscription(SubscriptionRegistration.of(
				MessageAddress.of("Audit" + this.suffix, "1", "onWelcomeMail"),
				SubscriptionFilter.event("welcomeMailSent").withSender(email, null, null, null)),
				(message) -> {
					received.add(message);
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});
		ObjectNode tsEvent = this.peer.stamp(TypeScriptMqttPeer.vector("command-success", "customMessage"));
		((ObjectNode) tsEvent.get("sender")).put("serviceName", email);

		this.peer.emit(tsEvent);

		await().atMost(PATIENCE).until(() -> received.size() == 1);
		assertThat((JsonNode) JSON.valueToTree(received.get(0).payload())).isEqualTo(tsEvent.get("payload"));
		assertThat(received.get(0).id()).isEqualTo(tsEvent.get("id").asString());

		this.peer.subscribe("purista/custom_message/+/+/+/" + SnakeCase.convert(email) + "/#");
		this.bridge.emitMessage(Messages.custom(MessageAddress.of(email, "1", "sendWelcomeMail"), "welcomeMailSent",
				Map.of("to", "a@b.co"), null, null, null, null));
		Mqtt5Publish published = this.peer
			.next((publish) -> TypeScriptMqttPeer.body(publish).get("sender").get("instanceId") != null
					&& this.bridge.instanceId().equals(TypeScriptMqttPeer.body(publish).get("sender").get("instanceId").asString()));
		ObjectNode sent = TypeScriptMqttPeer.body(published);
		Set<String> vectorFields = TypeScriptMqttPeer.fields(tsEvent);
		assertThat(TypeScriptMqttPeer.fields(sent)).as("TypeScript's event fields (otp only with a trace)")
			.containsAll(vectorFields.stream().filter((field) -> !field.equals("otp")).toList())
			.isSubsetOf(vectorFields);
		assertThat(published.getTopic().toString()).isEqualTo(TypeScriptMqttPeer.topic(sent));
		assertThat(TypeScriptMqttPeer.userPropertiesOf(published))
			.isEqualTo(TypeScriptMqttPeer.expectedUserProperties(sent));
		assertThat(TypeScriptMqttPeer.correlationData(published)).isNull();
		assertThat(published.getMessageExpiryInterval()).hasValue(2_592_000);
	}

}
