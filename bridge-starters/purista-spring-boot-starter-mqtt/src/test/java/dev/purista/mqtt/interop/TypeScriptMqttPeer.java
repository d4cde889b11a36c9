package dev.purista.mqtt.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.naming.SnakeCase;
import dev.purista.mqtt.MqttTestSupport;

import static org.assertj.core.api.Assertions.fail;

/**
 * One instance of TypeScript PURISTA's {@code MqttBridge}, played with a plain HiveMQ MQTT 5 client: it publishes the
 * messages of the {@code @purista/core} 3.2.4 vectors ({@code purista-vectors/}) on TypeScript's topics
 * ({@code getTopicName}), with its user properties, correlation data, content type and message expiry
 * ({@code MqttBridge.emitMessage}/{@code invoke}, {@code getCommandHandler}; NEXTWAVE "Observed live"). Written
 * from those facts, not from {@code MqttTopics} or {@code MqttUserProperties}, so that it can disagree with the Java
 * bridge; only the snake-casing is the shared {@link SnakeCase}, which has its own vectors.
 */
final class TypeScriptMqttPeer implements AutoCloseable {

	static final Duration PATIENCE = Duration.ofSeconds(10);

	static final JsonMapper JSON = MessageCodec.defaultMapper();

	private static final JsonNode SCENARIOS = load("/purista-vectors/default-bridge-scenarios.json");

	/** TypeScript's {@code emptyTopicPartString '__none__'}, snake-cased. */
	private static final String NONE = "none";

	private static final String[] TRACE_FIELDS = { "traceparent", "tracestate", "baggage" };

	/** This instance's id, TypeScript's {@code sender.instanceId} and MQTT client id. */
	final String instanceId = Ids.newId();

	private final Mqtt5AsyncClient client;

	private final BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();

	TypeScriptMqttPeer(MqttTestSupport mqtt) {
		this.client = MqttClient.builder()
			.useMqttVersion5()
			.identifier(this.instanceId)
			.serverHost(mqtt.address.host())
			.serverPort(mqtt.address.port())
			.buildAsync();
		this.client.publishes(MqttGlobalPublishFilter.ALL, this.received::add);
		await(this.client.connectWith().cleanStart(true).send());
	}

	/**
	 * A copy of the first message of a vector scenario with the given type, without the top-level
	 * {@code instanceId} only TypeScript's in-memory bridge adds.
	 */
	static ObjectNode vector(String scenario, String messageType) {
		for (JsonNode entry : SCENARIOS) {
			if (entry.get("scenario").asString().equals(scenario)) {
				for (JsonNode message : entry.get("messages")) {
					if (message.get("messageType").asString().equals(messageType)) {
						ObjectNode copy = (ObjectNode) message.deepCopy();
						copy.remove("instanceId");
						return copy;
					}
				}
			}
		}
		return fail("no " + messageType + " in vector scenario " + scenario);
	}

	/**
	 * The resolved value of a vector scenario's invocation.
	 */
	static JsonNode outcome(String scenario) {
		for (JsonNode entry : SCENARIOS) {
			if (entry.get("scenario").asString().equals(scenario)) {
				return entry.get("outcome").get("resolved");
			}
		}
		return fail("no vector scenario " + scenario);
	}

	/**
	 * A vector message as this instance sends it: new id, sent now, with this instance's id as sender instance.
	 */
	ObjectNode stamp(ObjectNode message) {
		message.put("id", Ids.newId());
		message.put("timestamp", System.currentTimeMillis());
		((ObjectNode) message.get("sender")).put("instanceId", this.instanceId);
		return message;
	}

	/** Subscribe, QoS 1 ({@code qoSSubscription}). */
	void subscribe(String filter) {
		await(this.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send());
	}

	/** TypeScript's response subscription of this instance ({@code getCommandResponseSubscriptionTopic}). */
	void subscribeToResponses() {
		subscribe("purista/+/+/+/+/+/+/+/+/" + SnakeCase.convert(this.instanceId) + "/+/+/+");
	}

	/** TypeScript's command subscription of a command ({@code getCommandSubscriptionTopic}, shared). */
	void subscribeToCommand(String serviceName, String version, String command) {
		subscribe("$share/sharedpurista/purista/command/+/+/+/+/+/+/+/+/" + SnakeCase.convert(serviceName) + "/"
				+ SnakeCase.convert(version) + "/" + SnakeCase.convert(command));
	}

	/**
	 * {@code invoke}: the command on its topic with the command's user properties, correlation data and the
	 * timeout as expiry, no response topic.
	 */
	void invoke(ObjectNode command, Duration timeout) {
		publish(command, command.get("correlationId").asString(), Math.round(timeout.toMillis() / 1000.0));
	}

	/** {@code emitMessage}: the message on its topic, expiry {@code defaultMessageExpiryInterval} (30 days). */
	void emit(ObjectNode message) {
		publish(message, null, 2_592_000);
	}

	/**
	 * A command handler's answer ({@code getCommandHandler}): one publish on the response's topic with correlation
	 * data; expiry 2592 with an event name, else the default command timeout's 30000 ms as seconds.
	 */
	void respond(ObjectNode response) {
		publish(response, response.get("correlationId").asString(), response.hasNonNull("eventName") ? 2592 : 30_000);
	}

