package dev.purista.amqp.interop;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpNames;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static dev.purista.amqp.interop.TypeScriptPeer.OTP;
import static dev.purista.amqp.interop.TypeScriptPeer.PATIENCE;
import static dev.purista.amqp.interop.TypeScriptPeer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Java calls TypeScript: what an {@link AmqpEventBridge} publishes, received by plain queues bound as
 * TypeScript's {@code AmqpBridge} binds its command and subscription queues, carries every property, header and
 * body field TypeScript reads (reference §2.3, §2.7, §3.2):
 * <ul>
 * <li>exchange {@code purista}, routing key {@code ""};</li>
 * <li>properties {@code messageId} (= body {@code id}), {@code contentType} {@code application/json},
 * {@code contentEncoding} {@code utf-8}, {@code type} (= {@code messageType}), delivery mode persistent; on
 * commands also {@code correlationId}, {@code replyTo} (the caller's reply queue) and {@code expiration} (the
 * timeout in ms);</li>
 * <li>headers {@code messageType}, {@code senderServiceName}, {@code senderServiceVersion},
 * {@code senderServiceTarget}, {@code senderInstanceId}, {@code eventName}, {@code principalId},
 * {@code tenantId}, the trace headers of {@code otp} ({@code traceparent}, {@code tracestate}); on commands
 * also {@code receiverServiceName}, {@code receiverServiceVersion}, {@code receiverServiceTarget} and no
 * receiver instance id;</li>
 * <li>the body fields TypeScript's messages of the same type have, none written as {@code null}, ids of 32
 * lowercase hex digits, timestamps in epoch milliseconds.</li>
 * </ul>
 */
class TypeScriptReceiverIntegrationTests extends AbstractInteropTests {

	private static final String HEX_ID = "[0-9a-f]{32}";

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final String suffix = Ids.newId().substring(0, 8);

