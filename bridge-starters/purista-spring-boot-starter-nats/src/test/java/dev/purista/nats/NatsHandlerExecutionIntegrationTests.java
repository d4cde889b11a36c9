package dev.purista.nats;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.nats.NatsEventBridgeOptions.HandlerExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where {@link NatsEventBridge} runs command and subscription handlers ({@link HandlerExecution}), on a real
 * nats-server: on its handler pool by default, on the dispatcher thread that received the message when opted in.
 */
class NatsHandlerExecutionIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static NatsTestSupport nats;

	private final String prefix = "exec" + UUID.randomUUID().toString().substring(0, 8);

	private NatsEventBridge caller;

	private NatsEventBridge responder;

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@AfterEach
	void destroyBridges() {
		if (this.caller != null) {
			this.caller.destroy();
		}
		if (this.responder != null) {
			this.responder.destroy();
		}
	}

	@Test
	void byDefaultHandlersRunOnTheHandlerPool() {
		HandlerThreads threads = roundTripAndEvent(HandlerExecution.POOL);
		assertThat(threads.command().get()).startsWith("purista-nats-");
		assertThat(threads.subscription().get()).startsWith("purista-nats-");
	}

	@Test
	void dispatcherExecutionRunsHandlersOnTheReceivingDispatcherThread() {
		HandlerThreads threads = roundTripAndEvent(HandlerExecution.DISPATCHER);
		assertThat(threads.command().get()).as("not handed to the pool").doesNotStartWith("purista-nats-");
		assertThat(threads.subscription().get()).as("not handed to the pool").doesNotStartWith("purista-nats-");
	}

	/**
	 * Start a responder with the given execution and a caller, invoke a command whose response carries a success
	 * event, and wait for a subscription of the responder to receive that event.
	 */
	private HandlerThreads roundTripAndEvent(HandlerExecution execution) {
		this.responder = nats.bridge(
				NatsEventBridgeOptions.builder().subjectPrefix(this.prefix).handlerExecution(execution).build());
		this.caller = nats.bridge(NatsEventBridgeOptions.builder().subjectPrefix(this.prefix).build());
		this.responder.start();
		this.caller.start();
		HandlerThreads threads = new HandlerThreads(new AtomicReference<>(), new AtomicReference<>());
		MessageAddress echo = MessageAddress.of("Echo", "1", "echo");
		String responderId = this.responder.instanceId();
		this.responder.registerCommand(echo, (command) -> {
			threads.command().set(Thread.currentThread().getName());
			return CompletableFuture.completedFuture(
					Messages.success(command, responderId, command.payload().payload(), "echoed", null));
		}, CommandOptions.DEFAULTS);
		MessageAddress audit = MessageAddress.of("Audit", "1", "onEchoed");
		this.responder.registerSubscription(SubscriptionRegistration.of(audit, SubscriptionFilter.event("echoed")),
				(message) -> {
					threads.subscription().set(Thread.currentThread().getName());
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});

		CommandSuccessResponse response = this.caller
			.invoke(Messages.command(MessageAddress.of("Gateway", "1", "call"), echo, "ping", null, null, null, null,
					null), TIMEOUT)
			.join();

		assertThat(response.payload()).hasToString("\"ping\"");
		assertThat(response.eventName()).isEqualTo("echoed");
		await().atMost(TIMEOUT).until(() -> threads.subscription().get() != null);
		return threads;
	}

	private record HandlerThreads(AtomicReference<String> command, AtomicReference<String> subscription) {
	}

}
