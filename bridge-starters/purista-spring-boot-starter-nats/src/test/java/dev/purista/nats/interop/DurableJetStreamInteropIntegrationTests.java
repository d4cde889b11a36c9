package dev.purista.nats.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.purista.core.bridge.CommandHandler;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.core.naming.SnakeCase;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;

import static dev.purista.nats.interop.TypeScriptPeer.body;
import static dev.purista.nats.interop.TypeScriptPeer.headersOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Durable commands and subscriptions on the wire: the JetStream streams and consumers a Java bridge creates are the
 * ones TypeScript's {@code NatsBridge} creates (read back from the server), dead letters carry TypeScript's four
 * headers and are published once on nats-server 2.9, durable messages wait for a subscriber that is down, and bad
 * input on a durable subject is dead-lettered while the consumer goes on.
 */
@ExtendWith(OutputCaptureExtension.class)
class DurableJetStreamInteropIntegrationTests extends AbstractInteropTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final String prefix = "iopdur" + Ids.newId().substring(0, 8);

	private final String service = this.prefix + "Audit";

	private final String event = this.prefix + "ThingCreated";

	private final List<NatsEventBridge> bridges = new CopyOnWriteArrayList<>();

	@AfterEach
	void destroyBridgesAndStreams() {
		this.bridges.forEach(NatsEventBridge::destroy);
		nats.deleteStreams(this.prefix);
	}

	@Test
	void sharedSubscriptionWithRetriesGetsTypeScriptsInterestStreamAndDurableConsumer() throws Exception {
		this.bridge.registerSubscription(subscription("onThingCreated", true, 3), acking());

		String subject = "purista.*.*.*.*.*.*.*." + SnakeCase.convert(this.event) + ".*.*.*.*";
		JetStreamManagement management = this.peer.connection.jetStreamManagement();
		StreamConfiguration stream = management.getStreamInfo(sanitize("purista_subscription_" + subject))
			.getConfiguration();
		assertThat(stream.getSubjects()).containsExactly(subject);
		assertThat(stream.getRetentionPolicy()).isEqualTo(RetentionPolicy.Interest);
		assertThat(stream.getStorageType()).isEqualTo(StorageType.File);
		ConsumerConfiguration consumer = management
			.getConsumerInfo(stream.getName(), sanitize("subscription_" + this.service + "_1_onThingCreated"))
			.getConsumerConfiguration();
		assertThat(consumer.getDurable()).isEqualTo(sanitize("subscription_" + this.service + "_1_onThingCreated"));
		assertThat(consumer.getDeliverPolicy()).isEqualTo(DeliverPolicy.New);
		assertThat(consumer.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
		assertThat(consumer.getAckWait()).isEqualTo(Duration.ofSeconds(30));
		assertThat(consumer.getMaxAckPending()).isEqualTo(10);
		assertThat(consumer.getMaxDeliver()).isEqualTo(4);
		assertThat(consumer.getFilterSubject()).isEqualTo(subject);
		assertThat(consumer.getDeliverGroup())
			.isEqualTo(("purista_queue_" + this.service + "_1_onThingCreated").toUpperCase(Locale.ROOT));
		assertThat(consumer.getDeliverSubject()).startsWith("_INBOX.");
	}

	@Test
	void everyInstanceSubscriptionHasAConsumerPerInstanceWithoutDeliverGroup() throws Exception {
		this.bridge.registerSubscription(subscription("onThingCreated", true, 1).withEveryInstance(true), acking());

		String subject = "purista.*.*.*.*.*.*.*." + SnakeCase.convert(this.event) + ".*.*.*.*";
		ConsumerConfiguration consumer = this.peer.connection.jetStreamManagement()
			.getConsumerInfo(sanitize("purista_subscription_" + subject),
					sanitize("subscription_" + this.service + "_1_onThingCreated_" + this.bridge.instanceId()))
			.getConsumerConfiguration();
		assertThat(consumer.getDeliverGroup()).isNull();
		assertThat(consumer.getMaxDeliver()).isEqualTo(2);
	}

	@Test
	void sharedDurableSubscriptionOnTwoInstancesHandlesEachMessageOnceAndEveryInstanceOneGetsACopyEach() {
		NatsEventBridge other = start(NatsEventBridgeOptions.defaults());
		List<String> shared = new CopyOnWriteArrayList<>();
		List<String> everyInstance = new CopyOnWriteArrayList<>();
		for (NatsEventBridge instance : List.of(this.bridge, other)) {
			instance.registerSubscription(subscription("shared", true, 3), (message) -> {
				shared.add(text(message.payload()));
				return CompletableFuture.completedFuture(SubscriptionResult.ack());
			});
			instance.registerSubscription(subscription("everyInstance", true, 3).withEveryInstance(true),
					(message) -> {
						everyInstance.add(text(message.payload()));
						return CompletableFuture.completedFuture(SubscriptionResult.ack());
					});
		}

		for (int i = 0; i < 6; i++) {
			this.peer.emit(event("event " + i));
		}

		await().atMost(PATIENCE).during(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(shared).containsExactlyInAnyOrder("event 0", "event 1", "event 2", "event 3", "event 4",
					"event 5");
			assertThat(everyInstance).hasSize(12).containsOnly("event 0", "event 1", "event 2", "event 3",
					"event 4", "event 5");
		});
	}

	@Test
	void durableCommandGetsAWorkQueueStreamAndAConsumerThatDeliversOnce() throws Exception {
		this.bridge.registerCommand(MessageAddress.of(this.service, "1", "signUp"), answering(this.bridge),
				CommandOptions.builder().durable(true).build());

		String subject = "purista.command.*.*.*.*.*.*.*.*." + SnakeCase.convert(this.service) + ".1.sign_up";
		JetStreamManagement management = this.peer.connection.jetStreamManagement();
		StreamConfiguration stream = management.getStreamInfo(sanitize("purista_command_" + subject))
			.getConfiguration();
		assertThat(stream.getSubjects()).containsExactly(subject);
		assertThat(stream.getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
		assertThat(stream.getStorageType()).isEqualTo(StorageType.File);
		ConsumerConfiguration consumer = management
			.getConsumerInfo(stream.getName(), sanitize("command_" + this.service + "_1_signUp"))
			.getConsumerConfiguration();
		// TypeScript asks for deliver-new, which nats-server refuses on a work-queue stream (error 10101)
		assertThat(consumer.getDeliverPolicy()).isEqualTo(DeliverPolicy.All);
		assertThat(consumer.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
		assertThat(consumer.getMaxDeliver()).isEqualTo(1);
		assertThat(consumer.getMaxAckPending()).isEqualTo(10);
		assertThat(consumer.getFilterSubject()).isEqualTo(subject);
		assertThat(consumer.getDeliverGroup())
			.isEqualTo(("purista_queue_" + this.service + "_1_signUp").toUpperCase(Locale.ROOT));
	}

	@Test
	void durableCommandsAndEventSubscriptionsCannotEachHaveTheirOwnStreamButShareOneThatCoversThePrefix()
			throws Exception {
		String subjectPrefix = this.prefix.toLowerCase(Locale.ROOT);
		NatsEventBridgeOptions options = NatsEventBridgeOptions.builder().subjectPrefix(subjectPrefix).build();
		NatsEventBridge responder = start(options);
		MessageAddress signUp = MessageAddress.of(this.service, "1", "signUp");
		responder.registerSubscription(subscription("onThingCreated", true, 3), acking());
		// TypeScript's naming gives the command a stream whose subjects overlap the subscription's: refused
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> responder.registerCommand(signUp,
				answering(responder), CommandOptions.builder().durable(true).build()))
			.withMessageContaining("overlap");
		JetStreamManagement management = this.peer.connection.jetStreamManagement();
		for (String stream : management.getStreamNames(subjectPrefix + ".>")) {
			management.deleteStream(stream);
		}
		management.addStream(StreamConfiguration.builder()
			.name(this.prefix + "_all")
			.subjects(subjectPrefix + ".>")
			.retentionPolicy(RetentionPolicy.Interest)
			.storageType(StorageType.File)
			.build());

		NatsEventBridge instance = start(options);
		List<String> handled = new CopyOnWriteArrayList<>();
		instance.registerSubscription(subscription("onThingCreated", true, 3), (message) -> {
			handled.add(text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.ack());
		});
		instance.registerCommand(signUp, answering(instance), CommandOptions.builder().durable(true).build());
		NatsEventBridge caller = start(options);
		CompletableFuture<CommandSuccessResponse> response = caller.invoke(Messages.command(
				MessageAddress.of(this.prefix + "Gateway", "1", "callSignUp"), signUp, "shared", null, null, null,
				null, null), PATIENCE);
		caller.emitMessage(Messages.custom(MessageAddress.of(this.prefix + "Things", "1", "create"), this.event,
				"covered", null, null, null, null));

		assertThat(text(response.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload())).isEqualTo("shared");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(handled).containsExactly("covered"));
		assertThat(management.getStreamNames(subjectPrefix + ".>")).containsExactly(this.prefix + "_all");
	}

	@Test
	void deadLetterIsPublishedOnceWithItsFourHeadersAndThenTerminated() {
		Duration ackWait = Duration.ofMillis(500);
		NatsEventBridge subscriber = start(NatsEventBridgeOptions.builder().jetStreamAckWait(ackWait).build());
		List<String> handled = new CopyOnWriteArrayList<>();
		subscriber.registerSubscription(subscription("onThingCreated", true, 1), (message) -> {
			handled.add(text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.deadLetter("poison"));
		});
		String subject = "purista.*.*.*.*.*.*.*." + SnakeCase.convert(this.event) + ".*.*.*.*";
		BlockingQueue<Message> deadLetters = this.peer.observe(subject + ".dead-letter", null);
		ObjectNode emitted = event("poisoned");

		this.peer.emit(emitted);

		Message deadLetter = TypeScriptPeer.next(deadLetters);
		assertThat(headersOf(deadLetter)).containsEntry("x-purista-dead-letter-reason", "poison")
			.containsEntry("x-purista-dead-letter-attempt", "1")
			.containsEntry("x-purista-dead-letter-original-subject", subject)
			.containsEntry("x-purista-dead-letter-subscriber", this.service + "/1/onThingCreated");
		assertThat(body(deadLetter)).isEqualTo(emitted);
		// a "+TERM <reason>" would be delivered again by nats-server 2.9 after the ack wait and dead-lettered again
		await().during(ackWait.multipliedBy(4)).atMost(ackWait.multipliedBy(6)).untilAsserted(() -> {
			assertThat(deadLetters).isEmpty();
			assertThat(handled).containsExactly("poisoned");
		});
	}

	@Test
	void durableSubscriptionMessagesEmittedWhileNoInstanceRunsAreHandledWhenOneComesBack() {
		SubscriptionRegistration registration = subscription("onThingCreated", true, 3);
		// a message JetStream pushed while the server still saw the closing instance is delivered again after
		// the ack wait
		NatsEventBridgeOptions options = NatsEventBridgeOptions.builder().jetStreamAckWait(Duration.ofSeconds(2)).build();
		NatsEventBridge first = start(options);
		first.registerSubscription(registration, acking());
		first.destroy();

		this.peer.emit(event("while down 1"));
		this.peer.emit(event("while down 2"));
		List<String> handled = new CopyOnWriteArrayList<>();
		NatsEventBridge second = start(options);
		second.registerSubscription(registration, (message) -> {
			handled.add(text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.ack());
		});

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(handled).containsExactlyInAnyOrder("while down 1", "while down 2"));
	}

	@Test
	void durableCommandInvokedByJavaWhileNoInstanceRunsIsAnsweredWhenOneStarts(CapturedOutput output)
			throws Exception {
		MessageAddress signUp = MessageAddress.of(this.service, "1", "signUp");
		NatsEventBridgeOptions options = NatsEventBridgeOptions.builder().jetStreamAckWait(Duration.ofSeconds(2)).build();
		NatsEventBridge first = start(options);
		first.registerCommand(signUp, answering(first), CommandOptions.builder().durable(true).build());
		first.destroy();

		CompletableFuture<CommandSuccessResponse> response = this.bridge.invoke(
				Messages.command(MessageAddress.of(this.prefix + "Gateway", "1", "callSignUp"), signUp,
						"hello", null, null, null, null, null),
				PATIENCE);
		NatsEventBridge second = start(options);
		second.registerCommand(signUp, answering(second), CommandOptions.builder().durable(true).build());

		CommandSuccessResponse answer = response.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(text(answer.payload())).isEqualTo("hello");
		assertThat(answer.sender().instanceId()).isEqualTo(second.instanceId());
		assertThat(this.bridge.unknownResponses()).isZero();
		assertThat(output.getOut()).as("JetStream's publish acknowledgement on the inbox is expected, not warned about")
			.doesNotContain("not a PURISTA message");
	}

	@Test
	void typeScriptCallerOfADurableCommandGetsJetStreamsPublishAckWhileTheCommandIsHandled() throws Exception {
		List<String> handled = new CopyOnWriteArrayList<>();
		this.bridge.registerCommand(MessageAddress.of(this.service, "1", "signUp"), (command) -> {
			handled.add(command.correlationId());
			return answering(this.bridge).handle(command);
		}, CommandOptions.builder().durable(true).build());
		ObjectNode command = this.peer.command("command-success", this.service);

		this.peer.invoke(command);

		// TypeScript's request resolves with the first message on its inbox: JetStream's acknowledgement
		assertThat(body(this.peer.receiveReply()).has("stream")).isTrue();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(handled).containsExactly(command.get("correlationId").asString()));
		String stream = sanitize("purista_command_purista.command.*.*.*.*.*.*.*.*." + SnakeCase.convert(this.service)
				+ ".1.sign_up");
		JetStreamManagement management = this.peer.connection.jetStreamManagement();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(management.getStreamInfo(stream).getStreamState().getMsgCount())
				.as("acknowledged, so the work queue is empty")
				.isZero());
	}

	@Test
	void badInputOnADurableSubjectIsLoggedOnceDeadLetteredAndTheConsumerGoesOn(CapturedOutput output) {
		List<String> handled = new CopyOnWriteArrayList<>();
		this.bridge.registerSubscription(subscription("onThingCreated", true, 3), (message) -> {
			handled.add(text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.ack());
		});
		String subject = "purista.*.*.*.*.*.*.*." + SnakeCase.convert(this.event) + ".*.*.*.*";
		BlockingQueue<Message> deadLetters = this.peer.observe(subject + ".dead-letter", null);
		ObjectNode good = event("good");
		String concreteSubject = TypeScriptPeer.subject(good);

		this.peer.connection.publish(concreteSubject, "not json".getBytes(StandardCharsets.UTF_8));
		this.peer.emit(good);

		Message deadLetter = TypeScriptPeer.next(deadLetters);
		assertThat(new String(deadLetter.getData(), StandardCharsets.UTF_8)).isEqualTo("not json");
		assertThat(headersOf(deadLetter).get("x-purista-dead-letter-reason")).startsWith("not a PURISTA message");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(handled).containsExactly("good"));
		assertThat(output.getOut().split("\n")).filteredOn((line) -> line.contains("not a PURISTA message"))
			.hasSize(1);
	}

	private NatsEventBridge start(NatsEventBridgeOptions options) {
		NatsEventBridge started = nats.bridge(options);
		this.bridges.add(started);
		started.start();
		return started;
	}

	private SubscriptionRegistration subscription(String name, boolean durable, int maxAttempts) {
		return SubscriptionRegistration
			.builder(MessageAddress.of(this.service, "1", name), SubscriptionFilter.event(this.event))
			.durable(durable)
			.maxAttempts(maxAttempts)
			.retryDelay(Duration.ofMillis(100))
			.build();
	}

	private ObjectNode event(String payload) {
		ObjectNode message = this.peer.message("command-success", "customMessage");
		message.put("eventName", this.event);
		message.put("payload", payload);
		message.remove("receiver");
		return message;
	}

	private static SubscriptionHandler acking() {
		return (message) -> CompletableFuture.completedFuture(SubscriptionResult.ack());
	}

	private static CommandHandler answering(NatsEventBridge responder) {
		Function<Command, dev.purista.core.message.Message> answer = (command) -> Messages.success(command,
				responder.instanceId(), command.payload().payload(), null, null);
		return (command) -> CompletableFuture.completedFuture(answer.apply(command));
	}

	private static String text(@Nullable Object value) {
		return (value instanceof JsonNode node && node.isString()) ? node.asString() : String.valueOf(value);
	}

	private static String sanitize(String name) {
		String sanitized = name.replaceAll("[^a-zA-Z0-9_-]", "_");
		return (sanitized.length() > 200) ? sanitized.substring(0, 200) : sanitized;
	}

}
