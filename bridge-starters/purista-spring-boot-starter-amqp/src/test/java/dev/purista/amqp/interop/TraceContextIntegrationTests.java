package dev.purista.amqp.interop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpNames;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

import static dev.purista.amqp.interop.TypeScriptPeer.OTP;
import static dev.purista.amqp.interop.TypeScriptPeer.PATIENCE;
import static dev.purista.amqp.interop.TypeScriptPeer.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java process without a tracer (no Micrometer Tracing, a no-op observation registry) between TypeScript peers
 * on RabbitMQ keeps their W3C trace: a command TypeScript sends with {@code otp} and {@code traceparent} /
 * {@code tracestate} headers reaches a Java handler that invokes a TypeScript command, emits an event and
 * enqueues a job; the command, the event, the response with its success event (as the TypeScript caller and a
 * TypeScript subscriber receive them) carry the same {@code otp} and trace headers on the wire, and the job its
 * headers. Without an incoming context Java writes {@code otp} {@code "{}"} as TypeScript does, and no trace
 * headers.
 */
class TraceContextIntegrationTests extends AbstractInteropTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private final String suffix = Ids.newId().substring(0, 8);

	private final String user = "IopTraceUser" + this.suffix;

	private final String audit = "IopTraceTsAudit" + this.suffix;

	private final String userSignedUp = "traceUserSignedUp" + this.suffix;

	private final String userCreated = "traceUserCreated" + this.suffix;

	private final InMemoryQueueBridge queueBridge = new InMemoryQueueBridge();

	private final List<Map<String, String>> jobHeaders = new CopyOnWriteArrayList<>();

	private ServiceRuntime service;

	private String auditQueue;

	private String userCreatedQueue;

	private String userSignedUpQueue;

	@BeforeEach
	void startJavaServiceAndTypeScriptQueues() {
		this.auditQueue = this.peer.queueBoundTo(Map.of("messageType", "command", "receiverServiceName", this.audit,
				"receiverServiceVersion", "1", "receiverServiceTarget", "record"));
		this.userCreatedQueue = this.peer.queueBoundTo(Map.of("eventName", this.userCreated));
		this.userSignedUpQueue = this.peer.queueBoundTo(Map.of("eventName", this.userSignedUp));
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).queueBridge(this.queueBridge).build();
		assertThat(environment.observationRegistry().isNoop()).isTrue();
		this.service = new ServiceRuntime(ServiceBuilder.service(this.user, "1")
			.command("signUp")
			.successEvent(this.userSignedUp)
			.emits(this.userCreated, Map.class)
			.handler((payload, parameter, context) -> {
				// TypeScript's audit command is never answered here: the call times out unobserved
				context.invoke(this.audit, "1", "record", Map.of("userId", "u-1"), null, Object.class,
						Duration.ofMillis(500))
					.exceptionally((ex) -> null);
				context.emit(this.userCreated, Map.of("userId", "u-1"));
				context.enqueue("trace-welcome" + this.suffix, Map.of("userId", "u-1"));
				return Map.of("userId", "u-1");
			})
			.queueWorker("trace-welcome" + this.suffix, "send")
			.handler((payload, parameter, context) -> {
				this.jobHeaders.add(context.job().headers());
				return null;
			})
			.build(), environment);
		this.service.start();
	}

	@AfterEach
	void stopJavaService() {
		this.service.destroy();
		this.queueBridge.destroy();
		this.peer.admin.deleteQueue(AmqpNames
			.deadLetterQueue(AmqpNames.DEFAULTS.commandQueue(MessageAddress.of(this.user, "1", "signUp"))));
	}

	@Test
	void typeScriptTraceContextReachesEverythingTheJavaHandlerSends() {
		ObjectNode command = this.peer.command("command-success", this.user);
		command.put("otp", OTP);

		this.peer.invoke(command, Duration.ofSeconds(5));

		assertCarriesTypeScriptTraceContext(this.peer.receiveReply(), "reply");
		assertCarriesTypeScriptTraceContext(this.peer.receive(this.userSignedUpQueue), "success event");
		assertCarriesTypeScriptTraceContext(this.peer.receive(this.auditQueue), "invoked command");
		assertCarriesTypeScriptTraceContext(this.peer.receive(this.userCreatedQueue), "emitted event");
		await().atMost(PATIENCE).until(() -> !this.jobHeaders.isEmpty());
		assertThat(this.jobHeaders.get(0)).containsEntry("traceparent", TRACEPARENT)
			.containsEntry("tracestate", "purista=1");
	}

	@Test
	void traceparentHeaderOfACommandWithoutOtpIsCarriedOn() {
		ObjectNode command = this.peer.command("command-success", this.user);
		command.remove("otp");
		Message amqp = TypeScriptPeer.amqp(command, withTraceHeaders(TypeScriptPeer.commandHeaders(command)));
		amqp.getMessageProperties().setCorrelationId(command.get("correlationId").asString());
		amqp.getMessageProperties().setReplyTo(this.peer.replyQueue);

		this.peer.template.send(TypeScriptPeer.EXCHANGE, "", amqp);

		assertCarriesTypeScriptTraceContext(this.peer.receiveReply(), "reply");
		assertCarriesTypeScriptTraceContext(this.peer.receive(this.auditQueue), "invoked command");
	}

	@Test
	void withoutTraceContextJavaWritesAnEmptyOtpAsTypeScriptDoesAndNoTraceHeaders() {
		ObjectNode command = this.peer.command("command-success", this.user);
		command.remove("otp");

		this.peer.invoke(command, Duration.ofSeconds(5));

		for (Message message : List.of(this.peer.receiveReply(), this.peer.receive(this.auditQueue),
				this.peer.receive(this.userCreatedQueue))) {
			assertThat(body(message).get("otp").asString()).isEqualTo("{}");
			assertThat(message.getMessageProperties().getHeaders()).doesNotContainKeys("traceparent", "tracestate",
					"baggage");
		}
	}

	private static void assertCarriesTypeScriptTraceContext(Message message, String what) {
		JsonNode body = body(message);
		assertThat(body.get("otp").asString()).as("otp of the %s", what).isEqualTo(OTP);
		assertThat(message.getMessageProperties().getHeaders()).as("headers of the %s", what)
			.containsEntry("traceparent", TRACEPARENT)
			.containsEntry("tracestate", "purista=1");
	}

	private static Map<String, Object> withTraceHeaders(Map<String, Object> headers) {
		headers.put("traceparent", TRACEPARENT);
		headers.put("tracestate", "purista=1");
		return headers;
	}

}
