package dev.purista.test.bridge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventHub;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-memory event bridge (isolating, its default) against the event bridge contract: every bridge of a
 * test shares one {@link InMemoryEventHub}, like instances on one broker.
 */
class InMemoryEventBridgeTests extends AbstractEventBridgeTests {

	private final InMemoryEventHub hub = new InMemoryEventHub();

	private final MessageCodec codec = new MessageCodec();

	/**
	 * The options of the bridges under test.
	 * @return the options
	 */
	protected InMemoryEventBridgeOptions options() {
		return InMemoryEventBridgeOptions.defaults();
	}

	@Override
	protected EventBridge createBridge() {
		return new InMemoryEventBridge(this.hub, options(), this.codec);
	}

	@Override
	protected long lateResponses(EventBridge bridge) {
		return ((InMemoryEventBridge) bridge).lateResponses();
	}

	@Override
	protected List<Message> deadLetters(MessageAddress subscription) {
		return this.hub.deadLetters()
			.stream()
			.filter((deadLetter) -> deadLetter.subscription().equals(subscription))
			.map(InMemoryEventHub.DeadLetter::message)
			.toList();
	}

	@Override
	protected boolean answersUnknownCommands() {
		return true;
	}

	@Override
	protected boolean refusesCommandsWhileIntakeStopped() {
		return true;
	}

	@Override
	protected boolean isolatesPayloads() {
		return options().isolation();
	}

	@Test
	void declaresInMemoryCapabilities() {
		EventBridge bridge = startBridge();
		assertThat(bridge.name()).isEqualTo("InMemoryEventBridge");
		assertThat(bridge.instanceId()).matches("[0-9a-f]{32}");
		assertThat(bridge.capabilities())
			.isEqualTo(EventBridgeCapabilities.builder("in-memory")
				.manualAckSupported(true)
				.gracefulDrainSupported(true)
				.subscriptionRetries(true)
				.build());
		assertThat(((InMemoryEventBridge) bridge).isIsolating()).isEqualTo(options().isolation());
	}

	@Test
	void retryTimerThreadEndsOnceNoRetryIsPending() {
		EventBridge bridge = startBridge();
		AtomicInteger attempts = new AtomicInteger();
		MessageAddress subscription = MessageAddress.of(name("Audit"), "1", "retryOnce");
		bridge.registerSubscription(SubscriptionRegistration.of(subscription, SubscriptionFilter.event(name("Tick")))
			.withRetries(2, Duration.ofMillis(10)), (message) -> CompletableFuture.completedFuture(
					(attempts.incrementAndGet() == 1) ? SubscriptionResult.retry("once", null) : SubscriptionResult.ack()));

		bridge.emitMessage(Messages.custom(gateway(), name("Tick"), "tick", null, null, null, null));

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(attempts).hasValue(2));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().equals("purista-in-memory-retry")));
	}


	@Test
	void emittingOnABridgeThatWasNeverStartedIsRefused() {
		InMemoryEventBridge unstarted = new InMemoryEventBridge(this.hub, options(), this.codec);
		Message event = Messages.custom(MessageAddress.of("Emitter", "1", "emit"), "neverStarted", null, null, null,
				null, null);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> unstarted.emitMessage(event))
			.isInstanceOf(dev.purista.core.error.BridgeStoppingException.class)
			.hasMessageContaining("not started");
		unstarted.destroy();
	}

}
