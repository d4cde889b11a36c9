package dev.purista.amqp.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.AmqpNames;
import dev.purista.amqp.RabbitTestSupport;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown of {@link AmqpEventBridge} on a real RabbitMQ: after {@code stopIntake()} an instance's
 * consumers take no more work, so new commands and events go to the other instance; the handlers in flight
 * finish, their responses are still published and their messages acknowledged once; {@code awaitDrain} tells
 * when they are done; {@code destroy()} keeps the reply queue until the pending invocations settled (or the
 * settle timeout passed, then they fail with 503) and removes it afterwards.
 */
class AmqpGracefulShutdownIntegrationTests {

	private static final Log logger = LogFactory.getLog(AmqpGracefulShutdownIntegrationTests.class);

	private static final int CONSUMERS = 4;

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final String prefix = "Shutdown" + Ids.newId().substring(0, 8);

	private final MessageAddress gateway = MessageAddress.of(this.prefix + "Gateway", "1", "call");

	private final MessageAddress things = MessageAddress.of(this.prefix + "Things", "1", "createThing");

	private final MessageAddress audit = MessageAddress.of(this.prefix + "Audit", "1", "onThingCreated");

	private final String eventName = this.prefix + "ThingCreated";

	private final List<RabbitTestSupport> connections = new ArrayList<>();

	private final Map<AmqpEventBridge, RabbitTestSupport> connectionOf = new ConcurrentHashMap<>();

	private final List<AmqpEventBridge> bridges = new ArrayList<>();

	private final List<CompletableFuture<?>> heldHandlers = new CopyOnWriteArrayList<>();

	@AfterEach
	void cleanUp() {
		this.heldHandlers.forEach((handler) -> handler.completeExceptionally(new IllegalStateException("test over")));
		this.bridges.forEach(AmqpEventBridge::destroy);
		if (!this.connections.isEmpty()) {
			RabbitAdmin admin = new RabbitAdmin(this.connections.get(0).connectionFactory);
			String queue = AmqpNames.DEFAULTS.subscriptionQueue(this.audit, null);
			admin.deleteQueue(queue);
			admin.deleteQueue(AmqpNames.deadLetterQueue(queue));
		}
		this.connections.forEach(RabbitTestSupport::close);
	}

	@Test
	void afterStopIntakeNewAndPrefetchedCommandsGoToTheOtherInstanceWhileInFlightOnesFinishAndAnswer() {
		AmqpEventBridge caller = bridge(Duration.ofSeconds(5));
		AmqpEventBridge stopping = bridge(Duration.ofSeconds(5));
		AmqpEventBridge running = bridge(Duration.ofSeconds(5));
		List<HeldCommand> held = new CopyOnWriteArrayList<>();
		stopping.registerCommand(this.things, (command) -> {
			HeldCommand handler = new HeldCommand(command, new CompletableFuture<>());
			held.add(handler);
			this.heldHandlers.add(handler.response());
			return handler.response();
		}, CommandOptions.DEFAULTS);
		// one command in each handler of the stopping instance and one more prefetched by each of its consumers
		List<CompletableFuture<CommandSuccessResponse>> early = invoke(caller, "early", 2 * CONSUMERS);
		await().atMost(PATIENCE).until(() -> stopping.inFlightCount() == CONSUMERS);
		String commandQueue = AmqpNames.DEFAULTS.commandQueue(this.things);
		await().atMost(PATIENCE).until(() -> queue(commandQueue).getMessageCount() == 0);
		running.registerCommand(this.things, (command) -> CompletableFuture.completedFuture(
				Messages.success(command, running.instanceId(), command.payload().payload(), null, null)),
				CommandOptions.DEFAULTS);

		stopping.stopIntake();
		long stoppedAt = System.nanoTime();
		List<CompletableFuture<CommandSuccessResponse>> late = invoke(caller, "late", 20);

		// new commands are answered by the running instance while the stopping one is still busy
		assertThat(late).allSatisfy((invocation) -> assertThat(join(invocation).sender().instanceId())
			.isEqualTo(running.instanceId()));
		long lateAnsweredMs = millisSince(stoppedAt);
		assertThat(stopping.inFlightCount()).isEqualTo(CONSUMERS);
		assertThat(stopping.awaitDrain(Duration.ofMillis(100))).isFalse();
		long prefetchedAnsweredBeforeRelease = early.stream().filter(CompletableFuture::isDone).count();

		held.forEach((handler) -> handler.response()
			.complete(Messages.success(handler.command(), stopping.instanceId(),
					"finished " + text(handler.command().payload().payload()), null, null)));

		assertThat(stopping.awaitDrain(PATIENCE)).isTrue();
		assertThat(stopping.inFlightCount()).isZero();
		List<CommandSuccessResponse> earlyResponses = early.stream().map(AmqpGracefulShutdownIntegrationTests::join).toList();
		assertThat(earlyResponses).as("early commands answered by the stopping instance")
			.filteredOn((response) -> stopping.instanceId().equals(response.sender().instanceId()))
			.hasSize(CONSUMERS)
			.allSatisfy((response) -> assertThat(text(response.payload())).startsWith("finished early-"));
		assertThat(earlyResponses).as("early commands answered by the running instance")
			.filteredOn((response) -> running.instanceId().equals(response.sender().instanceId()))
			.hasSize(CONSUMERS);
		assertThat(held).as("commands the stopping instance handled").hasSize(CONSUMERS);
		assertThat(caller.lateResponses() + caller.unknownResponses()).isZero();
		logger.info("AMQP graceful shutdown figures: 20 commands after stopIntake answered by the other instance in "
				+ lateAnsweredMs + " ms; " + prefetchedAnsweredBeforeRelease + " of " + CONSUMERS
				+ " prefetched commands answered before the in-flight handlers were released");
	}

