package dev.purista.nats.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.naming.SnakeCase;
import dev.purista.nats.NatsTestSupport;

import static org.assertj.core.api.Assertions.fail;

/**
 * One instance of TypeScript PURISTA's {@code NatsBridge}, played with a plain jnats connection: it publishes the
 * messages of the {@code @purista/core} 3.2.4 vectors ({@code purista-vectors/}) on the subjects, reply inboxes and
 * with the headers TypeScript uses (observed live from the TypeScript bridge, {@code NEXTWAVE.md} "Observed live";
 * reference §3.4): commands as requests on {@code _INBOX.<nuid>.<n>} without headers, events and responses with the
 * broker headers. Written from those facts, not from {@code NatsSubjects} or {@code NatsHeaders}, so that it can
 * disagree with the Java bridge; only the snake-casing is the shared {@link SnakeCase}, which has its own vectors.
 */
final class TypeScriptPeer implements AutoCloseable {

	/** How long tests wait for something that should happen promptly. */
	static final Duration PATIENCE = Duration.ofSeconds(10);

	static final JsonMapper JSON = MessageCodec.defaultMapper();

	private static final JsonNode SCENARIOS = load("/purista-vectors/default-bridge-scenarios.json");

	private static final String[] TRACE_HEADERS = { "traceparent", "tracestate", "baggage" };

	/** This instance's id, TypeScript's {@code sender.instanceId}. */
	final String instanceId = Ids.newId();

	final Connection connection;

	/** TypeScript's inbox prefix ({@code createInbox()}), replies arrive on {@code <inbox>.<n>}. */
	final String inbox;

	private final Dispatcher dispatcher;

	private final AtomicInteger requests = new AtomicInteger();

	private final BlockingQueue<Message> replies = new LinkedBlockingQueue<>();

