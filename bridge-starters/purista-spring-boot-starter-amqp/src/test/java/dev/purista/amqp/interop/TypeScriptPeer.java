package dev.purista.amqp.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.HeadersExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.purista.amqp.RabbitTestSupport;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageCodec;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * One instance of TypeScript PURISTA's {@code AmqpBridge} (v3), played with a plain {@link RabbitTemplate}: it
 * publishes the messages of the {@code @purista/core} 3.2.4 vectors ({@code purista-vectors/}) with the
 * properties and headers TypeScript gives them (reference §2.7, §3.2) and has a reply queue declared as
 * TypeScript declares it: server-named, exclusive, auto-delete, bound to exchange {@code purista} with
 * {@code {x-match: all, replyTo: <queue>}}. Written from the reference, not from {@code AmqpHeaders}, so that it
 * can disagree with the Java bridge.
 */
final class TypeScriptPeer {

	/** TypeScript's exchange. */
	static final String EXCHANGE = "purista";

	/** How long tests wait for something that should happen promptly. */
	static final Duration PATIENCE = Duration.ofSeconds(10);

	/** W3C trace context with {@code tracestate}, as TypeScript's propagator writes it into {@code otp}. */
	static final String OTP = "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
			+ "\"tracestate\":\"purista=1\"}";

	static final JsonMapper JSON = MessageCodec.defaultMapper();

	private static final JsonNode SCENARIOS = load("/purista-vectors/default-bridge-scenarios.json");

	private static final String[] TRACE_HEADERS = { "traceparent", "tracestate", "baggage" };

	/** This instance's id, TypeScript's {@code sender.instanceId}. */
	final String instanceId = Ids.newId();

	/** The server-named reply queue. */
	final String replyQueue;

	final RabbitTemplate template;

	final RabbitAdmin admin;

	TypeScriptPeer(RabbitTestSupport rabbit) {
		this.template = rabbit.template;
		this.admin = new RabbitAdmin(rabbit.connectionFactory);
		this.admin.declareExchange(new HeadersExchange(EXCHANGE, true, false));
		this.replyQueue = Objects.requireNonNull(this.admin.declareQueue()).getName();
		bind(this.replyQueue, Map.of("replyTo", this.replyQueue));
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
	 * The command of a vector scenario as this instance sends it to {@code serviceName}: new id and correlation
	 * id, sent now, with this instance's id.
	 */
	ObjectNode command(String scenario, String serviceName) {
		ObjectNode command = stamp(vector(scenario, "command"));
		command.put("correlationId", Ids.newId());
		((ObjectNode) command.get("receiver")).put("serviceName", serviceName);
		return command;
	}

	/**
	 * A message of a vector scenario as this instance emits it: new id, sent now, with this instance's id.
	 */
	ObjectNode message(String scenario, String messageType) {
		return stamp(vector(scenario, messageType));
	}

	/**
	 * {@code invoke}: the command with {@code correlationId}, {@code replyTo} and {@code expiration}
	 * properties and the command headers.
	 */
	void invoke(ObjectNode command, Duration timeout) {
		Message amqp = amqp(command, commandHeaders(command));
		amqp.getMessageProperties().setCorrelationId(command.get("correlationId").asString());
		amqp.getMessageProperties().setReplyTo(this.replyQueue);
		amqp.getMessageProperties().setExpiration(Long.toString(Math.max(1, timeout.toMillis())));
		this.template.send(EXCHANGE, "", amqp);
	}

	/**
	 * {@code emitMessage}: the message with the emit headers.
	 */
	void emit(ObjectNode message) {
		this.template.send(EXCHANGE, "", amqp(message, headers(message)));
	}

	/**
	 * A command handler's answer: the response with the command headers of its own sender and receiver plus
	 * {@code receiverServiceInstanceId} and {@code replyTo}, and the {@code correlationId} property.
	 */
	void respond(ObjectNode response, String replyTo) {
		Map<String, Object> headers = commandHeaders(response);
		putText(headers, "receiverServiceInstanceId", response.get("receiver"), "instanceId");
		headers.put("replyTo", replyTo);
		Message amqp = amqp(response, headers);
		amqp.getMessageProperties().setCorrelationId(response.get("correlationId").asString());
		this.template.send(EXCHANGE, "", amqp);
	}

	/**
	 * Publish raw bytes to the exchange with the given headers, as a broken or foreign publisher would.
	 */
	void publishRaw(byte[] body, Map<String, Object> headers) {
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.getHeaders().putAll(headers);
		this.template.send(EXCHANGE, "", new Message(body, properties));
	}

	/**
	 * Declare a server-named exclusive queue (TypeScript's queue of a subscription delivered to every instance)
	 * bound to the exchange with {@code x-match: all} on the given headers.
	 */
	String queueBoundTo(Map<String, Object> headers) {
		String queue = Objects.requireNonNull(this.admin.declareQueue()).getName();
		bind(queue, headers);
		return queue;
	}

	/**
	 * Wait for the next message of a queue (polling with {@code basic.get}, so that auto-delete queues stay).
	 */
	Message receive(String queue) {
		return await().atMost(PATIENCE).until(() -> this.template.receive(queue), Objects::nonNull);
	}

	/**
	 * Wait for this instance's next response.
	 */
	Message receiveReply() {
		return receive(this.replyQueue);
	}

	static JsonNode body(Message message) {
		return JSON.readTree(message.getBody());
	}

	/**
	 * The paths of fields and elements written as JSON {@code null} (TypeScript omits absent fields, §2.1).
	 */
	static List<String> nullFields(JsonNode node) {
		List<String> paths = new ArrayList<>();
		collectNulls(node, "", paths);
		return paths;
	}

	static byte[] bytes(JsonNode node) {
		return JSON.writeValueAsBytes(node);
	}

	/**
	 * TypeScript's emit headers: type, sender, event name, principal, tenant and the trace headers of
	 * {@code otp}; absent values are left out.
	 */
	static Map<String, Object> headers(JsonNode message) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("messageType", message.get("messageType").asString());
		JsonNode sender = message.get("sender");
		putText(headers, "senderServiceName", sender, "serviceName");
		putText(headers, "senderServiceVersion", sender, "serviceVersion");
		putText(headers, "senderServiceTarget", sender, "serviceTarget");
		putText(headers, "senderInstanceId", sender, "instanceId");
		putText(headers, "eventName", message, "eventName");
		putText(headers, "principalId", message, "principalId");
		putText(headers, "tenantId", message, "tenantId");
		if (message.hasNonNull("otp")) {
			JsonNode otp = JSON.readTree(message.get("otp").asString());
			for (String name : TRACE_HEADERS) {
				putText(headers, name, otp, name);
			}
		}
		return headers;
	}