	@Test
	void afterStopIntakeNewEventsGoToTheOtherInstanceAndInFlightOnesAreAcknowledgedOnce() {
		AmqpEventBridge emitter = bridge(Duration.ofSeconds(5));
		AmqpEventBridge stopping = bridge(Duration.ofSeconds(5));
		AmqpEventBridge running = bridge(Duration.ofSeconds(5));
		SubscriptionRegistration registration = SubscriptionRegistration
			.builder(this.audit, SubscriptionFilter.event(this.eventName))
			.durable(true)
			.autoacknowledge(false)
			.build();
		List<String> onStopping = new CopyOnWriteArrayList<>();
		List<CompletableFuture<SubscriptionResult>> held = new CopyOnWriteArrayList<>();
		stopping.registerSubscription(registration, (message) -> {
			onStopping.add(text(message.payload()));
			CompletableFuture<SubscriptionResult> result = new CompletableFuture<>();
			held.add(result);
			this.heldHandlers.add(result);
			return result;
		});
		IntStream.range(0, 2 * CONSUMERS).forEach((i) -> emitter.emitMessage(event("early-" + i)));
		await().atMost(PATIENCE).until(() -> stopping.inFlightCount() == CONSUMERS);
		String subscriptionQueue = AmqpNames.DEFAULTS.subscriptionQueue(this.audit, null);
		await().atMost(PATIENCE).until(() -> queue(subscriptionQueue).getMessageCount() == 0);
		List<String> onRunning = new CopyOnWriteArrayList<>();
		running.registerSubscription(registration, (message) -> {
			onRunning.add(text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.ack());
		});

		stopping.stopIntake();
		List<String> late = IntStream.range(0, 10).mapToObj((i) -> "late-" + i).toList();
		late.forEach((payload) -> emitter.emitMessage(event(payload)));

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(onRunning).containsAll(late));
		assertThat(stopping.inFlightCount()).isEqualTo(CONSUMERS);
		held.forEach((result) -> result.complete(SubscriptionResult.ack()));
		assertThat(stopping.awaitDrain(PATIENCE)).isTrue();

