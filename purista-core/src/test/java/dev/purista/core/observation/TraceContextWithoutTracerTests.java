package dev.purista.core.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process without a tracer carries the W3C trace context a message arrived with on to everything its handlers
 * send, on the in-memory bridge: a command arrives with TypeScript's {@code otp}; its handler invokes another
 * command, emits an event and enqueues a job; its response is the success event a subscription handles, which
 * emits an output event and enqueues a job; the queue worker emits an event. Every one of those messages carries
 * the command's {@code otp} unchanged and the jobs carry it in their headers, so a TypeScript peer continues one
 * W3C trace. Without an incoming context they all carry {@code "{}"}, as TypeScript writes it. With a tracer,
 * the tracer's child contexts are sent instead.
 */
class TraceContextWithoutTracerTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

	/** What TypeScript's W3C propagator writes into {@code otp} (reference §2.6). */
	private static final String OTP = "{\"traceparent\":\"" + TRACEPARENT + "\",\"tracestate\":\"purista=1\"}";

	private static final MessageAddress CALLER = MessageAddress.of("Caller", "1", "test").withInstanceId("ts-peer");

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	private final InMemoryQueueBridge queueBridge = new InMemoryQueueBridge();

	/** Every message the bridge carried, seen by a subscription without filter. */
	private final List<Message> carried = new CopyOnWriteArrayList<>();

	/** The headers of every job the workers processed. */
	private final List<Map<String, String>> jobHeaders = new CopyOnWriteArrayList<>();

	private final List<ServiceRuntime> services = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.services.forEach(ServiceRuntime::destroy);
		this.bridge.destroy();
		this.queueBridge.destroy();
	}

	static Stream<Arguments> registriesWithoutTracer() {
		ObservationRegistry observing = ObservationRegistry.create();
		observing.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return Stream.of(Arguments.of("no-op registry", ObservationRegistry.NOOP),
				Arguments.of("registry with a handler that does not trace", observing));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("registriesWithoutTracer")
	void incomingTraceContextReachesEverythingTheHandlersSend(String description, ObservationRegistry registry) {
		start(registry);

		CommandSuccessResponse response = signUp(OTP);

		assertThat(response.otp()).isEqualTo(OTP);
		awaitChain();
		assertThat(sentByHandlers()).hasSize(6).allSatisfy((message) -> assertThat(message.otp())
			.as("otp of %s %s from %s", message.messageType().wireName(), message.eventName(), message.sender())
			.isEqualTo(OTP));
		assertThat(this.jobHeaders).hasSize(2)
			.allSatisfy((headers) -> assertThat(headers).containsEntry("traceparent", TRACEPARENT)
				.containsEntry("tracestate", "purista=1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("registriesWithoutTracer")
	void withoutIncomingTraceContextEverythingTheHandlersSendCarriesAnEmptyOtpAsTypeScriptWritesIt(
			String description, ObservationRegistry registry) {
		start(registry);

		CommandSuccessResponse response = signUp(null);

		assertThat(response.otp()).isEqualTo("{}");
		awaitChain();
		assertThat(sentByHandlers()).hasSize(6).allSatisfy((message) -> assertThat(message.otp())
			.as("otp of %s %s from %s", message.messageType().wireName(), message.eventName(), message.sender())
			.isEqualTo("{}"));
		assertThat(this.jobHeaders).hasSize(2)
			.allSatisfy((headers) -> assertThat(headers).doesNotContainKeys(TraceCarrier.W3C_FIELDS.toArray(String[]::new)));
	}

	@Test
	void withTracerTheTracersChildContextsAreSentInTheSameTrace() {
		start(TestTracing.registry(InMemorySpanExporter.create()));

		CommandSuccessResponse response = signUp(OTP);

		awaitChain();
		List<Message> sent = Stream.concat(Stream.of(response), sentByHandlers().stream()).toList();
		assertThat(sent).hasSize(7).allSatisfy((message) -> {
			String traceparent = TraceCarrier.fromOtp(message.otp()).get("traceparent");
			assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").isNotEqualTo(TRACEPARENT);
		});
		assertThat(this.jobHeaders).hasSize(2)
			.allSatisfy((headers) -> assertThat(headers.get("traceparent")).startsWith("00-" + TRACE_ID + "-")
				.isNotEqualTo(TRACEPARENT));
	}

	private void start(ObservationRegistry registry) {
		this.bridge.start();
		this.bridge.registerSubscription(
				SubscriptionRegistration.of(MessageAddress.of("Wiretap", "1", "all"), SubscriptionFilter.ANY)
					.withEveryInstance(true),
				(message) -> {
					this.carried.add(message);
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge)
			.queueBridge(this.queueBridge)
			.observationRegistry(registry)
			.build();
		start(environment, ServiceBuilder.service("User", "1")
			.command("signUp")
			.successEvent("userSignedUp")
			.emits("userCreated", Map.class)
			.handler((payload, parameter, context) -> {
				context.emit("userCreated", Map.of("userId", "u-1"));
				context.enqueue("audit-log", Map.of("userId", "u-1"));
				return context.invoke("Audit", "1", "record", Map.of("userId", "u-1"), null, Object.class)
					.thenApply((recorded) -> Map.of("userId", "u-1"));
			})
			.build());
		start(environment, ServiceBuilder.service("Audit", "1")
			.command("record")
			.handler((payload, parameter, context) -> null)
			.queueWorker("audit-log", "write")
			.handler((payload, parameter, context) -> {
				this.jobHeaders.add(context.job().headers());
				return null;
			})
			.build());
		start(environment, ServiceBuilder.service("Email", "1")
			.subscription("welcome")
			.event("userSignedUp")
			.outputEvent("welcomeQueued", Map.class)
			.handler((payload, context) -> {
				context.enqueue("welcome-email", payload);
				return Map.of("queued", true);
			})
			.queueWorker("welcome-email", "send")
			.emits("welcomeSent", Map.class)
			.handler((payload, parameter, context) -> {
				this.jobHeaders.add(context.job().headers());
				context.emit("welcomeSent", Map.of("sent", true));
				return null;
			})
			.build());
	}

	private void start(ServiceEnvironment environment, ServiceDefinition definition) {
		ServiceRuntime runtime = new ServiceRuntime(definition, environment);
		runtime.start();
		this.services.add(runtime);
	}

	private CommandSuccessResponse signUp(@Nullable String otp) {
		return this.bridge
			.invoke(Messages.command(CALLER, MessageAddress.of("User", "1", "signUp"), Map.of("email", "a@b.co"), null,
					"business-trace", null, null, otp), Duration.ofSeconds(5))
			.join();
	}

	private void awaitChain() {
		await().until(() -> this.jobHeaders.size() == 2 && this.carried.stream()
			.anyMatch((message) -> "welcomeSent".equals(message.eventName())));
	}

	/**
	 * What the handlers sent, as the bridge carried it (all but the caller's command and info messages).
	 */
	private List<Message> sentByHandlers() {
		List<Message> sent = this.carried.stream()
			.filter((message) -> !message.messageType().isInfo())
			.filter((message) -> !(message.messageType() == MessageType.COMMAND
					&& "Caller".equals(message.sender().serviceName())))
			.toList();
		assertThat(sent).extracting(TraceContextWithoutTracerTests::describe)
			.containsExactlyInAnyOrder("command User.signUp", "commandSuccessResponse Audit.record",
					"customMessage userCreated", "commandSuccessResponse userSignedUp", "customMessage welcomeQueued",
					"customMessage welcomeSent");
		return sent;
	}

	private static String describe(Message message) {
		String what = (message.eventName() != null) ? message.eventName()
				: message.sender().serviceName() + "." + message.sender().serviceTarget();
		return message.messageType().wireName() + " " + what;
	}

}
