package dev.purista.core.observation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Command → success event → subscription → enqueue → worker, traced with Micrometer Tracing over OpenTelemetry
 * and W3C propagation: every span of the chain belongs to one trace, carried only by {@code otp} and job
 * headers.
 */
class TraceContinuityTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	private final InMemoryQueueBridge queueBridge = new InMemoryQueueBridge();

	@AfterEach
	void close() {
		this.bridge.destroy();
		this.queueBridge.destroy();
	}

	@Test
	void commandEventSubscriptionEnqueueAndWorkerShareOneTrace() {
		ObservationRegistry registry = TestTracing.registry(this.exporter);
		this.bridge.start();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge)
			.queueBridge(this.queueBridge)
			.observationRegistry(registry)
			.build();
		new ServiceRuntime(ServiceBuilder.service("User", "1")
			.command("signUp")
			.successEvent("userSignedUp")
			.handler((payload, parameter, context) -> Map.of("userId", "u-1"))
			.build(), environment).start();
		java.util.concurrent.atomic.AtomicBoolean processed = new java.util.concurrent.atomic.AtomicBoolean();
		new ServiceRuntime(ServiceBuilder.service("Email", "1")
			.subscription("welcome")
			.event("userSignedUp")
			.handler((payload, context) -> context.enqueue("welcome-email", payload))
			.queueWorker("welcome-email", "send")
			.handler((payload, parameter, context) -> {
				processed.set(true);
				return null;
			})
			.build(), environment).start();

		new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"))
			.invoke(MessageAddress.of("User", "1", "signUp"), Map.of(), null, Object.class, null, Identity.NONE)
			.join();

		await().until(() -> processed.get() && names().contains("purista.queue.process"));
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(names()).contains("purista.command.invoke", "purista.command.handle", "purista.command.response",
				"purista.subscription.handle", "purista.queue.enqueue", "purista.queue.process");
		Set<String> traceIds = spans.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
		assertThat(traceIds).hasSize(1);
	}

	private Set<String> names() {
		return this.exporter.getFinishedSpanItems().stream().map(this::observationName).collect(Collectors.toSet());
	}

	private String observationName(SpanData span) {
		String name = span.getName();
		int space = name.indexOf(' ');
		return (space > 0) ? name.substring(0, space) : name;
	}

}
