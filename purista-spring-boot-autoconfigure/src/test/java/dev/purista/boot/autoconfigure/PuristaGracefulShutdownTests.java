package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import dev.purista.core.error.StatusException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PuristaGracefulShutdownTests {

	private static final MessageAddress SLOW = MessageAddress.of("Slow", "1", "work");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class));

	@Test
	void commandsInFlightWhenTheContextClosesAllCompleteAndLateCommandsGet503() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		List<ReadinessState> readiness = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.runner.withBean(ServiceDefinition.class, () -> slowService(started, release))
			.withBean(ApplicationListener.class,
					() -> (ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
						if (event.getState() instanceof ReadinessState state) {
							readiness.add(state);
						}
					})
			.run((context) -> {
			PuristaInvoker invoker = invoker(context.getBean(ServiceEnvironment.class));
			List<CompletableFuture<Object>> inFlight = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				inFlight.add(invoker.invoke(SLOW, Map.of("n", i), null, Object.class, Duration.ofSeconds(30),
						Identity.NONE));
			}
			await().until(() -> started.get() == 50);
			PuristaServices services = context.getBean(PuristaServices.class);

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			await().until(() -> !services.isRunning());
			CompletableFuture<Object> late = invoker.invoke(SLOW, Map.of("n", 99), null, Object.class,
					Duration.ofSeconds(5), Identity.NONE);
			StatusException refused = failure(late);
			List<ReadinessState> readinessWhenRefused = List.copyOf(readiness);
			release.countDown();
			closing.get(30, TimeUnit.SECONDS);

			assertThat(readinessWhenRefused).containsExactly(ReadinessState.REFUSING_TRAFFIC);
			assertThat(refused.getStatus()).isEqualTo(503);
			assertThat(refused.getMessage()).isEqualTo("Service Unavailable");
			for (CompletableFuture<Object> command : inFlight) {
				assertThat(command).isCompleted();
				assertThat(command.join()).isInstanceOf(Map.class);
			}
			assertThat(started).hasValue(50);
		});
	}

	@Test
	void queueJobUnfinishedAtShutdownIsReleasedAndLeasableAgain() {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch jobStarted = new CountDownLatch(1);
		InMemoryQueueBridge broker = new InMemoryQueueBridge();
		broker.start();
		this.runner.withBean(QueueBridge.class, () -> new SurvivingQueueBridge(broker))
			.withBean(ServiceDefinition.class, () -> ServiceBuilder.service("Mailer", "1")
				.queueWorker("mails", "send")
				.handler((payload, parameter, context) -> {
					jobStarted.countDown();
					release.await();
					return null;
				})
				.build())
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=300ms")
			.run((context) -> {
				broker.enqueue(EnqueueRequest.of("mails", Map.of("to", "a@b.co")));
				assertThat(jobStarted.await(10, TimeUnit.SECONDS)).isTrue();

				context.close();

				QueueLease again = broker.leaseNext("mails", Duration.ofSeconds(2));
				release.countDown();
				assertThat(again).isNotNull();
				assertThat(again.message().attempt()).isEqualTo(2);
			});
		broker.destroy();
	}

	private static ServiceDefinition slowService(AtomicInteger started, CountDownLatch release) {
		return ServiceBuilder.service("Slow", "1").command("work").handler((payload, parameter, context) -> {
			started.incrementAndGet();
			release.await();
			return payload;
		}).build();
	}

	private static PuristaInvoker invoker(ServiceEnvironment environment) {
		return new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
	}

	private static StatusException failure(CompletableFuture<Object> future) {
		try {
			future.join();
		}
		catch (CompletionException ex) {
			return (StatusException) ex.getCause();
		}
		throw new AssertionError("expected the command to fail");
	}

	/**
	 * A queue bridge standing for a broker that outlives the application: closing the application does not
	 * destroy it.
	 */
	static final class SurvivingQueueBridge extends ForwardingQueueBridge {

		SurvivingQueueBridge(QueueBridge broker) {
			super(broker);
		}

		@Override
		public void destroy() {
		}

	}

}
