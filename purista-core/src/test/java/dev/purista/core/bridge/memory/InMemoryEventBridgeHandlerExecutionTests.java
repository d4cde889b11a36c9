package dev.purista.core.bridge.memory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions.HandlerExecution;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class InMemoryEventBridgeHandlerExecutionTests {

	private static final MessageAddress TARGET = MessageAddress.of("User", "1", "signUp");

	private InMemoryEventBridge bridge = new InMemoryEventBridge();

	@AfterEach
	void destroy() {
		this.bridge.destroy();
	}

	@Test
	void defaultsRunHandlersOnThePoolNeverOnTheCaller() {
		assertThat(InMemoryEventBridgeOptions.defaults().handlerExecution()).isEqualTo(HandlerExecution.POOL);
		AtomicReference<Thread> handlerThread = registerRecordingHandler();
		CommandSuccessResponse response = this.bridge.invoke(command(), Duration.ofSeconds(5)).join();
		assertThat(response.payload()).isNotNull();
		assertThat(handlerThread.get()).isNotSameAs(Thread.currentThread());
		assertThat(handlerThread.get().getName()).startsWith("purista-handler-");
	}

	@Test
	void callerThreadExecutionRunsTheHandlerBeforeInvokeReturns() {
		use(HandlerExecution.CALLER_THREAD);
		AtomicReference<Thread> handlerThread = registerRecordingHandler();
		CompletableFuture<CommandSuccessResponse> future = this.bridge.invoke(command(), Duration.ofSeconds(5));
		assertThat(future).isCompleted();
		assertThat(handlerThread.get()).isSameAs(Thread.currentThread());
		assertThat(future.join().payload()).isNotNull();
		assertThat(this.bridge.pendingInvocations()).isZero();
		assertThat(this.bridge.inFlightCount()).isZero();
	}

	@Test
	void callerThreadExecutionRunsSubscriptionsOnTheEmittingThread() {
		use(HandlerExecution.CALLER_THREAD);
		AtomicReference<Thread> subscriberThread = new AtomicReference<>();
		this.bridge.registerSubscription(
				SubscriptionRegistration.of(MessageAddress.of("Audit", "1", "log"), SubscriptionFilter.event("seen")),
				(message) -> {
					subscriberThread.set(Thread.currentThread());
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});
		this.bridge.emitMessage(Messages.custom(new MessageAddress("Caller", "1", "test", this.bridge.instanceId()),
				"seen", null, null, null, null, null));
		assertThat(subscriberThread.get()).isSameAs(Thread.currentThread());
	}

	@Test
	void callerThreadExecutionStillTimesOutABlockedHandler() throws Exception {
		use(HandlerExecution.CALLER_THREAD);
		CountDownLatch release = new CountDownLatch(1);
		this.bridge.registerCommand(TARGET, (command) -> {
			awaitRelease(release);
			return CompletableFuture.completedFuture(Messages.success(command, this.bridge.instanceId(), "late", null,
					null));
		}, CommandOptions.DEFAULTS);
		CompletableFuture<CompletableFuture<CommandSuccessResponse>> invocation = CompletableFuture
			.supplyAsync(() -> this.bridge.invoke(command(), Duration.ofMillis(50)));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.bridge.pendingInvocations() == 0
				&& this.bridge.inFlightCount() == 1);
		release.countDown();
		CompletableFuture<CommandSuccessResponse> future = invocation.get(5, TimeUnit.SECONDS);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join)
			.havingCause()
			.isInstanceOf(CommandTimeoutException.class);
		assertThat(this.bridge.lateResponses()).isEqualTo(1);
	}

	private void use(HandlerExecution execution) {
		this.bridge.destroy();
		this.bridge = new InMemoryEventBridge(new InMemoryEventHub(),
				InMemoryEventBridgeOptions.builder().handlerExecution(execution).build(),
				new MessageCodec());
		this.bridge.start();
	}

	private AtomicReference<Thread> registerRecordingHandler() {
		this.bridge.start();
		AtomicReference<Thread> handlerThread = new AtomicReference<>();
		this.bridge.registerCommand(TARGET, (command) -> {
			handlerThread.set(Thread.currentThread());
			Message response = Messages.success(command, this.bridge.instanceId(), "ok", null, null);
			return CompletableFuture.completedFuture(response);
		}, CommandOptions.DEFAULTS);
		return handlerThread;
	}

	private Command command() {
		return Messages.command(new MessageAddress("Caller", "1", "test", this.bridge.instanceId()), TARGET,
				"payload", null, null, null, null, null);
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