	@Test
	void invokedCommandReachesTypeScriptCommandQueueWithEverythingTypeScriptReads() throws Exception {
		String service = "IopTsUser" + this.suffix;
		String commandQueue = this.peer.queueBoundTo(Map.of("messageType", "command", "receiverServiceName", service,
				"receiverServiceVersion", "1", "receiverServiceTarget", "signUp"));
		Command command = Messages.command(MessageAddress.of("IopJavaCaller", "1", "test"),
				MessageAddress.of(service, "1", "signUp"), Map.of("email", "a@b.co", "name", "Ada"), Map.of(),
				TRACE_ID, "user-1", "t-1", OTP);

		CompletableFuture<CommandSuccessResponse> result = this.bridge.invoke(command, Duration.ofMillis(500));

		Message amqp = this.peer.receive(commandQueue);
		JsonNode body = body(amqp);
		MessageProperties properties = amqp.getMessageProperties();
		assertCommonProperties(amqp, body, "command");
		assertThat(properties.getCorrelationId()).isEqualTo(body.get("correlationId").asString()).matches(HEX_ID);
		assertThat(properties.getReplyTo()).isEqualTo(AmqpNames.DEFAULTS.replyQueue(this.bridge.instanceId()));
		assertThat(properties.getExpiration()).isEqualTo("500");
		assertThat(properties.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("messageType", "command"), Map.entry("senderServiceName", "IopJavaCaller"),
				Map.entry("senderServiceVersion", "1"), Map.entry("senderServiceTarget", "test"),
				Map.entry("senderInstanceId", this.bridge.instanceId()), Map.entry("receiverServiceName", service),
				Map.entry("receiverServiceVersion", "1"), Map.entry("receiverServiceTarget", "signUp"),
				Map.entry("principalId", "user-1"), Map.entry("tenantId", "t-1"),
				Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
				Map.entry("tracestate", "purista=1")));
		assertThat(fieldNames(body)).isEqualTo(fieldNames(TypeScriptPeer.vector("command-success", "command")));
		assertThat(body.get("sender").toString()).isEqualTo("{\"serviceName\":\"IopJavaCaller\","
				+ "\"serviceVersion\":\"1\",\"serviceTarget\":\"test\",\"instanceId\":\"" + this.bridge.instanceId()
				+ "\"}");
		assertThat(body.get("receiver").toString()).isEqualTo(
				"{\"serviceName\":\"" + service + "\",\"serviceVersion\":\"1\",\"serviceTarget\":\"signUp\"}");
		assertThat(body.get("payload"))
			.isEqualTo(json("{\"payload\":{\"email\":\"a@b.co\",\"name\":\"Ada\"},\"parameter\":{}}"));
		assertThat(body.get("traceId").asString()).isEqualTo(TRACE_ID);
		assertThat(body.get("principalId").asString()).isEqualTo("user-1");
		assertThat(body.get("tenantId").asString()).isEqualTo("t-1");
		assertThat(body.get("otp").asString()).isEqualTo(OTP);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> result.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
			.withCauseInstanceOf(CommandTimeoutException.class);
	}

	@Test
	void emittedEventReachesTypeScriptSubscriptionQueueWithEverythingTypeScriptReads() {
		String event = "iopWelcomeMailSent" + this.suffix;
		String subscriptionQueue = this.peer.queueBoundTo(Map.of("eventName", event));

		dev.purista.core.message.Message sent = this.bridge
			.emitMessage(Messages.custom(MessageAddress.of("IopJavaEmail", "1", "sendWelcomeMail"), event,
					Map.of("to", "a@b.co"), TRACE_ID, "user-1", "t-1", OTP));

		Message amqp = this.peer.receive(subscriptionQueue);
		JsonNode body = body(amqp);
		MessageProperties properties = amqp.getMessageProperties();
		assertCommonProperties(amqp, body, "customMessage");
		assertThat(body.get("id").asString()).isEqualTo(sent.id());
		assertThat(properties.getCorrelationId()).isNull();
		assertThat(properties.getReplyTo()).isNull();
		assertThat(properties.getExpiration()).isNull();
		assertThat(properties.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("messageType", "customMessage"), Map.entry("senderServiceName", "IopJavaEmail"),
				Map.entry("senderServiceVersion", "1"), Map.entry("senderServiceTarget", "sendWelcomeMail"),
				Map.entry("senderInstanceId", this.bridge.instanceId()), Map.entry("eventName", event),
				Map.entry("principalId", "user-1"), Map.entry("tenantId", "t-1"),
				Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
				Map.entry("tracestate", "purista=1")));
		Set<String> typeScriptFields = fieldNames(TypeScriptPeer.vector("command-success", "customMessage"));
		typeScriptFields.addAll(Set.of("traceId", "principalId", "tenantId"));
		assertThat(fieldNames(body)).isEqualTo(typeScriptFields);
		assertThat(body.get("sender").toString()).isEqualTo("{\"serviceName\":\"IopJavaEmail\","
				+ "\"serviceVersion\":\"1\",\"serviceTarget\":\"sendWelcomeMail\",\"instanceId\":\""
				+ this.bridge.instanceId() + "\"}");
		assertThat(body.get("eventName").asString()).isEqualTo(event);
		assertThat(body.get("payload")).isEqualTo(json("{\"to\":\"a@b.co\"}"));
		assertThat(body.get("traceId").asString()).isEqualTo(TRACE_ID);
		assertThat(body.get("otp").asString()).isEqualTo(OTP);
	}

	/**
	 * What TypeScript reads of every message: exchange and routing key, the properties every publish carries,
	 * id, timestamp and content fields of the body, and no {@code null} anywhere.
	 */
	private static void assertCommonProperties(Message amqp, JsonNode body, String messageType) {
		MessageProperties properties = amqp.getMessageProperties();
		assertThat(properties.getReceivedExchange()).isEqualTo(TypeScriptPeer.EXCHANGE);
		assertThat(properties.getReceivedRoutingKey()).isEmpty();
		assertThat(properties.getMessageId()).isEqualTo(body.get("id").asString()).matches(HEX_ID);
		assertThat(properties.getContentType()).isEqualTo("application/json");
		assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
		assertThat(properties.getType()).isEqualTo(messageType);
		assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(body.get("messageType").asString()).isEqualTo(messageType);
		assertThat(body.get("timestamp").isIntegralNumber()).isTrue();
		assertThat(body.get("timestamp").asLong()).isCloseTo(System.currentTimeMillis(), within(60_000L));
		assertThat(body.get("contentType").asString()).isEqualTo("application/json");
		assertThat(body.get("contentEncoding").asString()).isEqualTo("utf-8");
		assertThat(TypeScriptPeer.nullFields(body)).as("fields written as null").isEmpty();
	}

	private static JsonNode json(String text) {
		return TypeScriptPeer.JSON.readTree(text);
	}

	private static Set<String> fieldNames(JsonNode message) {
		return new TreeSet<>(message.propertyNames());
	}

}
