package dev.purista.core.bridge.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class PendingInvocationsTests {

	private final PendingInvocations pending = new PendingInvocations();

	@Test
	void invocationWithoutResponseTimesOutWith504() {
		Command command = command();
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(command.correlationId(),
				Duration.ofMillis(50), "trace-1");
		await().atMost(Duration.ofSeconds(5)).until(future::isDone);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join)
			.havingCause()
			.isInstanceOf(CommandTimeoutException.class);
		assertThat(this.pending.timeouts()).isEqualTo(1);
		assertThat(this.pending.size()).isZero();
	}

	@Test
	void responseBeforeTheDeadlineCompletesAndNeverTimesOut() {
		Command command = command();
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(command.correlationId(),
				Duration.ofMillis(100), null);
		assertThat(this.pending.complete(Messages.success(command, "b", "ok", null, null))).isTrue();
		assertThat(future.join().payload()).isEqualTo("ok");
		CompletableFuture<CommandSuccessResponse> later = this.pending.register(command().correlationId(),
				Duration.ofMillis(150), null);
		await().atMost(Duration.ofSeconds(5)).until(later::isDone);
		assertThat(this.pending.timeouts()).isEqualTo(1);
	}

	@Test
	void shorterTimeoutRegisteredAfterALongerOneFiresFirst() {
		CompletableFuture<CommandSuccessResponse> slow = this.pending.register(command().correlationId(),
				Duration.ofSeconds(30), null);
		CompletableFuture<CommandSuccessResponse> fast = this.pending.register(command().correlationId(),
				Duration.ofMillis(30), null);
		await().atMost(Duration.ofSeconds(5)).until(fast::isCompletedExceptionally);
		assertThat(slow).isNotDone();
		assertThat(this.pending.size()).isEqualTo(1);
	}

	@Test
	void remainingInvocationsTimeOutAfterEarlierOnesWereSwept() {
		CompletableFuture<CommandSuccessResponse> first = this.pending.register(command().correlationId(),
				Duration.ofMillis(20), null);
		// far apart, so that a loaded machine cannot let both deadlines pass before the first is seen done
		CompletableFuture<CommandSuccessResponse> second = this.pending.register(command().correlationId(),
				Duration.ofSeconds(2), null);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(first::isDone);
		assertThat(second).isNotDone();
		await().atMost(Duration.ofSeconds(5)).until(second::isCompletedExceptionally);
		assertThat(this.pending.timeouts()).isEqualTo(2);
	}

	@Test
	void responseAfterTheTimeoutIsCountedAsLate() {
		Command command = command();
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(command.correlationId(),
				Duration.ofMillis(10), null);
		await().atMost(Duration.ofSeconds(5)).until(future::isDone);
		assertThat(this.pending.complete(Messages.success(command, "b", "late", null, null))).isFalse();
		assertThat(this.pending.lateResponses()).isEqualTo(1);
		assertThat(this.pending.unknownResponses()).isZero();
	}

	@Test
	void everyInvocationRegisteredConcurrentlyTimesOut() throws Exception {
		int threads = 8;
		int perThread = 500;
		List<CompletableFuture<CommandSuccessResponse>> futures = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			List<CompletableFuture<CommandSuccessResponse>> own = new ArrayList<>();
			Thread worker = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				for (int i = 0; i < perThread; i++) {
					own.add(this.pending.register(command().correlationId(),
							Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 40)), null));
				}
				synchronized (futures) {
					futures.addAll(own);
				}
			});
			workers.add(worker);
			worker.start();
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		assertThat(futures).hasSize(threads * perThread);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> futures.stream().allMatch(CompletableFuture::isCompletedExceptionally));
		assertThat(this.pending.timeouts()).isEqualTo(threads * perThread);
		assertThat(this.pending.size()).isZero();
	}

	@Test
	void failUnanswerableFailsAllButTheInvocationsAnsweredHere() {
		Command elsewhere = command();
		Command here = command();
		Command handedOver = command();
		CompletableFuture<CommandSuccessResponse> elsewhereFuture = this.pending.register(elsewhere.correlationId(),
				Duration.ofMinutes(1), "trace-elsewhere");
		CompletableFuture<CommandSuccessResponse> hereFuture = this.pending.register(here.correlationId(),
				Duration.ofMinutes(1), "trace-here");
		CompletableFuture<CommandSuccessResponse> handedOverFuture = this.pending.register(handedOver.correlationId(),
				Duration.ofMinutes(1), "trace-handed-over");
		this.pending.answeringHere(here.correlationId(), true);
		this.pending.answeringHere(handedOver.correlationId(), true);
		this.pending.answeringHere(handedOver.correlationId(), false);

		int failed = this.pending.failUnanswerable((traceId) -> new UnhandledException(503, "Service Unavailable",
				null, traceId));

		assertThat(failed).isEqualTo(2);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(elsewhereFuture::join)
			.havingCause()
			.isInstanceOfSatisfying(UnhandledException.class, (error) -> {
				assertThat(error.getStatus()).isEqualTo(503);
				assertThat(error.getTraceId()).isEqualTo("trace-elsewhere");
			});
		assertThat(handedOverFuture).isCompletedExceptionally();
		assertThat(hereFuture).isNotDone();
		assertThat(this.pending.size()).isEqualTo(1);
		assertThat(this.pending.complete(Messages.success(here, "responder", "ok", null, null))).isTrue();
		assertThat(hereFuture.join().payload()).isEqualTo("ok");
	}

	@Test
	void answeringHereForAnUnknownInvocationIsIgnored() {
		this.pending.answeringHere("unknown", true);

		assertThat(this.pending.failUnanswerable((traceId) -> new IllegalStateException())).isZero();
	}

	private static Command command() {
		return Messages.command(new MessageAddress("Caller", "1", "test", "a"), MessageAddress.of("User", "1", "get"),
				null, null, null, null, null, null);
	}

}
