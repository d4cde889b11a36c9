package dev.purista.nats.interop;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.nats.client.Message;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;
import dev.purista.core.naming.SnakeCase;

import static dev.purista.nats.interop.TypeScriptPeer.PATIENCE;
import static dev.purista.nats.interop.TypeScriptPeer.body;
import static dev.purista.nats.interop.TypeScriptPeer.headersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Java calls TypeScript: what the Java {@link dev.purista.nats.NatsEventBridge} publishes, as a plain subscriber on
 * TypeScript's subjects and queue groups sees it, is what TypeScript's {@code NatsBridge} binds to:
 * <ul>
 * <li>the 13-token subject of reference §3.4 ({@code empty} for absent parts), so that TypeScript's command
 * subscription {@code purista.command.*.*.*.*.*.*.*.*.<service>.<version>.<command>} in queue group
 * {@code PURISTA_QUEUE_<SERVICE>_<VERSION>_<COMMAND>} and its event subscription
 * {@code purista.*.*.*.*.*.*.*.<event>.*.*.*.*} receive it;</li>
 * <li>a command's reply subject on an inbox ({@code _INBOX.}), to which a TypeScript-shaped response completes
 * the Java invocation;</li>
 * <li>no headers on commands, as TypeScript sends them; on events the headers {@code messageType},
 * {@code senderServiceName}, {@code senderServiceVersion}, {@code senderServiceTarget}, {@code senderInstanceId},
 * {@code eventName}, {@code principalId}, {@code tenantId} and the trace headers of {@code otp};</li>
 * <li>the body fields TypeScript's messages of the same type have, none written as {@code null}.</li>
 * </ul>
 */
class TypeScriptReceiverIntegrationTests extends AbstractInteropTests {

	private static final String HEX_ID = "[0-9a-f]{32}";

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String OTP = "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
			+ "\"tracestate\":\"purista=1\"}";

	private final String suffix = Ids.newId().substring(0, 8);

	@Test
	void invokedCommandReachesTypeScriptCommandSubscriptionAndItsResponseCompletesTheInvocation() throws Exception {
		String service = "IopTsUser" + this.suffix;
		BlockingQueue<Message> commands = this.peer.observe(
				"purista.command.*.*.*.*.*.*.*.*." + SnakeCase.convert(service) + ".1.sign_up",
				"PURISTA_QUEUE_" + service.toUpperCase(Locale.ROOT) + "_1_SIGNUP");
		Command command = Messages.command(MessageAddress.of("IopJavaCaller", "1", "test"),
				MessageAddress.of(service, "1", "signUp"), Map.of("email", "a@b.co", "name", "Ada"), Map.of(),
				TRACE_ID, "user-1", "t-1", OTP);

		CompletableFuture<CommandSuccessResponse> result = this.bridge.invoke(command, PATIENCE);

		Message nats = TypeScriptPeer.next(commands);
		JsonNode body = body(nats);
		assertThat(nats.getSubject()).isEqualTo("purista.command.user_1.t_1." + SnakeCase.convert(this.bridge.instanceId())
				+ ".iop_java_caller.1.test.empty.empty." + SnakeCase.convert(service) + ".1.sign_up");
		assertThat(nats.getReplyTo()).startsWith("_INBOX.");
		assertCommon(body, "command");
		assertThat(body.get("correlationId").asString()).matches(HEX_ID);
		// TypeScript's NatsBridge sends commands without headers: the body carries routing and trace context
		assertThat(nats.hasHeaders()).as("headers %s", headersOf(nats)).isFalse();
		assertThat(fieldNames(body)).isEqualTo(fieldNames(TypeScriptPeer.vector("command-success", "command")));
		assertThat(body.get("sender").toString()).isEqualTo("{\"serviceName\":\"IopJavaCaller\","
				+ "\"serviceVersion\":\"1\",\"serviceTarget\":\"test\",\"instanceId\":\"" + this.bridge.instanceId()
				+ "\"}");
		assertThat(body.get("receiver").toString()).isEqualTo(
				"{\"serviceName\":\"" + service + "\",\"serviceVersion\":\"1\",\"serviceTarget\":\"signUp\"}");
		assertThat(body.get("payload"))
			.isEqualTo(json("{\"payload\":{\"email\":\"a@b.co\",\"name\":\"Ada\"},\"parameter\":{}}"));
		assertThat(body.get("traceId").asString()).isEqualTo(TRACE_ID);
		assertThat(body.get("otp").asString()).isEqualTo(OTP);

		// TypeScript's command handler answers on the reply subject
		ObjectNode response = TypeScriptPeer.vector("command-success", "commandSuccessResponse");
		response.put("id", Ids.newId());
		response.put("timestamp", System.currentTimeMillis());
		response.put("correlationId", body.get("correlationId").asString());
		response.set("sender", json("{\"serviceName\":\"" + service + "\",\"serviceVersion\":\"1\","
				+ "\"serviceTarget\":\"signUp\",\"instanceId\":\"" + this.peer.instanceId + "\"}"));
		response.set("receiver", body.get("sender").deepCopy());
		this.peer.respond(response, nats.getReplyTo());

		CommandSuccessResponse answer = result.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(answer.correlationId()).isEqualTo(body.get("correlationId").asString());
		assertThat(answer.sender().instanceId()).isEqualTo(this.peer.instanceId);
		JsonNode payload = TypeScriptPeer.JSON.valueToTree(answer.payload());
		assertThat(payload).isEqualTo(json("{\"userId\":\"u-1\",\"email\":\"a@b.co\"}"));
	}