	private void publish(ObjectNode message, @Nullable String correlationId, long expiry) {
		var publish = this.client.publishWith()
			.topic(topic(message))
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload(JSON.writeValueAsBytes(message))
			.contentType("application/json")
			.userProperties(userProperties(message))
			.messageExpiryInterval(expiry);
		if (correlationId != null) {
			publish.correlationData(correlationId.getBytes(StandardCharsets.UTF_8));
		}
		await(publish.send());
	}

	/** The next publish this peer received that matches, skipping others. */
	Mqtt5Publish next(Predicate<Mqtt5Publish> matching) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		try {
			while (System.nanoTime() < deadline) {
				Mqtt5Publish publish = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (publish != null && matching.test(publish)) {
					return publish;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return fail("the TypeScript peer received no matching publish within " + PATIENCE);
	}

	/**
	 * TypeScript's topic of a message ({@code getTopicName}): prefix {@code purista}, then snake-cased message type,
	 * principal id, tenant id, sender instance id, name, version, target, event name, receiver instance id, name,
	 * version, target; an absent part is {@code none}.
	 */
	static String topic(JsonNode message) {
		JsonNode sender = message.get("sender");
		JsonNode receiver = message.get("receiver");
		return String.join("/", "purista", part(message.get("messageType")), part(message.get("principalId")),
				part(message.get("tenantId")), part(sender.get("instanceId")), part(sender.get("serviceName")),
				part(sender.get("serviceVersion")), part(sender.get("serviceTarget")), part(message.get("eventName")),
				part((receiver != null) ? receiver.get("instanceId") : null),
				part((receiver != null) ? receiver.get("serviceName") : null),
				part((receiver != null) ? receiver.get("serviceVersion") : null),
				part((receiver != null) ? receiver.get("serviceTarget") : null));
	}

	private static String part(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.asString().isEmpty()) {
			return NONE;
		}
		return SnakeCase.convert(value.asString());
	}

	/**
	 * TypeScript's user properties of a message: the sender, the receiver on commands and responses, event name,
	 * principal and tenant when set, and the W3C fields of {@code otp} ({@code serializeOtpToMqtt}).
	 */
	static Map<String, String> expectedUserProperties(JsonNode message) {
		Map<String, String> properties = new TreeMap<>();
		properties.put("messageType", message.get("messageType").asString());
		JsonNode sender = message.get("sender");
		properties.put("senderServiceName", sender.get("serviceName").asString());
		properties.put("senderServiceVersion", sender.get("serviceVersion").asString());
		properties.put("senderServiceTarget", sender.get("serviceTarget").asString());
		putIfPresent(properties, "senderInstanceId", sender.get("instanceId"));
		String type = message.get("messageType").asString();
		JsonNode receiver = message.get("receiver");
		if (receiver != null && type.startsWith("command")) {
			properties.put("receiverServiceName", receiver.get("serviceName").asString());
			properties.put("receiverServiceVersion", receiver.get("serviceVersion").asString());
			properties.put("receiverServiceTarget", receiver.get("serviceTarget").asString());
			putIfPresent(properties, "receiverInstanceId", receiver.get("instanceId"));
		}
		putIfPresent(properties, "eventName", message.get("eventName"));
		putIfPresent(properties, "principalId", message.get("principalId"));
		putIfPresent(properties, "tenantId", message.get("tenantId"));
		JsonNode otp = message.get("otp");
		if (otp != null && !otp.isNull()) {
			JsonNode carrier = JSON.readTree(otp.asString());
			for (String field : TRACE_FIELDS) {
				putIfPresent(properties, field, carrier.get(field));
			}
		}
		return properties;
	}

	private static Mqtt5UserProperties userProperties(JsonNode message) {
		Mqtt5UserPropertiesBuilder builder = Mqtt5UserProperties.builder();
		expectedUserProperties(message).forEach(builder::add);
		return builder.build();
	}

	private static void putIfPresent(Map<String, String> properties, String name, @Nullable JsonNode value) {
		if (value != null && !value.isNull() && !value.asString().isEmpty()) {
			properties.put(name, value.asString());
		}
	}

	/** The user properties of a received publish. */
	static Map<String, String> userPropertiesOf(Mqtt5Publish publish) {
		Map<String, String> properties = new TreeMap<>();
		publish.getUserProperties()
			.asList()
			.forEach((property) -> properties.put(property.getName().toString(), property.getValue().toString()));
		return properties;
	}

	/** The body of a received publish. */
	static ObjectNode body(Mqtt5Publish publish) {
		return (ObjectNode) JSON.readTree(publish.getPayloadAsBytes());
	}

	/** The correlation data of a received publish as text, or {@code null}. */
	static @Nullable String correlationData(Mqtt5Publish publish) {
		return publish.getCorrelationData()
			.map((data) -> StandardCharsets.UTF_8.decode(data.duplicate()).toString())
			.orElse(null);
	}

	/** The top-level field names of a JSON object, in order. */
	@SuppressWarnings("unchecked")
	static Set<String> fields(JsonNode message) {
		return JSON.convertValue(message, LinkedHashMap.class).keySet();
	}

	@Override
	public void close() {
		await(this.client.disconnect());
	}

	private static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode load(String resource) {
		try (InputStream in = TypeScriptMqttPeer.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing test resource " + resource);
			}
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
