package dev.purista.amqp.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.purista.amqp.AmqpHeaders;
import dev.purista.amqp.AmqpNames;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static dev.purista.amqp.interop.TypeScriptPeer.PATIENCE;
import static dev.purista.amqp.interop.TypeScriptPeer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * Bad input on PURISTA queues, published by a foreign or broken publisher through exchange {@code purista}: a
 * message that is not JSON, or not a PURISTA message, or not a command on a command queue, lands once in
 * {@code <queue>.dead-letter} with header {@code x-purista-dead-letter-reason}, is logged once, is not
 * redelivered, and the consumer goes on handling good messages. A response with an unknown correlation id is
 * counted and dropped; garbage on a reply queue is dropped; invocations go on.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputIntegrationTests extends AbstractInteropTests {

	private static final byte[] GARBAGE = { (byte) 0xff, 0x00, 'n', 'o', 't', ' ', '{' };

	private static final Duration QUIET = Duration.ofMillis(500);

	private final String service = "IopBad" + Ids.newId().substring(0, 8);

	private final List<String> deadLetterQueues = new ArrayList<>();

	@AfterEach
	void deleteDeadLetterQueues() {
		this.bridge.destroy();
		this.deadLetterQueues.forEach(this.peer.admin::deleteQueue);
	}

	@Test
	void badMessagesOnCommandQueueAreDeadLetteredOnceAndCommandsAreStillAnswered(CapturedOutput output) {
		AtomicInteger handled = new AtomicInteger();
		MessageAddress address = MessageAddress.of(this.service, "1", "signUp");
		this.bridge.registerCommand(address, (command) -> {
			handled.incrementAndGet();
			return CompletableFuture.completedFuture(Messages.success(command, this.bridge.instanceId(),
					Map.of("userId", "u-1"), null, null));
		}, CommandOptions.DEFAULTS);
		String queue = AmqpNames.DEFAULTS.commandQueue(address);
		Map<String, Object> commandHeaders = Map.of("messageType", "command", "receiverServiceName", this.service,
				"receiverServiceVersion", "1", "receiverServiceTarget", "signUp");
		ObjectNode event = this.peer.message("command-success", "customMessage");
		Map<String, byte[]> bad = new LinkedHashMap<>();
		bad.put("not valid JSON", GARBAGE);
		bad.put("missing required field 'messageType'", utf8("{\"hello\":\"world\"}"));
		String incompleteCommand = "{\"messageType\":\"command\",\"id\":\"c1\",\"sender\":{\"serviceName\":\"A\","
				+ "\"serviceVersion\":\"1\",\"serviceTarget\":\"a\"},\"receiver\":{\"serviceName\":\"" + this.service
				+ "\",\"serviceVersion\":\"1\",\"serviceTarget\":\"signUp\"}}";
		bad.put("malformed PURISTA message c1", utf8(incompleteCommand));
		bad.put("not a command", TypeScriptPeer.bytes(event));

		bad.values().forEach((body) -> this.peer.publishRaw(body, commandHeaders));

		assertDeadLetteredOnce(queue, bad);
		assertThat(handled).hasValue(0);
		ObjectNode good = this.peer.command("command-success", this.service);
		this.peer.invoke(good, Duration.ofSeconds(5));
		assertThat(body(this.peer.receiveReply()).get("messageType").asString()).isEqualTo("commandSuccessResponse");
		assertThat(handled).hasValue(1);
		assertLoggedOnce(output, queue, bad.keySet());
	}

	@Test
	void badMessagesOnSubscriptionQueueAreDeadLetteredOnceAndEventsAreStillHandled(CapturedOutput output) {
		String eventName = "iopBadEvent" + this.service;
		MessageAddress address = MessageAddress.of(this.service, "1", "audit");
		List<dev.purista.core.message.Message> handled = new CopyOnWriteArrayList<>();
		this.bridge.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(eventName)),
				(message) -> {
					handled.add(message);
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});
		String queue = AmqpNames.DEFAULTS.subscriptionQueue(address, null);
		Map<String, byte[]> bad = new LinkedHashMap<>();
		bad.put("not valid JSON", GARBAGE);
		bad.put("unknown messageType 'hello'", utf8("{\"messageType\":\"hello\",\"id\":\"h1\"}"));
		bad.put("not a JSON object", utf8("[1,2,3]"));

		bad.values().forEach((body) -> this.peer.publishRaw(body, Map.of("eventName", eventName)));

		assertDeadLetteredOnce(queue, bad);
		assertThat(handled).isEmpty();
		ObjectNode good = this.peer.message("command-success", "customMessage");
		good.put("eventName", eventName);
		this.peer.emit(good);
		await().atMost(PATIENCE).until(() -> !handled.isEmpty());
		assertThat(handled).singleElement()
			.satisfies((message) -> assertThat(message.id()).isEqualTo(good.get("id").asString()));
		assertLoggedOnce(output, queue, bad.keySet());
	}

	@Test
	void responseWithUnknownCorrelationIdIsCountedAndDropped() {
		ObjectNode response = this.peer.message("command-success", "commandSuccessResponse");
		((ObjectNode) response.get("sender")).put("serviceName", this.service);
		((ObjectNode) response.get("receiver")).put("instanceId", this.bridge.instanceId());
		response.put("correlationId", Ids.newId());
		response.remove("eventName");

		this.peer.respond(response, AmqpNames.DEFAULTS.replyQueue(this.bridge.instanceId()));

		await().atMost(PATIENCE).until(() -> this.bridge.unknownResponses() == 1);
		await().during(QUIET).atMost(PATIENCE).until(() -> this.bridge.unknownResponses() == 1);
		assertThat(this.bridge.lateResponses()).isZero();
		assertInvocationsStillAnswered();
	}

	@Test
	void garbageOnReplyQueueIsDroppedOnceAndInvocationsGoOn(CapturedOutput output) {
		String replyQueue = AmqpNames.DEFAULTS.replyQueue(this.bridge.instanceId());

		this.peer.publishRaw(GARBAGE, Map.of("replyTo", replyQueue));

		await().atMost(PATIENCE).until(() -> logLines(output, replyQueue, "not a PURISTA message") == 1);
		await().during(QUIET).atMost(PATIENCE).until(() -> logLines(output, replyQueue, "not a PURISTA message") == 1);
		assertThat(this.bridge.unknownResponses()).isZero();
		assertInvocationsStillAnswered();
	}

	/**
	 * Each bad message lands once in the queue's dead-letter queue, unchanged, with a reason naming what is
	 * wrong; none comes back to the queue.
	 */
	private void assertDeadLetteredOnce(String queue, Map<String, byte[]> bad) {
		String deadLetterQueue = AmqpNames.deadLetterQueue(queue);
		this.deadLetterQueues.add(deadLetterQueue);
		List<Message> deadLetters = new CopyOnWriteArrayList<>();
		await().atMost(PATIENCE).until(() -> {
			Message message = this.peer.template.receive(deadLetterQueue);
			if (message != null) {
				deadLetters.add(message);
			}
			return deadLetters.size() >= bad.size();
		});
		await().during(QUIET).atMost(PATIENCE).until(() -> messageCount(deadLetterQueue) == 0);
		assertThat(deadLetters).hasSize(bad.size());
		bad.forEach((reason, body) -> assertThat(deadLetters)
			.filteredOn((message) -> Arrays.equals(message.getBody(), body))
			.singleElement()
			.satisfies((message) -> assertThat(message.getMessageProperties().getHeaders())
				.extractingByKey(AmqpHeaders.DEAD_LETTER_REASON, STRING)
				.contains(reason)));
		assertThat(messageCount(queue)).isZero();
	}

	/**
	 * Each dead-lettered message was logged once, with the queues and the reason.
	 */
	private static void assertLoggedOnce(CapturedOutput output, String queue, Iterable<String> reasons) {
		String deadLetterQueue = AmqpNames.deadLetterQueue(queue);
		reasons.forEach((reason) -> assertThat(logLines(output, deadLetterQueue, reason))
			.as("log lines about a message dead-lettered for '%s'", reason)
			.isEqualTo(1));
	}

	private void assertInvocationsStillAnswered() {
		MessageAddress address = MessageAddress.of(this.service, "1", "ping");
		this.deadLetterQueues.add(AmqpNames.deadLetterQueue(AmqpNames.DEFAULTS.commandQueue(address)));
		this.bridge.registerCommand(address, (command) -> CompletableFuture
			.completedFuture(Messages.success(command, this.bridge.instanceId(), "pong", null, null)),
				CommandOptions.DEFAULTS);
		CommandSuccessResponse response = this.bridge.invoke(Messages.command(MessageAddress.of("IopCaller", "1",
				"test"), address, null, null, null, null, null, null), PATIENCE).join();
		assertThat(response.payload()).hasToString("\"pong\"");
	}

	private long messageCount(String queue) {
		QueueInformation information = this.peer.admin.getQueueInfo(queue);
		return Objects.requireNonNull(information, queue).getMessageCount();
	}

	private static long logLines(CapturedOutput output, String queue, String reason) {
		return output.getAll().lines().filter((line) -> line.contains(queue) && line.contains(reason)).count();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
