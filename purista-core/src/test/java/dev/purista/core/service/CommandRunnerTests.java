package dev.purista.core.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions.HandlerExecution;
import dev.purista.core.bridge.memory.InMemoryEventHub;
import dev.purista.core.error.HandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandErrorResponse;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.CustomMessage;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class CommandRunnerTests {

	private static final MessageCodec CODEC = new MessageCodec();

	private static final MessageAddress CALLER = MessageAddress.of("Gateway", "1", "$$endpoint:post:/api/v1/order")
		.withInstanceId("caller-instance");

	private final ServiceTestSupport support = new ServiceTestSupport();

	@AfterEach
	void close() {
		this.support.close();
	}

	record Order(@NotBlank String item, @Max(10) int quantity) {
	}

	record Total(@NotNull String item, int quantity) {
	}

	record Note(@NotBlank String text) {
	}

	@Test
	void successAnswersTheCallerWithResultEventAndIdsOfTheCommand() {
		CommandRunner runner = CommandRunner.of(this.support.environment, orderService());
		Command command = command("Shop", "order", Map.of("item", "tea", "quantity", 2), "trace-1", "user-7",
				"tenant-3");

		Message response = runner.run(command).join();

		assertThat(response).isInstanceOf(CommandSuccessResponse.class);
		assertThat(response.id()).isEqualTo(command.id());
		assertThat(response.correlationId()).isEqualTo(command.correlationId());
		assertThat(response.traceId()).isEqualTo("trace-1");
		assertThat(response.principalId()).isEqualTo("user-7");
		assertThat(response.tenantId()).isEqualTo("tenant-3");
		assertThat(response.receiver()).isEqualTo(CALLER);
		assertThat(response.sender())
			.isEqualTo(MessageAddress.of("Shop", "1", "order").withInstanceId(this.support.bridge.instanceId()));
		assertThat(response.eventName()).isEqualTo("ordered");
		assertThat(json(((CommandSuccessResponse) response).payload()))
			.isEqualTo(json(Map.of("item", "tea", "quantity", 2)));
	}

	@Test
	void traceIdPrincipalAndTenantTravelIntoWhatTheHandlerInvokesEmitsAndEnqueues() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.support.start(ServiceBuilder.service("Profile", "1")
			.command("get")
			.handler((payload, parameter, context) -> {
				seen.add("invoked " + context.traceId() + "/" + context.principalId() + "/" + context.tenantId());
				return Map.of("name", "Ada");
			})
			.queueWorker("audit", "record")
			.handler((payload, parameter, context) -> {
				seen.add("enqueued " + context.traceId() + "/" + context.principalId() + "/" + context.tenantId());
				return null;
			})
			.build());
		CommandRunner runner = CommandRunner.of(this.support.environment, ServiceBuilder.service("Front", "1")
			.command("show")
			.emits("shown", Note.class)
			.handler((payload, parameter, context) -> {
				Map<?, ?> profile = context.invoke("Profile", "1", "get", Map.of(), null, Map.class).join();
				context.emit("shown", new Note(profile.get("name").toString()));
				context.enqueue("audit", Map.of("shown", profile.get("name")));
				return profile;
			})
			.build());

		Message response = runner.run(command("Front", "show", Map.of(), "trace-1", "user-7", "tenant-3")).join();

		assertThat(response).isInstanceOf(CommandSuccessResponse.class);
		await().until(() -> seen.size() == 2 && !this.support.carriedOfType(MessageType.CUSTOM_MESSAGE).isEmpty());
		assertThat(seen).containsExactlyInAnyOrder("invoked trace-1/user-7/tenant-3",
				"enqueued trace-1/user-7/tenant-3");
		CustomMessage event = (CustomMessage) this.support.carriedOfType(MessageType.CUSTOM_MESSAGE).get(0);
		assertThat(event.eventName()).isEqualTo("shown");
		assertThat(event.sender())
			.isEqualTo(MessageAddress.of("Front", "1", "show").withInstanceId(this.support.bridge.instanceId()));
		assertThat(Arrays.asList(event.traceId(), event.principalId(), event.tenantId()))
			.containsExactly("trace-1", "user-7", "tenant-3");
	}

	@Test
	void successEventReachesSubscriptionsOnTheEnvironmentsBridgeAndNoWaitingCaller() {
		List<String> welcomed = new CopyOnWriteArrayList<>();
		this.support.start(ServiceBuilder.service("Email", "1")
			.subscription("welcome")
			.event("userSignedUp")
			.payload(ParityServices.SignedUp.class)
			.handler((payload, context) -> {
				welcomed.add(payload.email() + " " + context.traceId() + "/" + context.principalId() + "/"
						+ context.tenantId());
				return null;
			})
			.build());
		CommandRunner runner = CommandRunner.of(this.support.environment,
				AnnotatedServices.definitionOf(new ParityServices.UserService()));

		Message response = runner
			.run(command("User", "signUp", Map.of("email", "a@b.co", "name", "Ada"), "trace-2", "user-2", "tenant-2"))
			.join();

		assertThat(response.eventName()).isEqualTo("userSignedUp");
		await().until(() -> welcomed.size() == 1);
		assertThat(welcomed).containsExactly("a@b.co trace-2/user-2/tenant-2");
		CommandSuccessResponse event = (CommandSuccessResponse) this.support
			.carriedOfType(MessageType.COMMAND_SUCCESS_RESPONSE)
			.get(0);
		assertThat(event.correlationId()).isEqualTo(response.correlationId());
		assertThat(json(event.payload())).isEqualTo(json(((CommandSuccessResponse) response).payload()));
		assertThat(this.support.bridge.unknownResponses()).isZero();
		assertThat(this.support.bridge.hub().undeliverableResponses()).isZero();
	}

	@Test
	void successEventIsPublishedBeforeTheAnswerCompletesAndOnlyForCommandsWithAnEvent() {
		InMemoryEventBridge bridge = new InMemoryEventBridge(new InMemoryEventHub(),
				InMemoryEventBridgeOptions.builder().handlerExecution(HandlerExecution.CALLER_THREAD).build(), CODEC);
		bridge.start();
		try {
			List<Message> published = new CopyOnWriteArrayList<>();
			bridge.registerSubscription(SubscriptionRegistration.of(MessageAddress.of("Spy", "1", "all"),
					SubscriptionFilter.ANY), (message) -> {
						published.add(message);
						return CompletableFuture.completedFuture(SubscriptionResult.ack());
					});
			CommandRunner runner = CommandRunner.of(ServiceEnvironment.builder(bridge).build(),
					AnnotatedServices.definitionOf(new ParityServices.UserService()));

			runner.run(command("User", "touch", Map.of(), "trace-3", null, null)).join();
			runner.run(command("User", "getUser", Map.of(), "trace-3", null, null)).join();
			assertThat(published).isEmpty();

			CompletableFuture<Message> answer = runner
				.run(command("User", "signUp", Map.of("email", "a@b.co", "name", "Ada"), "trace-3", null, null));

			assertThat(answer).isDone();
			assertThat(published).singleElement()
				.satisfies((message) -> assertThat(message.eventName()).isEqualTo("userSignedUp"));
		}
		finally {
			bridge.destroy();
		}
	}

	@Test
	void invalidPayloadIsHandled400WithIssuesAndTheHandlerNeverRuns() {
		List<String> calls = new CopyOnWriteArrayList<>();
		CommandRunner runner = CommandRunner.of(this.support.environment, ServiceBuilder.service("Shop", "1")
			.command("order")
			.payload(Order.class)
			.handler((payload, parameter, context) -> calls.add("handler"))
			.build());

		CommandErrorResponse response = error(runner.run(command("Shop", "order", Map.of("item", "", "quantity", 11),
				"trace-4", "user-4", "tenant-4")));

		assertThat(response.isHandledError()).isTrue();
		assertThat(response.payload().status()).isEqualTo(400);
		assertThat(response.payload().message()).isEqualTo("input validation for payload failed:");
		assertThat(response.payload().traceId()).isEqualTo("trace-4");
		assertThat(response.principalId()).isEqualTo("user-4");
		assertThat(response.tenantId()).isEqualTo("tenant-4");
		List<String> paths = json(response.payload().data()).valueStream()
			.map((issue) -> issue.get("path").toString())
			.toList();
		assertThat(paths).containsExactlyInAnyOrder("[\"item\"]", "[\"quantity\"]");
		assertThat(calls).isEmpty();
	}

	@Test
	void beforeGuardRejectionKeepsItsStatusAndTheHandlerNeverRuns() {
		List<String> calls = new CopyOnWriteArrayList<>();
		CommandRunner runner = CommandRunner.of(this.support.environment, ServiceBuilder.service("Shop", "1")
			.command("order")
			.beforeGuard("owner", (payload, parameter, context) -> {
				if (!"user-7".equals(context.principalId())) {
					throw new HandledException(403, "not yours", Map.of("reason", "owner"));
				}
			})
			.handler((payload, parameter, context) -> calls.add("handler by " + context.principalId()))
			.build());

		CommandErrorResponse rejected = error(
				runner.run(command("Shop", "order", Map.of(), "trace-5", "user-8", null)));
		Message allowed = runner.run(command("Shop", "order", Map.of(), "trace-5", "user-7", null)).join();

		assertThat(rejected.isHandledError()).isTrue();
		assertThat(rejected.payload().status()).isEqualTo(403);
		assertThat(rejected.payload().message()).isEqualTo("not yours");
		assertThat(json(rejected.payload().data())).isEqualTo(json(Map.of("reason", "owner")));
		assertThat(allowed).isInstanceOf(CommandSuccessResponse.class);
		assertThat(calls).containsExactly("handler by user-7");
	}

	@Test
	void transformsRunAroundTheHandler() {
		CommandRunner runner = CommandRunner.of(this.support.environment, ServiceBuilder.service("Shop", "1")
			.command("order")
			.payload(Order.class)
			.transformInput(new InputTransform(Map.class, Object.class, (payload, parameter, context) -> {
				Map<?, ?> raw = (Map<?, ?>) payload;
				return new InputTransform.TransformedInput(
						Map.of("item", raw.get("sku").toString(), "quantity", raw.get("count")), parameter);
			}))
			.transformOutput(new OutputTransform(Map.class,
					(result, context) -> Map.of("summary", ((Total) result).quantity() + "x " + ((Total) result).item())))
			.handler((payload, parameter, context) -> new Total(payload.item(), payload.quantity()))
			.build());

		Message response = runner.run(command("Shop", "order", Map.of("sku", "tea", "count", 3), null, null, null))
			.join();

		assertThat(json(((CommandSuccessResponse) response).payload())).isEqualTo(json(Map.of("summary", "3x tea")));
	}

	@Test
	void invalidOutputIsUnhandled500WithoutDetail() {
		CommandRunner runner = CommandRunner.of(this.support.environment, ServiceBuilder.service("Shop", "1")
			.command("order")
			.output(Total.class)
			.handler((payload, parameter, context) -> new Total(null, 1))
			.build());

		CommandErrorResponse response = error(runner.run(command("Shop", "order", Map.of(), "trace-6", null, null)));

		assertThat(response.isHandledError()).isFalse();
		assertThat(response.payload().status()).isEqualTo(500);
		assertThat(response.payload().message()).isEqualTo("Internal Server Error");
		assertThat(response.payload().data()).isNull();
		assertThat(response.payload().traceId()).isEqualTo("trace-6");
	}

	@Test
	void handledErrorKeepsStatusMessageAndDataAndOtherErrorsAre500WithoutDetail() {
		CommandRunner runner = CommandRunner.of(this.support.environment,
				AnnotatedServices.definitionOf(new ParityServices.UserService()));

		CommandErrorResponse handled = error(runner.run(MessageAddress.of("User", "1", "getUser"), Map.of(),
				Map.of("id", "42"), new Identity("trace-7", null, null)));
		CommandErrorResponse crashed = error(runner.run("User", "1", "crash", Map.of()));

		assertThat(handled.isHandledError()).isTrue();
		assertThat(handled.payload().status()).isEqualTo(404);
		assertThat(handled.payload().message()).isEqualTo("user not found");
		assertThat(json(handled.payload().data())).isEqualTo(json(Map.of("id", "42")));
		assertThat(handled.payload().traceId()).isEqualTo("trace-7");
		assertThat(crashed.isHandledError()).isFalse();
		assertThat(crashed.payload().status()).isEqualTo(500);
		assertThat(crashed.payload().message()).isEqualTo("Internal Server Error");
		assertThat(crashed.payload().data()).isNull();
	}

	@Test
	void unknownCommandAndUnknownServiceAreUnhandled502() {
		CommandRunner runner = CommandRunner.of(this.support.environment, orderService());

		for (MessageAddress target : List.of(MessageAddress.of("Shop", "1", "refund"),
				MessageAddress.of("Shop", "2", "order"), MessageAddress.of("Warehouse", "1", "order"))) {
			CommandErrorResponse response = error(runner.run(target, Map.of(), null, Identity.NONE));
			assertThat(response.isHandledError()).as(target.toString()).isFalse();
			assertThat(response.payload().status()).as(target.toString()).isEqualTo(502);
			assertThat(response.payload().message()).as(target.toString()).isEqualTo("Bad Gateway");
		}
		assertThat(runner.serves(MessageAddress.of("shop", "1", "ORDER"))).isTrue();
		assertThat(runner.serves(MessageAddress.of("Shop", "1", "refund"))).isFalse();
		assertThat(runner.commands()).containsExactly(MessageAddress.of("Shop", "1", "order"));
	}

	@Test
	void runBuildsACommandFromTheSenderWithAFreshTraceIdWhenNoneIsGiven() {
		MessageAddress sender = MessageAddress.of("HttpServer", "1", "$$endpoint:post:/api/v1/order");
		CommandRunner runner = CommandRunner.builder(this.support.environment)
			.service(orderService())
			.sender(sender)
			.build();

		Message first = runner.run("Shop", "1", "order", Map.of("item", "tea", "quantity", 1)).join();
		Message second = runner
			.run(MessageAddress.of("Shop", "1", "order"), Map.of("item", "tea", "quantity", 1), null,
					new Identity(null, "user-9", "tenant-9"))
			.join();

		assertThat(first).isInstanceOf(CommandSuccessResponse.class);
		assertThat(first.receiver()).isEqualTo(sender.withInstanceId(this.support.bridge.instanceId()));
		assertThat(first.traceId()).matches("[0-9a-f]{32}");
		assertThat(second.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(first.traceId());
		assertThat(second.correlationId()).isNotEqualTo(first.correlationId());
		assertThat(Arrays.asList(second.principalId(), second.tenantId())).containsExactly("user-9", "tenant-9");
	}

	@Test
	void slowCommandIsAnswered504AndItsLateSuccessEventIsStillPublished() throws Exception {
		List<Message> events = new CopyOnWriteArrayList<>();
		CompletableFuture<Object> release = new CompletableFuture<>();
		this.support.bridge.registerSubscription(
				SubscriptionRegistration.of(MessageAddress.of("Spy", "1", "late"),
						SubscriptionFilter.ANY.withEventName("waited")),
				(message) -> {
					events.add(message);
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});
		CommandRunner runner = CommandRunner.of(this.support.environment, ServiceBuilder.service("Shop", "1")
			.command("wait")
			.successEvent("waited")
			.handler((payload, parameter, context) -> release)
			.build());

		Message response = runner.run(command("Shop", "wait", Map.of(), "trace-8", null, null), Duration.ofMillis(50))
			.get(5, TimeUnit.SECONDS);
		release.complete(Map.of("done", true));

		assertThat(response).isInstanceOf(CommandErrorResponse.class);
		CommandErrorResponse timedOut = (CommandErrorResponse) response;
		assertThat(timedOut.isHandledError()).isFalse();
		assertThat(timedOut.payload().status()).isEqualTo(504);
		assertThat(timedOut.payload().message()).isEqualTo("invocation timed out");
		assertThat(timedOut.payload().traceId()).isEqualTo("trace-8");
		await().until(() -> events.size() == 1);
	}

	@Test
	void synchronousHandlerIsTimedOutWhenThePipelineRunsOnAnExecutor() throws Exception {
		CountDownLatch blocked = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			CommandRunner runner = CommandRunner.builder(this.support.environment)
				.service(ServiceBuilder.service("Shop", "1").command("block").handler((payload, parameter, context) -> {
					blocked.await(5, TimeUnit.SECONDS);
					return Map.of();
				}).build())
				.executor(executor)
				.build();

			Message response = runner.run(command("Shop", "block", Map.of(), null, null, null), Duration.ofMillis(50))
				.get(5, TimeUnit.SECONDS);

			assertThat(response).isInstanceOf(CommandErrorResponse.class);
			assertThat(((CommandErrorResponse) response).payload().status()).isEqualTo(504);
		}
		finally {
			blocked.countDown();
			executor.shutdown();
		}
	}

	@Test
	void commandTheExecutorRefusesIsUnhandled503() {
		CommandRunner runner = CommandRunner.builder(this.support.environment)
			.service(orderService())
			.executor((task) -> {
				throw new RejectedExecutionException("saturated");
			})
			.build();

		CommandErrorResponse response = error(runner.run(command("Shop", "order", Map.of(), null, null, null)));

		assertThat(response.isHandledError()).isFalse();
		assertThat(response.payload().status()).isEqualTo(503);
	}

	@Test
	void aCommandDefinedTwiceIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandRunner.of(this.support.environment, orderService(), orderService()))
			.withMessageContaining("Shop@1:order");
	}

	private static ServiceDefinition orderService() {
		return ServiceBuilder.service("Shop", "1")
			.command("order")
			.payload(Order.class)
			.output(Total.class)
			.successEvent("ordered")
			.handler((payload, parameter, context) -> new Total(payload.item(), payload.quantity()))
			.build();
	}

	private static Command command(String service, String name, Object payload, String traceId, String principalId,
			String tenantId) {
		return Messages.command(CALLER, MessageAddress.of(service, "1", name), payload, null, traceId, principalId,
				tenantId, null);
	}

	private static CommandErrorResponse error(CompletableFuture<Message> answer) {
		Message response = answer.join();
		assertThat(response).isInstanceOf(CommandErrorResponse.class);
		return (CommandErrorResponse) response;
	}

	private static JsonNode json(Object value) {
		return CODEC.mapper().valueToTree(value);
	}

}