	@Test
	void emittedEventReachesTypeScriptEventSubscriptionWithEverythingTypeScriptReads() {
		String event = "iopWelcomeMailSent" + this.suffix;
		BlockingQueue<Message> events = this.peer
			.observe("purista.*.*.*.*.*.*.*." + SnakeCase.convert(event) + ".*.*.*.*", null);

		dev.purista.core.message.Message sent = this.bridge
			.emitMessage(Messages.custom(MessageAddress.of("IopJavaEmail", "1", "sendWelcomeMail"), event,
					Map.of("to", "a@b.co"), TRACE_ID, "user-1", "t-1", OTP));

		Message nats = TypeScriptPeer.next(events);
		JsonNode body = body(nats);
		assertThat(nats.getSubject()).isEqualTo("purista.custom_message.user_1.t_1."
				+ SnakeCase.convert(this.bridge.instanceId()) + ".iop_java_email.1.send_welcome_mail."
				+ SnakeCase.convert(event) + ".empty.empty.empty.empty");
		assertThat(nats.getReplyTo()).isNull();
		assertCommon(body, "customMessage");
		assertThat(body.get("id").asString()).isEqualTo(sent.id());
		assertThat(headersOf(nats)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("messageType", "customMessage"), Map.entry("senderServiceName", "IopJavaEmail"),
				Map.entry("senderServiceVersion", "1"), Map.entry("senderServiceTarget", "sendWelcomeMail"),
				Map.entry("senderInstanceId", this.bridge.instanceId()), Map.entry("eventName", event),
				Map.entry("principalId", "user-1"), Map.entry("tenantId", "t-1"),
				Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
				Map.entry("tracestate", "purista=1")));
		Set<String> typeScriptFields = fieldNames(TypeScriptPeer.vector("command-success", "customMessage"));
		typeScriptFields.addAll(Set.of("traceId", "principalId", "tenantId"));
		assertThat(fieldNames(body)).isEqualTo(typeScriptFields);
		assertThat(body.get("eventName").asString()).isEqualTo(event);
		assertThat(body.get("payload")).isEqualTo(json("{\"to\":\"a@b.co\"}"));
		assertThat(body.get("otp").asString()).isEqualTo(OTP);
	}

	@Test
	void infoMessageWithAnEmptyTargetIsPublishedWithTheEmptyPlaceholderSoSubscribersGetIt() {
		String service = "IopInfo" + this.suffix;
		BlockingQueue<Message> infos = this.peer.observe("purista.info_service_init.>", null);

		this.bridge.emitMessage(
				Messages.info(MessageType.INFO_SERVICE_INIT, MessageAddress.of(service, "1", ""), null, null));

		Message nats = TypeScriptPeer.next(infos);
		assertThat(nats.getSubject()).isEqualTo("purista.info_service_init.empty.empty."
				+ SnakeCase.convert(this.bridge.instanceId()) + "." + SnakeCase.convert(service)
				+ ".1.empty.empty.empty.empty.empty.empty");
		assertThat(body(nats).at("/sender/serviceTarget").asString()).isEmpty();
		assertThat(headersOf(nats)).containsEntry("senderServiceTarget", "").doesNotContainKey("receiverServiceName");
	}

	/**
	 * What TypeScript reads of every message: type, id, timestamp and content fields, and no {@code null}.
	 */
	private static void assertCommon(JsonNode body, String messageType) {
		assertThat(body.get("messageType").asString()).isEqualTo(messageType);
		assertThat(body.get("id").asString()).matches(HEX_ID);
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
