package dev.purista.core.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the same commands through the in-memory event bridge (the services started by {@link ServiceRuntime}) and
 * through a {@link CommandRunner} over the same definitions and environment, and compares the response messages
 * and the events each path published, as JSON, except message ids, timestamps and correlation ids (the bridge
 * gives every invocation new ones).
 */
class CommandRunnerParityTests {

	private static final MessageCodec CODEC = new MessageCodec();

	private static final MessageAddress CALLER = MessageAddress.of("Gateway", "1", "$$endpoint:post:/api/v1/call");

	private final InMemoryEventBridge bridge = new InMemoryEventBridge();

	private final List<Message> carried = new CopyOnWriteArrayList<>();

	private CommandRunner runner;

	record Item(@NotNull String item) {
	}

	@BeforeEach
	void startServices() {
		this.bridge.start();
		this.bridge.registerSubscription(SubscriptionRegistration
			.of(MessageAddress.of("Spy", "1", "everything"), SubscriptionFilter.ANY)
			.withEveryInstance(true), (message) -> {
				this.carried.add(message);
				return CompletableFuture.completedFuture(SubscriptionResult.ack());
			});
		ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).build();
		List<ServiceDefinition> services = List.of(AnnotatedServices.definitionOf(new ParityServices.UserService()),
				AnnotatedServices.definitionOf(new ParityServices.EmailService()), shopService());
		services.forEach((service) -> new ServiceRuntime(service, environment).start());
		this.runner = CommandRunner.builder(environment).services(services).build();
	}

	@AfterEach
	void destroy() {
		this.bridge.destroy();
	}

	static Stream<Arguments> commands() {
		return Stream.of(
				Arguments.of("success with success event",
						command("User", "signUp", Map.of("email", "a@b.co", "name", "Ada"), null)),
				Arguments.of("success without payload", command("User", "touch", Map.of(), null)),
				Arguments.of("invalid payload", command("User", "signUp", Map.of("email", "nope", "name", ""), null)),
				Arguments.of("handled error", command("User", "getUser", Map.of(), Map.of("id", "42"))),
				Arguments.of("unhandled error", command("User", "crash", Map.of(), null)),
				Arguments.of("unknown command", command("User", "delete", Map.of(), null)),
				Arguments.of("unknown service", command("Billing", "charge", Map.of(), null)),
				Arguments.of("guard rejection", command("Shop", "order", Map.of("item", "forbidden"), null)),
				Arguments.of("transforms", command("Shop", "order", Map.of("item", "tea"), null)),
				Arguments.of("invalid output", command("Shop", "order", Map.of("item", "broken"), null)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("commands")
	void runnerAnswersAsTheBridgeDoes(String scenario, Command command) {
		Message viaBridge = invokeThroughBridge(command);
		List<JsonNode> bridgeEvents = awaitEvents(countEvents(viaBridge));
		this.carried.clear();

		Message viaRunner = this.runner.run(Messages.forInvocation(command, this.bridge.instanceId())).join();
		List<JsonNode> runnerEvents = awaitEvents(bridgeEvents.size());

		assertThat(comparable(viaRunner)).isEqualTo(comparable(viaBridge));
		assertThat(runnerEvents).containsExactlyInAnyOrderElementsOf(bridgeEvents);
	}

	/**
	 * Invoke through the bridge and return the response message as the bridge published it (the spy sees it).
	 */
	private Message invokeThroughBridge(Command command) {
		this.bridge.invoke(command, Duration.ofSeconds(5)).handle((response, error) -> response).join();
		await().until(() -> response(command.traceId()) != null);
		return response(command.traceId());
	}

	private @Nullable Message response(@Nullable String traceId) {
		return this.carried.stream()
			.filter((message) -> message.messageType() == MessageType.COMMAND_SUCCESS_RESPONSE
					|| message.messageType() == MessageType.COMMAND_ERROR_RESPONSE)
			.filter((message) -> message.traceId() != null && message.traceId().equals(traceId))
			.findFirst()
			.orElse(null);
	}

	/**
	 * How many events a response makes: none without a success event, else the response itself and what
	 * subscriptions emit in turn (the signUp's {@code userSignedUp} makes the Email service emit
	 * {@code welcomeMailSent}).
	 */
	private static int countEvents(Message response) {
		if (response.eventName() == null) {
			return 0;
		}
		return "userSignedUp".equals(response.eventName()) ? 2 : 1;
	}

	/**
	 * The events carried (success responses with an event, custom messages), as comparable JSON.
	 */
	private List<JsonNode> awaitEvents(int expected) {
		await().until(() -> events().size() >= expected);
		List<JsonNode> events = new ArrayList<>();
		events().forEach((message) -> events.add(comparable(message)));
		return events;
	}

	private List<Message> events() {
		return this.carried.stream()
			.filter((message) -> message.messageType() == MessageType.CUSTOM_MESSAGE
					|| (message.messageType() == MessageType.COMMAND_SUCCESS_RESPONSE && message.eventName() != null))
			.toList();
	}

	private static JsonNode comparable(Message message) {
		ObjectNode json = (ObjectNode) CODEC.toTree(message);
		json.remove("id");
		json.remove("timestamp");
		json.remove("correlationId");
		return json;
	}

	private static Command command(String service, String name, Object payload, @Nullable Object parameter) {
		return Messages.command(CALLER, MessageAddress.of(service, "1", name), payload, parameter,
				"trace-" + service + "-" + name + "-" + payload.hashCode(), "user-1", "tenant-1", null);
	}

	private static ServiceDefinition shopService() {
		return ServiceBuilder.service("Shop", "1")
			.command("order")
			.payload(Item.class)
			.output(Item.class)
			.successEvent("ordered")
			.transformInput(new InputTransform(Map.class, Object.class,
					(payload, parameter, context) -> new InputTransform.TransformedInput(
							Map.of("item", ((Map<?, ?>) payload).get("item") + " for " + context.principalId()),
							parameter)))
			.beforeGuard("allowed", (payload, parameter, context) -> {
				if (payload.item().startsWith("forbidden")) {
					throw new HandledException(403, "not allowed", Map.of("item", payload.item()));
				}
			})
			.transformOutput(new OutputTransform(Map.class,
					(result, context) -> Map.of("ordered", ((Item) result).item(), "tenant", context.tenantId())))
			.handler((payload, parameter, context) -> new Item(payload.item().startsWith("broken") ? null
					: payload.item()))
			.build();
	}

}
