package dev.purista.core.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.error.CapabilityMismatchException;
import dev.purista.core.message.InfoMessage;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageType;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.memory.InMemoryQueueBridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ServiceLifecycleTests {

	private final ServiceTestSupport support = new ServiceTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	@Test
	void startAnnouncesInitOneFunctionAddedPerCommandThenReady() {
		List<Message> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();
		EventBridge recording = (EventBridge) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { EventBridge.class }, (proxy, method, args) -> {
					if (method.getName().equals("emitMessage")) {
						emitted.add((Message) args[0]);
					}
					try {
						return method.invoke(this.support.bridge, args);
					}
					catch (java.lang.reflect.InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		new ServiceRuntime(AnnotatedServices.definitionOf(new ParityServices.UserService()),
				ServiceEnvironment.builder(recording).build())
			.start();

		assertThat(emitted).extracting(Message::messageType)
			.containsExactly(MessageType.INFO_SERVICE_INIT, MessageType.INFO_SERVICE_FUNCTION_ADDED,
					MessageType.INFO_SERVICE_FUNCTION_ADDED, MessageType.INFO_SERVICE_FUNCTION_ADDED,
					MessageType.INFO_SERVICE_FUNCTION_ADDED, MessageType.INFO_SERVICE_FUNCTION_ADDED,
					MessageType.INFO_SERVICE_READY);
		assertThat(emitted.get(0).sender().serviceTarget()).isEmpty();
		// TypeScript PURISTA writes otp on every message, "{}" when no trace context is active
		assertThat(emitted).extracting(Message::otp).containsOnly("{}");
		assertThat(emitted).extracting((m) -> m.sender().serviceTarget())
			.contains("signUp", "getUser", "crash", "slow", "touch");
		await().until(() -> this.support.carried.stream()
			.anyMatch((m) -> m.messageType() == MessageType.INFO_SERVICE_FUNCTION_ADDED
					&& m.sender().serviceTarget().equals("signUp")));
		JsonNode signUp = this.support.carried.stream()
			.filter((m) -> m.messageType() == MessageType.INFO_SERVICE_FUNCTION_ADDED
					&& m.sender().serviceTarget().equals("signUp"))
			.map((m) -> (JsonNode) ((InfoMessage) m).payload())
			.findFirst()
			.orElseThrow()
			.get("expose");
		assertThat(signUp.get("http").get("method").asString()).isEqualTo("POST");
		assertThat(signUp.get("http").get("path").asString()).isEqualTo("user");
		assertThat(signUp.get("http").get("openApi").get("operationId").asString()).isEqualTo("signUp");
		JsonNode input = signUp.get("inputPayload");
		assertThat(input.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(input.get("properties").has("email")).isTrue();
		assertThat(input.get("required")).extracting(JsonNode::asString).contains("email", "name");
		assertThat(signUp.get("outputPayload").get("properties").has("userId")).isTrue();
	}

	@Test
	void durableSubscriptionOnInMemoryBridgeFailsStartNamingDefinitionCapabilityAndBridge() {
		ServiceDefinition definition = ServiceBuilder.service("Email", "1")
			.subscription("archive")
			.event("userSignedUp")
			.durable()
			.handler((payload, context) -> null)
			.build();

		assertThatThrownBy(() -> this.support.start(definition)).isInstanceOf(CapabilityMismatchException.class)
			.hasMessageContaining("Email v1 subscription 'archive'")
			.hasMessageContaining("durableSubscriptions")
			.hasMessageContaining("InMemoryEventBridge");
		assertThat(this.support.carried).noneMatch((m) -> m.messageType() == MessageType.INFO_SERVICE_INIT
				&& m.sender().serviceName().equals("Email"));
	}

	@Test
	void deadLetterTargetOnBridgeWithoutDeadLetteringFailsStart() {
		ServiceDefinition definition = ServiceBuilder.service("Email", "1")
			.subscription("archive")
			.event("userSignedUp")
			.deadLetterTarget("archive-dlq")
			.handler((payload, context) -> null)
			.build();

		assertThatThrownBy(() -> this.support.start(definition)).isInstanceOf(CapabilityMismatchException.class)
			.hasMessageContaining("nativeDeadLettering");
	}

	@Test
	void strictIdempotencyOnQueueBridgeWithoutEnforcementFailsStart() {
		QueueBridge advisoryOnly = new AdvisoryIdempotencyQueueBridge();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.support.bridge).queueBridge(advisoryOnly).build();
		ServiceDefinition definition = ServiceBuilder.service("Email", "1")
			.queueWorker("welcome-email", "send")
			.strictIdempotency()
			.handler((payload, parameter, context) -> null)
			.build();

		assertThatThrownBy(() -> new ServiceRuntime(definition, environment).start())
			.isInstanceOf(CapabilityMismatchException.class)
			.hasMessageContaining("Email v1 queue worker 'send'")
			.hasMessageContaining("idempotencyEnforcement")
			.hasMessageContaining("AdvisoryQueueBridge");
	}

	@Test
	void queueWorkerWithoutQueueBridgeFailsStart() {
		ServiceEnvironment environment = ServiceEnvironment.builder(this.support.bridge).build();
		ServiceDefinition definition = ServiceBuilder.service("Email", "1")
			.queueWorker("welcome-email", "send")
			.handler((payload, parameter, context) -> null)
			.build();

		assertThatThrownBy(() -> new ServiceRuntime(definition, environment).start())
			.isInstanceOf(CapabilityMismatchException.class)
			.hasMessageContaining("no queue bridge is configured");
	}

	@Test
	void startingTwiceFailsAndDestroyUnregistersCommands() {
		ServiceRuntime runtime = this.support.start(ServiceBuilder.service("Echo", "1")
			.command("echo")
			.handler((payload, parameter, context) -> payload)
			.build());
		assertThatThrownBy(runtime::start).hasMessage("Service already started");

		runtime.destroy();

		assertThatThrownBy(() -> this.support.invoke("Echo", "echo", Map.of(), null, Object.class, Identity.NONE).join())
			.hasRootCauseMessage("Bad Gateway");
	}

	@Test
	void invalidServiceNamesAndVersionsAreRejected() {
		assertThatThrownBy(() -> ServiceBuilder.service("no spaces", "1")).hasMessageContaining("no spaces");
		assertThatThrownBy(() -> ServiceBuilder.service("User", "1.0")).hasMessageContaining("plain integer");
	}

	/**
	 * A real in-memory queue bridge that declares advisory idempotency only, as TypeScript's DefaultQueueBridge.
	 */
	static final class AdvisoryIdempotencyQueueBridge extends ForwardingQueueBridge {

		AdvisoryIdempotencyQueueBridge() {
			super(new InMemoryQueueBridge());
		}

		@Override
		public String name() {
			return "AdvisoryQueueBridge";
		}

		@Override
		public QueueCapabilities capabilities() {
			QueueCapabilities real = super.capabilities();
			return real.toBuilder().idempotencyEnforcement(false).build();
		}

	}


}