		// every event handled once: the in-flight ones by the stopping instance, all others by the running one
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(onRunning).hasSize(late.size() + CONSUMERS));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(onStopping).hasSize(CONSUMERS);
			assertThat(onRunning).hasSize(late.size() + CONSUMERS).doesNotContainAnyElementsOf(onStopping);
		});
		assertThat(queue(subscriptionQueue).getMessageCount()).isZero();
	}

	@Test
	void destroyKeepsTheReplyQueueUntilPendingInvocationsSettledThenFailsTheRestWith503() {
		Duration settleTimeout = Duration.ofSeconds(3);
		AmqpEventBridge caller = bridge(settleTimeout);
		AmqpEventBridge responder = bridge(Duration.ofSeconds(5));
		String replyQueue = AmqpNames.DEFAULTS.replyQueue(caller.instanceId());
		Executor inOneSecond = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
		Map<String, Long> answeredAt = new ConcurrentHashMap<>();
		Map<String, Boolean> replyQueueWhenAnswering = new ConcurrentHashMap<>();
		responder.registerCommand(this.things, (command) -> {
			String payload = text(command.payload().payload());
			if (payload.equals("stuck")) {
				CompletableFuture<Message> stuck = new CompletableFuture<>();
				this.heldHandlers.add(stuck);
				return stuck;
			}
			return CompletableFuture.supplyAsync(() -> {
				replyQueueWhenAnswering.put(payload, exclusiveQueueOrNull(caller, replyQueue) != null);
				answeredAt.put(payload, System.nanoTime());
				return Messages.success(command, responder.instanceId(), payload, null, null);
			}, inOneSecond);
		}, CommandOptions.DEFAULTS);
		CompletableFuture<CommandSuccessResponse> answered = caller.invoke(command("answered"), PATIENCE);
		CompletableFuture<CommandSuccessResponse> stuck = caller.invoke(command("stuck"), PATIENCE);
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> responder.inFlightCount() == 2);

		long destroyStarted = System.nanoTime();
		caller.destroy();
		long destroyMs = millisSince(destroyStarted);

		assertThat(answered).isCompleted();
		assertThat(text(join(answered).payload())).isEqualTo("answered");
		assertThat(answeredAt.get("answered")).as("answered while destroy waited").isGreaterThan(destroyStarted);
		assertThat(replyQueueWhenAnswering).containsEntry("answered", true);
		assertThat(stuck).isCompletedExceptionally();
		Throwable error = stuck.handle((response, failure) -> failure).join();
		assertThat(error).isInstanceOf(BridgeStoppingException.class);
		assertThat(((BridgeStoppingException) error).getStatus()).isEqualTo(503);
		assertThat(Duration.ofMillis(destroyMs)).isBetween(settleTimeout, settleTimeout.plusSeconds(2));
		await().atMost(PATIENCE).until(() -> exclusiveQueueOrNull(caller, replyQueue) == null);
		logger.info("AMQP graceful shutdown figures: destroy took " + destroyMs + " ms with settle timeout "
				+ settleTimeout.toMillis() + " ms; the response arriving "
				+ millisBetween(destroyStarted, answeredAt.get("answered")) + " ms into destroy was delivered");
	}

	private AmqpEventBridge bridge(Duration settleTimeout) {
		RabbitTestSupport connection = new RabbitTestSupport();
		this.connections.add(connection);
		AmqpEventBridge bridge = connection
			.bridge(AmqpEventBridgeOptions.builder()
				.consumersPerQueue(CONSUMERS)
				.prefetch(10)
				.settleTimeout(settleTimeout)
				.build());
		this.bridges.add(bridge);
		this.connectionOf.put(bridge, connection);
		bridge.start();
		return bridge;
	}

	private List<CompletableFuture<CommandSuccessResponse>> invoke(AmqpEventBridge caller, String prefix, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> caller.invoke(command(prefix + "-" + i), PATIENCE))
			.toList();
	}

	private Command command(String payload) {
		return Messages.command(this.gateway, this.things, payload, null, null, null, null, null);
	}

	private Message event(String payload) {
		return Messages.custom(this.gateway, this.eventName, payload, null, null, null, null);
	}

	private QueueInformation queue(String name) {
		QueueInformation information = new RabbitAdmin(this.connections.get(0).connectionFactory).getQueueInfo(name);
		assertThat(information).as("queue %s", name).isNotNull();
		return information;
	}

	/**
	 * Look an exclusive queue up through the connection that owns it (others may not even declare it passively).
	 */
	private @Nullable QueueInformation exclusiveQueueOrNull(AmqpEventBridge owner, String name) {
		return new RabbitAdmin(this.connectionOf.get(owner).connectionFactory).getQueueInfo(name);
	}

	private static <T> T join(CompletableFuture<T> future) {
		return future.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
	}

	private static String text(@Nullable Object value) {
		return (value instanceof JsonNode node && node.isString()) ? node.asString() : String.valueOf(value);
	}

	private static long millisSince(long nanoTime) {
		return millisBetween(nanoTime, System.nanoTime());
	}

	private static long millisBetween(long from, long to) {
		return TimeUnit.NANOSECONDS.toMillis(to - from);
	}

	private record HeldCommand(Command command, CompletableFuture<Message> response) {

	}

}