	/**
	 * TypeScript's command headers: the emit headers and the receiver without its instance id.
	 */
	static Map<String, Object> commandHeaders(JsonNode message) {
		Map<String, Object> headers = headers(message);
		JsonNode receiver = message.get("receiver");
		putText(headers, "receiverServiceName", receiver, "serviceName");
		putText(headers, "receiverServiceVersion", receiver, "serviceVersion");
		putText(headers, "receiverServiceTarget", receiver, "serviceTarget");
		return headers;
	}

	private ObjectNode stamp(ObjectNode message) {
		message.put("id", Ids.newId());
		message.put("timestamp", System.currentTimeMillis());
		((ObjectNode) message.get("sender")).put("instanceId", this.instanceId);
		return message;
	}

	/**
	 * TypeScript's message properties; amqplib writes {@code timestamp} in milliseconds where AMQP clients read
	 * seconds, so the Java client is given a date whose seconds are TypeScript's milliseconds.
	 */
	static Message amqp(JsonNode message, Map<String, Object> headers) {
		MessageProperties properties = new MessageProperties();
		properties.setMessageId(message.get("id").asString());
		properties.setTimestamp(new Date(message.get("timestamp").asLong() * 1000));
		properties.setContentType("application/json");
		properties.setContentEncoding("utf-8");
		properties.setType(message.get("messageType").asString());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.getHeaders().putAll(headers);
		return new Message(bytes(message), properties);
	}

	private static void collectNulls(JsonNode node, String path, List<String> paths) {
		if (node.isNull()) {
			paths.add(path);
		}
		else if (node.isObject()) {
			node.properties().forEach((entry) -> collectNulls(entry.getValue(), path + "/" + entry.getKey(), paths));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collectNulls(node.get(i), path + "/" + i, paths);
			}
		}
	}

	/**
	 * Bind a queue to the exchange with {@code x-match: all} on the given headers.
	 */
	void bind(String queue, Map<String, Object> headers) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("x-match", "all");
		arguments.putAll(headers);
		this.admin.declareBinding(new Binding(queue, DestinationType.QUEUE, EXCHANGE, "", arguments));
	}

	private static void putText(Map<String, Object> headers, String header, JsonNode node, String field) {
		if (node != null && node.hasNonNull(field)) {
			headers.put(header, node.get(field).asString());
		}
	}

	private static JsonNode load(String resource) {
		try (InputStream in = TypeScriptPeer.class.getResourceAsStream(resource)) {
			return JSON.readTree(Objects.requireNonNull(in, resource));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
