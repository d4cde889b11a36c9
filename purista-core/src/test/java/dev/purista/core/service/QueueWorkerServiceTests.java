package dev.purista.core.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.QueueWorker;
import dev.purista.core.annotation.Subscription;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.RetryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QueueWorkerServiceTests {

	private final ServiceTestSupport support = new ServiceTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	record Welcome(@NotBlank @Email String to) {
	}

	@PuristaService(name = "Email", version = "1")
	static class EmailService {

		final List<String> sent = new CopyOnWriteArrayList<>();

		final List<String> tenants = new CopyOnWriteArrayList<>();

		@Subscription(event = "userSignedUp")
		public void enqueueWelcome(ParityServices.SignedUp payload, SubscriptionContext context) {
			context.enqueue("welcome-email", new Welcome(payload.email()));
		}

		@QueueWorker(queue = "welcome-email", maxParallelHandlers = 2)
		public void send(Welcome payload, QueueWorkerContext context) {
			this.sent.add(payload.to());
			this.tenants.add(context.tenantId() + "/" + context.principalId() + "/" + context.traceId());
		}

	}

	@Test
	void subscriptionEnqueuesAndAnnotatedWorkerProcessesWithPropagatedIds() {
		this.support.start(new ParityServices.UserService());
		EmailService email = new EmailService();
		this.support.start(email);

		this.support.invoke("User", "signUp", Map.of("email", "a@b.co", "name", "Ada"), null, Object.class,
				new Identity("trace-4", "user-4", "tenant-4"))
			.join();

		await().until(() -> email.sent.size() == 1);
		assertThat(email.sent).containsExactly("a@b.co");
		assertThat(email.tenants).containsExactly("tenant-4/user-4/trace-4");
		await().until(() -> this.support.queueBridge.metrics("welcome-email").pending() == 0
				&& this.support.queueBridge.metrics("welcome-email").inflight() == 0);
	}

	@Test
	void failingWorkerRetriesWithBackoffThenDeadLetters() {
		AtomicInteger attempts = new AtomicInteger();
		QueueLifecycle lifecycle = QueueLifecycle.defaults()
			.withMaxAttempts(3)
			.withRetryStrategy(RetryStrategy.defaults().withInitialDelay(Duration.ofMillis(10)));
		this.support.start(ServiceBuilder.service("Email", "1")
			.queueWorker("welcome-email", "send")
			.lifecycle(lifecycle)
			.handler((payload, parameter, context) -> {
				attempts.incrementAndGet();
				throw new IllegalStateException("smtp down");
			})
			.build());

		this.support.queueBridge.enqueue(EnqueueRequest.of("welcome-email", Map.of("to", "a@b.co")).withMaxAttempts(3));

		await().until(() -> this.support.queueBridge.metrics("welcome-email.dead-letter").deadLetter() == 1
				|| !this.support.queueBridge.peekDeadLetter("welcome-email.dead-letter", 0, 10).isEmpty());
		assertThat(attempts).hasValue(3);
		QueueMessage dead = this.support.queueBridge.peekDeadLetter("welcome-email.dead-letter", 0, 10).get(0);
		assertThat(dead.headers()).containsKey(QueueHeaders.DEAD_LETTER_REASON);
	}

	@Test
	void jobWhosePayloadDoesNotValidateIsDeadLetteredWithTheReasonAndTheQueueGoesOn() {
		List<String> sent = new CopyOnWriteArrayList<>();
		this.support.start(ServiceBuilder.service("Email", "1")
			.queueWorker("welcome-email", "send")
			.payload(Welcome.class)
			.handler((payload, parameter, context) -> sent.add(payload.to()))
			.build());

		this.support.queueBridge.enqueue(EnqueueRequest.of("welcome-email", Map.of("to", "not-an-email")));
		this.support.queueBridge.enqueue(EnqueueRequest.of("welcome-email", Map.of("to", "ok@b.co")));

		await().until(() -> sent.contains("ok@b.co")
				&& !this.support.queueBridge.peekDeadLetter("welcome-email.dead-letter", 0, 10).isEmpty());
		QueueMessage dead = this.support.queueBridge.peekDeadLetter("welcome-email.dead-letter", 0, 10).get(0);
		assertThat(dead.headers().get(QueueHeaders.DEAD_LETTER_REASON)).startsWith("validation failed: payload")
			.contains("to");
		assertThat(sent).containsExactly("ok@b.co");
	}

}
