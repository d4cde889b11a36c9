package dev.purista.core.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventHub;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.CustomMessage;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.MessageType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriptionTests {

	private static final Identity IDS = new Identity("trace-9", "user-1", "tenant-1");

	private final ServiceTestSupport support = new ServiceTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void successEventReachesSubscriptionWithCommandResultAsPayloadAndOutputEventIsEmitted() {
		List<Object> received = new CopyOnWriteArrayList<>();
		startUserService();
		this.support.start(ServiceBuilder.service("Email", "1")
			.subscription("sendWelcomeMail")
			.event("userSignedUp")
			.payload(ParityServices.SignedUp.class)
			.outputEvent("welcomeMailSent", ParityServices.WelcomeMail.class)
			.handler((payload, context) -> {
				received.add(payload);
				return new ParityServices.WelcomeMail(payload.email());
			})
			.build());

		signUp();

		await().until(() -> !this.support.carriedOfType(MessageType.CUSTOM_MESSAGE).isEmpty());
		assertThat(received).containsExactly(new ParityServices.SignedUp("u-1", "a@b.co"));
		CustomMessage output = (CustomMessage) this.support.carriedOfType(MessageType.CUSTOM_MESSAGE).get(0);
		assertThat(output.eventName()).isEqualTo("welcomeMailSent");
		assertThat(output.sender().serviceName()).isEqualTo("Email");
		assertThat(output.sender().serviceTarget()).isEqualTo("sendWelcomeMail");
		assertThat(output.traceId()).isEqualTo("trace-9");
		assertThat(output.tenantId()).isEqualTo("tenant-1");
		assertThat(new MessageCodec().mapper().valueToTree(output.payload()).get("to").asString()).isEqualTo("a@b.co");
	}

	@Test
	void handledExceptionAcknowledgesWithoutRetry() {
		AtomicInteger calls = new AtomicInteger();
		startUserService();
		this.support.start(ServiceBuilder.service("Email", "1")
			.subscription("strict")
			.event("userSignedUp")
			.retries(3, Duration.ofMillis(20))
			.handler((payload, context) -> {
				calls.incrementAndGet();
				throw new HandledException(409, "already sent");
			})
			.build());

		signUp();

		await().until(() -> calls.get() >= 1);
		await().during(Duration.ofMillis(200)).until(() -> calls.get() == 1);
		assertThat(this.support.bridge.hub().deadLetters()).isEmpty();
	}

	@Test
	void otherErrorsAreRetriedUpToMaxAttemptsThenDeadLettered() {
		AtomicInteger calls = new AtomicInteger();
		startUserService();
		this.support.start(ServiceBuilder.service("Email", "1")
			.subscription("flaky")
			.event("userSignedUp")
			.retries(3, Duration.ofMillis(20))
			.handler((payload, context) -> {
				calls.incrementAndGet();
				throw new IllegalStateException("smtp down");
			})
			.build());

		signUp();

		await().until(() -> this.support.bridge.hub().deadLetters().size() == 1);
		assertThat(calls).hasValue(3);
		assertThat(this.support.bridge.hub().deadLetters().get(0).reason()).isEqualTo("smtp down");
		assertThat(this.support.bridge.hub().deadLetters().get(0).subscription().serviceTarget()).isEqualTo("flaky");
	}

	@Test
	void controlResultsDecideDelivery() {
		AtomicInteger retried = new AtomicInteger();
		startUserService();
		this.support.start(ServiceBuilder.service("Email", "1")
			.subscription("toDeadLetter")
			.event("userSignedUp")
			.handler((payload, context) -> SubscriptionResult.deadLetter("poison"))
			.subscription("retryOnce")
			.event("userSignedUp")
			.retries(2, Duration.ofSeconds(30))
			.handler((payload, context) -> (retried.incrementAndGet() == 1)
					? SubscriptionResult.retry("later", Duration.ofMillis(10)) : SubscriptionResult.ack())
			.subscription("dropper")
			.event("userSignedUp")
			.retries(3, Duration.ofMillis(10))
			.handler((payload, context) -> SubscriptionResult.drop("not for us"))
			.build());

		signUp();

		await().until(() -> retried.get() == 2);
		await().until(() -> this.support.bridge.hub().deadLetters().size() == 1);
		assertThat(this.support.bridge.hub().deadLetters().get(0).reason()).isEqualTo("poison");
	}

	@Test
	void payloadOfTheWrongShapeIsAcknowledgedNotRetriedForever() {
		AtomicInteger calls = new AtomicInteger();
		this.support.start(ServiceBuilder.service("Email", "1")
			.subscription("typed")
			.event("custom")
			.payload(ParityServices.SignedUp.class)
			.retries(3, Duration.ofMillis(10))
			.handler((payload, context) -> calls.incrementAndGet())
			.build());

		this.support.invoker().emit("custom", List.of("not", "an", "object"), IDS);
		this.support.invoker().emit("custom", Map.of("userId", "u-2", "email", "x@y.z"), IDS);

		await().until(() -> calls.get() == 1);
		assertThat(this.support.bridge.hub().deadLetters()).isEmpty();
	}

	@Test
	void sharedSubscriptionGetsOneCopyPerEventEveryInstanceSubscriptionOneOnEachInstance() {
		InMemoryEventHub hub = new InMemoryEventHub();
		List<String> shared = new CopyOnWriteArrayList<>();
		List<String> everyInstance = new CopyOnWriteArrayList<>();
		List<InMemoryEventBridge> instances = List.of(instance(hub), instance(hub));
		List<ServiceRuntime> runtimes = new java.util.ArrayList<>();
		for (InMemoryEventBridge instance : instances) {
			ServiceRuntime runtime = new ServiceRuntime(ServiceBuilder.service("Email", "1")
				.subscription("shared")
				.event("tick")
				.handler((payload, context) -> shared.add(instance.instanceId()))
				.subscription("cache")
				.event("tick")
				.everyInstance()
				.handler((payload, context) -> everyInstance.add(instance.instanceId()))
				.build(), ServiceEnvironment.builder(instance).build());
			runtime.start();
			runtimes.add(runtime);
		}
		PuristaInvoker sender = new PuristaInvoker(ServiceEnvironment.builder(instances.get(0)).build(),
				dev.purista.core.message.MessageAddress.of("Clock", "1", "tick"));

		for (int i = 0; i < 10; i++) {
			sender.emit("tick", Map.of("n", i), IDS);
		}

		await().until(() -> shared.size() == 10 && everyInstance.size() == 20);
		await().during(Duration.ofMillis(100)).until(() -> shared.size() == 10 && everyInstance.size() == 20);
		assertThat(shared).contains(instances.get(0).instanceId(), instances.get(1).instanceId());
		assertThat(everyInstance.stream().filter(instances.get(0).instanceId()::equals)).hasSize(10);
		assertThat(everyInstance.stream().filter(instances.get(1).instanceId()::equals)).hasSize(10);
		runtimes.forEach(ServiceRuntime::destroy);
		instances.forEach(InMemoryEventBridge::destroy);
	}

	private static InMemoryEventBridge instance(InMemoryEventHub hub) {
		InMemoryEventBridge bridge = new InMemoryEventBridge(hub, InMemoryEventBridgeOptions.defaults(),
				new MessageCodec());
		bridge.start();
		return bridge;
	}

	private void startUserService() {
		this.support.start(new ParityServices.UserService());
	}

	private void signUp() {
		this.support.invoke("User", "signUp", Map.of("email", "a@b.co", "name", "Ada"), null, Object.class, IDS)
			.join();
	}

}
