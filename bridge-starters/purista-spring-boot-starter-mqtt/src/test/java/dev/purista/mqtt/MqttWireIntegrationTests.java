package dev.purista.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.core.naming.SnakeCase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link MqttEventBridge} puts on the wire, as a plain MQTT 5 client sees it, and that a response shaped like
 * TypeScript's {@code MqttBridge} sends it (13-level response topic, correlation data, no response topic) completes
 * a Java invocation: topics, QoS 1, content type, user properties, correlation data and message expiry as
 * TypeScript sets them.
 */
class MqttWireIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final MqttTestSupport mqtt = new MqttTestSupport();

	private final MessageCodec codec = new MessageCodec();

	private final String suffix = Ids.newId().substring(0, 8);

	private final String peerLevel = SnakeCase.convert("WirePeer" + this.suffix);

	private final BlockingQueue<Mqtt5Publish> seen = new LinkedBlockingQueue<>();

	private Mqtt5AsyncClient peer;

	private MqttEventBridge bridge;

	@BeforeEach
	void connect() throws Exception {
		this.peer = MqttClient.builder()
			.useMqttVersion5()
			.identifier("peer" + this.suffix)
			.serverHost(this.mqtt.address.host())
			.serverPort(this.mqtt.address.port())
			.buildAsync();
		this.peer.publishes(MqttGlobalPublishFilter.ALL, this.seen::add);
		this.peer.connect().get(10, TimeUnit.SECONDS);
		this.peer.subscribeWith().topicFilter("purista/+/+/+/+/+/+/+/+/+/" + this.peerLevel + "/+/+")
			.qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
		this.peer.subscribeWith().topicFilter("purista/custom_message/#").qos(MqttQos.AT_LEAST_ONCE).send()
			.get(10, TimeUnit.SECONDS);
		this.bridge = this.mqtt.bridge(MqttEventBridgeOptions.builder().defaultCommandTimeout(Duration.ofSeconds(5))
			.build());
		this.bridge.start();
	}

	@AfterEach
	void disconnect() throws Exception {
		if (this.bridge != null) {
			this.bridge.destroy();
		}
		if (this.peer != null) {
			this.peer.disconnect().get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void commandAndTypeScriptShapedResponseCompleteTheInvocation() throws Exception {
		MessageAddress receiver = MessageAddress.of("WirePeer" + this.suffix, "1", "echo");
		Command command = Messages.command(MessageAddress.of("WireCaller", "1", "callIt"), receiver, "hello", null,
				null, "user-1", null, null);

		CompletableFuture<CommandSuccessResponse> invocation = this.bridge.invoke(command, Duration.ofMillis(2600));

		Mqtt5Publish published = this.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(published).isNotNull();
		Command sent = (Command) this.codec.decode(published.getPayloadAsBytes());
		String caller = SnakeCase.convert(this.bridge.instanceId());
		assertThat(published.getTopic().toString()).isEqualTo("purista/command/user_1/none/" + caller
				+ "/wire_caller/1/call_it/none/none/" + this.peerLevel + "/1/echo");
		assertThat(published.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
		assertThat(published.getContentType()).hasValueSatisfying((type) -> assertThat(type.toString())
			.isEqualTo("application/json"));
		assertThat(MqttEventBridge.correlationId(published)).isEqualTo(sent.correlationId());
		assertThat(published.getResponseTopic()).isEmpty();
		assertThat(published.getMessageExpiryInterval()).hasValue(3);
		assertThat(userProperties(published)).containsOnly(Map.entry("messageType", "command"),
				Map.entry("senderServiceName", "WireCaller"), Map.entry("senderServiceVersion", "1"),
				Map.entry("senderServiceTarget", "callIt"), Map.entry("senderInstanceId", this.bridge.instanceId()),
				Map.entry("receiverServiceName", receiver.serviceName()), Map.entry("receiverServiceVersion", "1"),
				Map.entry("receiverServiceTarget", "echo"), Map.entry("principalId", "user-1"));

		CommandSuccessResponse response = Messages.success(sent, "tspeer1", "echoed", null, null);
		this.peer.publishWith()
			.topic(this.bridge.topics().topic(response))
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload(this.codec.encode(response))
			.correlationData(sent.correlationId().getBytes(StandardCharsets.UTF_8))
			.send()
			.get(10, TimeUnit.SECONDS);

		assertThat(invocation.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).correlationId()).isEqualTo(sent.correlationId());
	}

	@Test
	void responseSentByTheBridgeCarriesCorrelationDataAndTypeScriptsExpiry() throws Exception {
		MessageAddress things = MessageAddress.of("WirePeer" + this.suffix, "1", "createThing");
		this.bridge.registerCommand(things, (command) -> CompletableFuture.completedFuture(
				Messages.success(command, this.bridge.instanceId(), "done", null, null)),
				dev.purista.core.bridge.CommandOptions.DEFAULTS);
		Command command = Messages.command(new MessageAddress("WireCaller", "1", "callIt", "tsCaller1"), things,
				null, null, null, null, null, null);
		// TypeScript's response subscription of the caller instance
		this.peer.subscribeWith().topicFilter("purista/+/+/+/+/+/+/+/+/ts_caller1/+/+/+").qos(MqttQos.AT_LEAST_ONCE)
			.send().get(10, TimeUnit.SECONDS);
		// as a TypeScript caller: sender instance set, correlation data, no response topic
		this.peer.publishWith()
			.topic(this.bridge.topics().topic(command))
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload(this.codec.encode(command))
			.correlationData(command.correlationId().getBytes(StandardCharsets.UTF_8))
			.send()
			.get(10, TimeUnit.SECONDS);

		Mqtt5Publish response = this.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		while (response != null && !response.getTopic().toString().startsWith("purista/command_success_response/")) {
			// the peer's own command comes back first: it matches the peer's subscription too
			response = this.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		assertThat(response).isNotNull();
		assertThat(response.getTopic().toString()).isEqualTo("purista/command_success_response/none/none/"
				+ SnakeCase.convert(this.bridge.instanceId()) + "/" + this.peerLevel + "/1/create_thing/none/ts_caller1/wire_caller/1/call_it");
		assertThat(MqttEventBridge.correlationId(response)).isEqualTo(command.correlationId());
		assertThat(response.getMessageExpiryInterval()).as("TypeScript's default command timeout in ms, as seconds")
			.hasValue(5000);
		assertThat(userProperties(response)).containsEntry("receiverInstanceId", "tsCaller1")
			.containsEntry("messageType", "commandSuccessResponse");
	}

	@Test
	void eventsExpireAfterThirtyDaysAndCarryNoCorrelationData() throws Exception {
		this.bridge.emitMessage(Messages.custom(MessageAddress.of("WirePeer" + this.suffix, "1", "emit"), "thingMade",
				"x", null, null, "tenant-1", null));

		Mqtt5Publish event = this.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		assertThat(event).isNotNull();
		assertThat(event.getTopic().toString()).isEqualTo("purista/custom_message/none/tenant_1/"
				+ SnakeCase.convert(this.bridge.instanceId()) + "/" + this.peerLevel + "/1/emit/thing_made/none/none/none/none");
		assertThat(event.getMessageExpiryInterval()).hasValue(2_592_000);
		assertThat(event.getCorrelationData()).isEmpty();
		assertThat(userProperties(event)).containsEntry("eventName", "thingMade").containsEntry("tenantId", "tenant-1")
			.doesNotContainKey("receiverServiceName");
	}

	private static Map<String, String> userProperties(Mqtt5Publish publish) {
		Map<String, String> properties = new TreeMap<>();
		publish.getUserProperties().asList().forEach((property) -> properties.put(property.getName().toString(),
				property.getValue().toString()));
		return properties;
	}

}
