package dev.purista.core.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.memory.InMemoryQueueBridge;

/**
 * A started in-memory environment for service tests, with a spy on every message the bridge carries.
 */
final class ServiceTestSupport implements AutoCloseable {

	final InMemoryEventBridge bridge = new InMemoryEventBridge();

	final InMemoryQueueBridge queueBridge = new InMemoryQueueBridge();

	final List<Message> carried = new CopyOnWriteArrayList<>();

	final ServiceEnvironment environment;

	private final List<ServiceRuntime> runtimes = new ArrayList<>();

	ServiceTestSupport() {
		this.bridge.start();
		this.queueBridge.start();
		this.bridge.registerSubscription(SubscriptionRegistration
			.of(MessageAddress.of("Spy", "1", "everything"), SubscriptionFilter.ANY)
			.withEveryInstance(true), (message) -> {
				this.carried.add(message);
				return CompletableFuture.completedFuture(SubscriptionResult.ack());
			});
		this.environment = ServiceEnvironment.builder(this.bridge).queueBridge(this.queueBridge).build();
	}

	ServiceRuntime start(ServiceDefinition definition) {
		ServiceRuntime runtime = new ServiceRuntime(definition, this.environment);
		runtime.start();
		this.runtimes.add(runtime);
		return runtime;
	}

	ServiceRuntime start(Object annotatedService) {
		return start(AnnotatedServices.definitionOf(annotatedService));
	}

	PuristaInvoker invoker() {
		return new PuristaInvoker(this.environment, MessageAddress.of("Caller", "1", "test"));
	}

	<R> CompletableFuture<R> invoke(String service, String command, @Nullable Object payload,
			@Nullable Object parameter, Class<R> resultType, Identity identity) {
		return invoker().invoke(MessageAddress.of(service, "1", command), payload, parameter, resultType,
				Duration.ofSeconds(5), identity);
	}

	List<Message> carriedOfType(dev.purista.core.message.MessageType type) {
		return this.carried.stream().filter((message) -> message.messageType() == type).toList();
	}

	@Override
	public void close() {
		this.runtimes.forEach(ServiceRuntime::destroy);
		this.bridge.destroy();
		this.queueBridge.destroy();
	}

}
