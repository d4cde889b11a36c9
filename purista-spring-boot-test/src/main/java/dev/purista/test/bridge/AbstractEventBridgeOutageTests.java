package dev.purista.test.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.OutboundStatus;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.OutboundBufferFullException;
import dev.purista.core.error.StatusException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The outage contract every event bridge on a network connection must pass (NATS, MQTT and AMQP alike; the
 * in-memory bridge has no connection to lose): nothing produced is dropped because the connection is down, and
 * no caller waits for a response that cannot come.
 * <p>
 * Extend it and implement {@link #createBridge()} (a bridge that stays connected), {@link
 * #createDisconnectableBridge(OutboundBufferLimits)} (a bridge on the same transport whose connection runs
 * through a fault the test controls, e.g. a {@link dev.purista.test.broker.TcpProxy}), {@link #disconnect()} and
 * {@link #reconnect()}. The suite starts the bridges it creates, destroys them after each test and reconnects
 * before the next.
 * <p>
 * What the suite states:
 * <ul>
 * <li>Events emitted while disconnected are accepted at once, wait in the bridge's outbound buffer (visible in
 * {@link EventBridge#outboundStatus()}, messages and bytes) and reach subscribers once each after the
 * reconnect.</li>
 * <li>A command the bridge answers itself, handled while the connection was lost, ends with its response after the
 * reconnect (the caller keeps waiting: its response is produced here) and its success event reaches subscribers
 * once; a command redelivered by the broker after the outage does not replace the first response.</li>
 * <li>An invocation answered elsewhere, whose response can no longer arrive once the connection is lost, fails
 * at once with 503, long before its timeout; an invocation made while disconnected fails at once with 503.</li>
 * <li>The buffer is bounded by messages and by bytes: what exceeds it is refused with
 * {@link OutboundBufferFullException} (503) and counted; what fitted is still delivered.</li>
 * <li>What is still buffered when the bridge is destroyed is counted as unpublished.</li>
 * <li>A subscription retry decided while disconnected is not lost: the message is handled again after the
 * reconnect (bridges with {@link dev.purista.core.bridge.EventBridgeCapabilities#subscriptionRetries()}).</li>
 * </ul>
 */
public abstract class AbstractEventBridgeOutageTests {

	/** How long tests wait for something that should happen, reconnects included. */
	protected static final Duration PATIENCE = Duration.ofSeconds(20);

	/** The timeout of invocations that must end before it, because their response cannot arrive. */
	private static final Duration LONG_TIMEOUT = Duration.ofSeconds(60);

	/** How soon an invocation whose response cannot arrive must fail after the disconnect. */
	private static final Duration AT_ONCE = Duration.ofSeconds(5);

	private final List<EventBridge> bridges = new CopyOnWriteArrayList<>();

	private final List<CompletableFuture<?>> heldHandlers = new CopyOnWriteArrayList<>();

	private final String prefix = "outage" + Ids.newId().substring(0, 8);

	/**
	 * Create a new, not yet started bridge that stays connected throughout every test.
	 * @return a new bridge
	 */
	protected abstract EventBridge createBridge();

	/**
	 * Create a new, not yet started bridge on the same transport as {@link #createBridge()}, whose connection
	 * {@link #disconnect()} cuts and {@link #reconnect()} restores.
	 * @param limits the bounds of its outbound buffer
	 * @return a new bridge
	 */
	protected abstract EventBridge createDisconnectableBridge(OutboundBufferLimits limits);

	/**
	 * Cut the connection of every bridge {@link #createDisconnectableBridge} returned, so that they notice
	 * promptly (a closed connection, not a silent network); the broker keeps running for the other bridges.
	 */
	protected abstract void disconnect();

	/**
	 * Let the bridges {@link #disconnect()} cut connect again; they reconnect by themselves.
	 */
	protected abstract void reconnect();

	/**
	 * How long the suite watches to state that something does not happen. 500 ms by default.
	 * @return the period
	 */
	protected Duration quietPeriod() {
		return Duration.ofMillis(500);
	}

	/**
	 * Called after every bridge of a test was destroyed, to release what {@link #createDisconnectableBridge}
	 * made (connections, their connection factories). Does nothing by default.
	 */
	protected void afterBridgesDestroyed() {
	}

	@AfterEach
	void destroyBridges() {
		this.heldHandlers.forEach((held) -> held.completeExceptionally(new IllegalStateException("test finished")));
		reconnect();
		this.bridges.forEach(EventBridge::destroy);
		this.bridges.clear();
		afterBridgesDestroyed();
	}

	@Test
	void eventsEmittedWhileDisconnectedWaitInTheBufferAndArriveOnceAfterTheReconnect() {
		EventBridge subscriberBridge = start(createBridge());
		Recorder subscriber = subscribe(subscriberBridge, "onThingCreated", name("ThingCreated"));
		EventBridge bridge = start(createDisconnectableBridge(OutboundBufferLimits.DEFAULTS));

		disconnectAndAwait(bridge);
		for (int i = 0; i < 3; i++) {
			bridge.emitMessage(event("during-" + i));
		}

		OutboundStatus buffered = status(bridge);
		assertThat(buffered.bufferedMessages()).isEqualTo(3);
		assertThat(buffered.bufferedBytes()).isPositive();
		await().during(quietPeriod()).atMost(quietPeriod().plusSeconds(1)).until(() -> subscriber.count() == 0);
		reconnect();
		await().atMost(PATIENCE)
			.during(quietPeriod())
			.untilAsserted(() -> assertThat(subscriber.payloads()).containsExactlyInAnyOrder("during-0", "during-1",
					"during-2"));
		OutboundStatus after = status(bridge);
		assertThat(after.bufferedMessages()).isZero();
		assertThat(after.bufferedBytes()).isZero();
		assertThat(after.publishedAfterWaiting()).isEqualTo(3);
		assertThat(after.rejected()).isZero();
	}

	@Test
	void ownCommandHandledDuringTheOutageEndsWithItsResponseAndItsSuccessEventArrivesOnce() {
		EventBridge subscriberBridge = start(createBridge());
		Recorder subscriber = subscribe(subscriberBridge, "onThingCreated", name("ThingCreated"));
		EventBridge bridge = start(createDisconnectableBridge(OutboundBufferLimits.DEFAULTS));
		CompletableFuture<Void> gate = hold();
		AtomicInteger handled = new AtomicInteger();
		bridge.registerCommand(things(), (command) -> {
			if (handled.incrementAndGet() > 1) {
				// the broker delivers an unacknowledged command again after the outage: answered, as an
				// idempotent handler would, without a second success event
				return CompletableFuture.completedFuture(Messages.error(command, bridge.instanceId(),
						new HandledException(409, "already handled", null, command.traceId()), command.otp()));
			}
			return gate.thenApply((ignored) -> Messages.success(command, bridge.instanceId(),
					"handled-" + BridgeTestSupport.text(command.payload().payload()), name("ThingCreated"), null));
		}, CommandOptions.DEFAULTS);
		CompletableFuture<CommandSuccessResponse> invocation = bridge.invoke(command(things(), "anvil"),
				LONG_TIMEOUT);
		await().atMost(PATIENCE).until(() -> handled.get() == 1);

		disconnectAndAwait(bridge);
		gate.complete(null);
		await().atMost(PATIENCE).until(() -> status(bridge).bufferedMessages() == 1);
		await().during(quietPeriod()).atMost(quietPeriod().plusSeconds(1)).until(() -> !invocation.isDone());

		reconnect();
		CommandSuccessResponse response = BridgeTestSupport.join(invocation, PATIENCE);
		assertThat(BridgeTestSupport.text(response.payload())).isEqualTo("handled-anvil");
		await().atMost(PATIENCE)
			.during(quietPeriod())
			.untilAsserted(() -> assertThat(subscriber.payloads()).containsExactly("handled-anvil"));
		assertThat(status(bridge).bufferedMessages()).isZero();
		assertThat(status(bridge).publishedAfterWaiting()).isEqualTo(1);
	}

	@Test
	void invocationAnsweredElsewhereFailsAtOnceWith503WhenTheConnectionIsLost() {
		EventBridge responder = start(createBridge());
		CompletableFuture<Void> gate = hold();
		AtomicInteger handled = new AtomicInteger();
		responder.registerCommand(things(), (command) -> {
			handled.incrementAndGet();
			return gate.thenApply((ignored) -> Messages.success(command, responder.instanceId(), "late", null, null));
		}, CommandOptions.DEFAULTS);
		EventBridge caller = start(createDisconnectableBridge(OutboundBufferLimits.DEFAULTS));
		CompletableFuture<CommandSuccessResponse> invocation = caller.invoke(command(things(), "anvil"),
				LONG_TIMEOUT);
		await().atMost(PATIENCE).until(() -> handled.get() == 1);

		long cutAt = System.nanoTime();
		disconnect();

		Throwable error = BridgeTestSupport.failureOf(invocation, AT_ONCE);
		assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).isLessThan(AT_ONCE);
		assertThat(error).isInstanceOf(StatusException.class);
		assertThat(((StatusException) error).getStatus()).isEqualTo(503);
	}

	@Test
	void invocationWhileDisconnectedFailsAtOnceWith503() {
		EventBridge bridge = start(createDisconnectableBridge(OutboundBufferLimits.DEFAULTS));
		disconnectAndAwait(bridge);

		long invokedAt = System.nanoTime();
		Throwable error = BridgeTestSupport.failureOf(bridge.invoke(command(things(), "anvil"), LONG_TIMEOUT),
				AT_ONCE);

		assertThat(Duration.ofNanos(System.nanoTime() - invokedAt)).isLessThan(AT_ONCE);
		assertThat(((StatusException) error).getStatus()).isEqualTo(503);
	}

	@Test
	void whatExceedsTheMessageBoundIsRefusedWith503AndCountedWhileWhatFittedArrives() {
		EventBridge subscriberBridge = start(createBridge());
		Recorder subscriber = subscribe(subscriberBridge, "onThingCreated", name("ThingCreated"));
		EventBridge bridge = start(createDisconnectableBridge(new OutboundBufferLimits(2, 1024 * 1024)));
		disconnectAndAwait(bridge);

		bridge.emitMessage(event("first"));
		bridge.emitMessage(event("second"));
		assertThatExceptionOfType(OutboundBufferFullException.class)
			.isThrownBy(() -> bridge.emitMessage(event("third")))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503))
			.withMessageContaining("purista.event-bridge.outbound-buffer");

		assertThat(status(bridge).bufferedMessages()).isEqualTo(2);
		assertThat(status(bridge).rejected()).isEqualTo(1);
		reconnect();
		await().atMost(PATIENCE)
			.during(quietPeriod())
			.untilAsserted(() -> assertThat(subscriber.payloads()).containsExactlyInAnyOrder("first", "second"));
	}

	@Test
	void whatExceedsTheByteBoundIsRefused() {
		EventBridge bridge = start(createDisconnectableBridge(new OutboundBufferLimits(1000, 2048)));
		disconnectAndAwait(bridge);

		bridge.emitMessage(event("small"));
		assertThatExceptionOfType(OutboundBufferFullException.class)
			.isThrownBy(() -> bridge.emitMessage(event("x".repeat(4096))));

		OutboundStatus status = status(bridge);
		assertThat(status.bufferedMessages()).isEqualTo(1);
		assertThat(status.bufferedBytes()).isBetween(1L, 2048L);
		assertThat(status.rejected()).isEqualTo(1);
	}

	@Test
	void whatIsStillBufferedWhenTheBridgeIsDestroyedIsCountedAsUnpublished() {
		EventBridge bridge = start(createDisconnectableBridge(OutboundBufferLimits.DEFAULTS));
		disconnectAndAwait(bridge);
		bridge.emitMessage(event("first"));
		bridge.emitMessage(event("second"));

		bridge.destroy();

		OutboundStatus status = status(bridge);
		assertThat(status.unpublishedAtShutdown()).isEqualTo(2);
		assertThat(status.bufferedMessages()).isZero();
	}

	@Test
	void subscriptionRetryDecidedWhileDisconnectedIsNotLost() {
		EventBridge bridge = start(createDisconnectableBridge(OutboundBufferLimits.DEFAULTS));
		assumeTrue(bridge.capabilities().subscriptionRetries(),
				bridge.name() + " declares no subscription retries (capabilities().subscriptionRetries())");
		CompletableFuture<Void> gate = hold();
		List<String> handled = new CopyOnWriteArrayList<>();
		bridge.registerSubscription(SubscriptionRegistration
			.builder(MessageAddress.of(name("Audit"), "1", "onThingCreated"),
					SubscriptionFilter.event(name("ThingCreated")))
			.durable(true)
			.maxAttempts(3)
			.retryDelay(Duration.ZERO)
			.build(), (message) -> {
				handled.add(BridgeTestSupport.text(message.payload()));
				if (handled.size() > 1) {
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				}
				return gate.thenApply((ignored) -> SubscriptionResult.retry("try again", Duration.ZERO));
			});
		EventBridge emitter = start(createBridge());
		emitter.emitMessage(event("retried"));
		await().atMost(PATIENCE).until(() -> handled.size() == 1);

		disconnectAndAwait(bridge);
		gate.complete(null);
		reconnect();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(handled).hasSizeGreaterThan(1).allMatch("retried"::equals));
	}

	private EventBridge start(EventBridge bridge) {
		this.bridges.add(bridge);
		bridge.start();
		return bridge;
	}

	private void disconnectAndAwait(EventBridge bridge) {
		disconnect();
		await().atMost(PATIENCE).until(() -> !bridge.isHealthy());
	}

	private static OutboundStatus status(EventBridge bridge) {
		return bridge.outboundStatus()
			.orElseThrow(() -> new AssertionError(bridge.name() + " has a connection to lose but no outbound buffer "
					+ "(EventBridge.outboundStatus() is empty)"));
	}

	private CompletableFuture<Void> hold() {
		CompletableFuture<Void> gate = new CompletableFuture<>();
		this.heldHandlers.add(gate);
		return gate;
	}

	private Recorder subscribe(EventBridge bridge, String subscriptionName, String eventName) {
		Recorder recorder = new Recorder();
		MessageAddress address = MessageAddress.of(name("Audit"), "1", subscriptionName);
		bridge.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(eventName)), recorder);
		return recorder;
	}

	private String name(String suffix) {
		return this.prefix + suffix;
	}

	private MessageAddress things() {
		return MessageAddress.of(name("Things"), "1", "createThing");
	}

	private MessageAddress gateway() {
		return MessageAddress.of(name("Gateway"), "1", "callThing");
	}

	private Command command(MessageAddress receiver, Object payload) {
		return Messages.command(gateway(), receiver, payload, null, null, null, null, null);
	}

	private Message event(String payload) {
		return Messages.custom(gateway(), name("ThingCreated"), payload, null, null, null, null);
	}

	/**
	 * Records the payloads a subscription receives and acknowledges them.
	 */
	private static final class Recorder implements SubscriptionHandler {

		private final List<String> payloads = new CopyOnWriteArrayList<>();

		@Override
		public CompletionStage<SubscriptionResult> handle(Message message) {
			this.payloads.add(BridgeTestSupport.text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.ack());
		}

		int count() {
			return this.payloads.size();
		}

		List<String> payloads() {
			return new ArrayList<>(this.payloads);
		}

	}

}