	TypeScriptPeer(NatsTestSupport nats) {
		this.connection = nats.connect();
		this.inbox = this.connection.createInbox();
		this.dispatcher = this.connection.createDispatcher();
		this.dispatcher.subscribe(this.inbox + ".*", this.replies::add);
		flush();
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
	 * {@code invoke}: the command on its subject as a request to a fresh inbox subject, without headers (the
	 * TypeScript bridge builds them but does not pass them to {@code request}).
	 * @return the reply subject
	 */
	String invoke(ObjectNode command) {
		String replyTo = this.inbox + "." + this.requests.incrementAndGet();
		this.connection.publish(subject(command), replyTo, bytes(command));
		flush();
		return replyTo;
	}

	/**
	 * {@code emitMessage}: the message on its subject with the broker headers.
	 */
	void emit(ObjectNode message) {
		this.connection.publish(subject(message), headers(message), bytes(message));
		flush();
	}

	/**
	 * A command handler's answer: the response with its headers on the command's reply subject, and (TypeScript's
	 * {@code commandResponsePublishTwice: 'eventOnly'}) a second time on its own subject when it has an event name.
	 */
	void respond(ObjectNode response, String replyTo) {
		Headers headers = responseHeaders(response);
		this.connection.publish(replyTo, headers, bytes(response));
		if (response.hasNonNull("eventName")) {
			this.connection.publish(subject(response), headers, bytes(response));
		}
		flush();
	}

	/**
	 * Wait for this instance's next reply.
	 */
	Message receiveReply() {
		try {
			Message reply = this.replies.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return (reply != null) ? reply : fail("no reply on " + this.inbox + ".* within " + PATIENCE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("interrupted");
		}
	}

	/**
	 * Subscribe to a subject (with a queue group, or none) and collect what arrives.
	 */
	BlockingQueue<Message> observe(String subject, @Nullable String queueGroup) {
		BlockingQueue<Message> received = new LinkedBlockingQueue<>();
		if (queueGroup != null) {
			this.dispatcher.subscribe(subject, queueGroup, received::add);
		}
		else {
			this.dispatcher.subscribe(subject, received::add);
		}
		flush();
		return received;
	}

	/**
	 * Wait for the next message of what {@link #observe} collects.
	 */
	static Message next(BlockingQueue<Message> received) {
		try {
			Message message = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			return (message != null) ? message : fail("nothing arrived within " + PATIENCE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("interrupted");
		}
	}

	/**
	 * TypeScript's subject of a message ({@code getTopicName}): prefix {@code purista}, 13 snake-cased tokens,
	 * {@code empty} for an absent principal, tenant, sender instance, event name and receiver part. The sender's
	 * name, version and target have no fallback.
	 */
	static String subject(JsonNode message) {
		JsonNode sender = message.get("sender");
		JsonNode receiver = message.get("receiver");
		List<String> parts = new ArrayList<>();
		parts.add("purista");
		parts.add(SnakeCase.convert(message.get("messageType").asString()));
		parts.add(orEmpty(message, "principalId"));
		parts.add(orEmpty(message, "tenantId"));
		parts.add(orEmpty(sender, "instanceId"));
		parts.add(SnakeCase.convert(sender.get("serviceName").asString()));
		parts.add(SnakeCase.convert(sender.get("serviceVersion").asString()));
		parts.add(SnakeCase.convert(sender.get("serviceTarget").asString()));
		parts.add(orEmpty(message, "eventName"));
		parts.add(orEmpty(receiver, "instanceId"));
		parts.add(orEmpty(receiver, "serviceName"));
		parts.add(orEmpty(receiver, "serviceVersion"));
		parts.add(orEmpty(receiver, "serviceTarget"));
		return String.join(".", parts);
	}

	/**
	 * TypeScript's headers of an emitted message: type, sender, event name, principal, tenant and the trace
	 * headers of {@code otp}; absent values are left out.
	 */
	static Map<String, String> emitHeaders(JsonNode message) {
		Map<String, String> headers = new LinkedHashMap<>();
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
	 * TypeScript's headers of a command response ({@code BrokerHeaderCommandResponseMsg}): the emit headers and the
	 * receiver with {@code receiverInstanceId}.
	 */
	static Map<String, String> responseHeaders(JsonNode message, boolean withTrace) {
		Map<String, String> headers = emitHeaders(message);
		if (!withTrace) {
			for (String name : TRACE_HEADERS) {
				headers.remove(name);
			}
		}
		JsonNode receiver = message.get("receiver");
		putText(headers, "receiverServiceName", receiver, "serviceName");
		putText(headers, "receiverServiceVersion", receiver, "serviceVersion");
		putText(headers, "receiverServiceTarget", receiver, "serviceTarget");
		putText(headers, "receiverInstanceId", receiver, "instanceId");
		return headers;
	}

	/**
	 * The headers of a received NATS message as a map of first values.
	 */
	static Map<String, String> headersOf(Message message) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (message.getHeaders() != null) {
			message.getHeaders().entrySet().forEach((entry) -> headers.put(entry.getKey(), entry.getValue().get(0)));
		}
		return headers;
	}

	static JsonNode body(Message message) {
		return JSON.readTree(message.getData());
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

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Headers headers(JsonNode message) {
		Headers headers = new Headers();
		emitHeaders(message).forEach(headers::put);
		return headers;
	}

	private static Headers responseHeaders(ObjectNode response) {
		Headers headers = new Headers();
		responseHeaders(response, true).forEach(headers::put);
		return headers;
	}

	private static String orEmpty(@Nullable JsonNode node, String field) {
		if (node == null || !node.hasNonNull(field) || node.get(field).asString().isEmpty()) {
			return "empty";
		}
		return SnakeCase.convert(node.get(field).asString());
	}

	private ObjectNode stamp(ObjectNode message) {
		message.put("id", Ids.newId());
		message.put("timestamp", System.currentTimeMillis());
		((ObjectNode) message.get("sender")).put("instanceId", this.instanceId);
		return message;
	}

	private void flush() {
		try {
			this.connection.flush(PATIENCE);
		}
		catch (Exception ex) {
			throw new IllegalStateException("NATS did not confirm within " + PATIENCE, ex);
		}
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

	private static void putText(Map<String, String> headers, String header, @Nullable JsonNode node,
			String field) {
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
