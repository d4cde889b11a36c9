package dev.purista.test.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.bridge.CommandHandler;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.StatusException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.CustomMessage;
import dev.purista.core.message.Ids;
import dev.purista.core.message.InfoMessage;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link EventBridge} must pass (the event bridge TCK). Extend it, return a new bridge
 * instance from {@link #createBridge()} and the suite runs against it; the in-memory bridge passes it first.
 * <p>
 * Within one test, every bridge {@link #createBridge()} returns must be connected to the same transport (one
 * hub, one broker), so a test can run two or three "instances" of a service side by side. The suite starts
 * the bridges it creates and destroys all of them after each test.
 * <p>
 * What the suite states:
 * <ul>
 * <li>Commands: the success response carries the result, the command's correlation id, the responder's
 * address with its instance id and the caller's address with its instance id, trace, principal and tenant
 * ids and the success event name; every invocation gets a new message id and correlation id.</li>
 * <li>Errors: a handled error reaches the caller as {@link HandledException} with status, message and data;
 * an unhandled one as {@link UnhandledException} 500 "Internal Server Error" without detail, also when the
 * handler throws or its stage fails, and the bridge goes on serving.</li>
 * <li>Timeouts: no response within the timeout fails with {@link CommandTimeoutException} (504 "invocation
 * timed out"); a late response is dropped and counted ({@link #lateResponses(EventBridge)}).</li>
 * <li>An unknown or unregistered command is answered with 502 "Bad Gateway" or times out
 * ({@link #answersUnknownCommands()}).</li>
 * <li>Commands are load-balanced between instances and handled exactly once; {@code receiver.instanceId}
 * targets one instance.</li>
 * <li>Subscriptions: exact-equality filters on event name, message type, sender, receiver, principal and
 * tenant, AND-combined; info messages never match receiver filters; a shared subscription gets one copy per
 * message, an every-instance subscription one per instance; success responses with an event name reach
 * subscriptions on that event.</li>
 * <li>Subscription results: ack and drop deliver once; retry redelivers after its delay up to
 * {@code maxAttempts}, then dead-letters; a failing handler counts as retry (each when
 * {@link dev.purista.core.bridge.EventBridgeCapabilities#subscriptionRetries()}).</li>
 * <li>{@code otp} and unknown fields pass through unchanged; payloads cross as JSON
 * ({@link #isolatesPayloads()}).</li>
 * <li>Shutdown: {@code stopIntake} sends new work to other instances (or refuses it,
 * {@link #refusesCommandsWhileIntakeStopped()}) while in-flight handlers finish and their responses arrive;
 * {@code awaitDrain} tells whether they finished in time; {@code destroy} fails pending invocations with
 * 503.</li>
 * <li>Many threads invoking at once get their own responses, without cross-talk.</li>
 * </ul>
 * Every test uses service names of its own, so bridges on a shared broker need no cleanup between tests.
 * Timeouts are short ({@link #shortTimeout()}); the suite waits with Awaitility, never by sleeping, and
 * states that something does not happen by watching for {@link #quietPeriod()}.
 */
public abstract class AbstractEventBridgeTests {

	/** How long tests wait for something that should happen promptly. */
	protected static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final Duration RETRY_DELAY = Duration.ofMillis(50);

	private static final String OTP = "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}";

	private final MessageCodec codec = new MessageCodec();

	private final List<EventBridge> bridges = new CopyOnWriteArrayList<>();

	private final List<CompletableFuture<Message>> stuckHandlers = new CopyOnWriteArrayList<>();

	private final String prefix = "tck" + Ids.newId().substring(0, 8);

	/**
	 * Create a new, not yet started bridge instance. Every bridge created during one test must be connected to
	 * the same transport, so that they behave like instances on one broker; the suite calls this several times
	 * per test and starts the bridges itself.
	 * @return a new bridge
	 */
	protected abstract EventBridge createBridge();

	/**
	 * How many responses reached {@code bridge} after their invocation had timed out (and were dropped).
	 * @param bridge a bridge created by {@link #createBridge()}
	 * @return the count
	 */
	protected abstract long lateResponses(EventBridge bridge);

	/**
	 * The messages the transport dead-lettered for a subscription. Must be overridden by bridges whose
	 * capabilities declare {@code subscriptionRetries}.
	 * @param subscription the subscription's address
	 * @return the dead-lettered messages, oldest first
	 */
	protected List<Message> deadLetters(MessageAddress subscription) {
		throw new UnsupportedOperationException(getClass().getSimpleName()
				+ " declares subscriptionRetries but does not override deadLetters(MessageAddress)");
	}

	/**
	 * Release a bridge after a test. Calls {@link EventBridge#destroy()} by default.
	 * @param bridge a bridge created by {@link #createBridge()}
	 */
	protected void destroyBridge(EventBridge bridge) {
		bridge.destroy();
	}

	/**
	 * Called after every bridge of a test was destroyed, to release the transport (a hub, a connection).
	 * Does nothing by default.
	 */
	protected void afterBridgesDestroyed() {
	}

	/**
	 * Whether the bridge answers a command nobody registered with 502 "Bad Gateway" (the in-memory bridge can
	 * tell). Broker bridges cannot, and the caller times out with 504. {@code false} by default.
	 * @return {@code true} if unknown commands are answered with 502
	 */
	protected boolean answersUnknownCommands() {
		return false;
	}

	/**
	 * Whether a command for an instance whose intake stopped, with no other instance to take it, is answered
	 * with 503 "Service Unavailable" (in-memory). Broker bridges leave it queued, and the caller times out.
	 * {@code false} by default.
	 * @return {@code true} if such commands are answered with 503
	 */
	protected boolean refusesCommandsWhileIntakeStopped() {
		return false;
	}

	/**
	 * Whether payloads cross the bridge as JSON copies: receivers get JSON trees, never the sender's objects.
	 * Always so on a broker; the in-memory bridge can switch it off. {@code true} by default.
	 * @return {@code true} if payloads are copied as JSON
	 */
	protected boolean isolatesPayloads() {
		return true;
	}

	/**
	 * The timeout of invocations that are expected to time out. 300 ms by default.
	 * @return the timeout
	 */
	protected Duration shortTimeout() {
		return Duration.ofMillis(300);
	}

	/**
	 * How long the suite watches to state that something does not happen (no further delivery, no extra copy).
	 * 200 ms by default.
	 * @return the period
	 */
	protected Duration quietPeriod() {
		return Duration.ofMillis(200);
	}

	/**
	 * Create and start a bridge instance; it is destroyed after the test.
	 * @return the started bridge
	 */
	protected final EventBridge startBridge() {
		EventBridge bridge = createBridge();
		this.bridges.add(bridge);
		bridge.start();
		return bridge;
	}

	/**
	 * A name unique to the running test, for service and event names.
	 * @param suffix the readable part
	 * @return the unique name
	 */
	protected final String name(String suffix) {
		return this.prefix + suffix;
	}

	/**
	 * The codec the suite uses to compare payloads as JSON.
	 * @return the codec
	 */
	protected final MessageCodec codec() {
		return this.codec;
	}

	@AfterEach
	void destroyBridges() {
		for (CompletableFuture<Message> stuck : this.stuckHandlers) {
			stuck.completeExceptionally(new IllegalStateException("test finished"));
		}
		RuntimeException failure = null;
		for (EventBridge bridge : this.bridges) {
			try {
				destroyBridge(bridge);
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		this.bridges.clear();
		afterBridgesDestroyed();
		if (failure != null) {
			throw failure;
		}
	}

	// ---- lifecycle

	@Test
	void startedBridgesAreReadyHealthyAndHaveDistinctInstanceIds() {
		EventBridge one = startBridge();
		EventBridge two = startBridge();
		assertThat(one.isReady()).isTrue();
		assertThat(one.isHealthy()).isTrue();
		assertThat(one.name()).isNotBlank();
		assertThat(one.instanceId()).isNotBlank().isNotEqualTo(two.instanceId());
		assertThat(one.defaultCommandTimeout()).isPositive();
		assertThat(one.capabilities()).isNotNull();
		assertThat(one.inFlightCount()).isZero();
	}

	@Test
	void destroyedBridgeIsNotReadyAndRefusesWork() {
		EventBridge bridge = startBridge();
		bridge.destroy();
		bridge.destroy();
		assertThat(bridge.isReady()).isFalse();
		assertThat(bridge.isHealthy()).isFalse();
		assertThat(failureOf(bridge.invoke(command("late"), PATIENCE))).isInstanceOf(BridgeStoppingException.class)
			.extracting((error) -> ((StatusException) error).getStatus())
			.isEqualTo(503);
		assertThatExceptionOfType(BridgeStoppingException.class)
			.isThrownBy(() -> bridge.emitMessage(event(gateway(), name("ThingCreated"), "late")));
	}

	// ---- commands

	@Test
	void invokeCompletesWithResponseCarryingCorrelationAddressesIdentityAndEventName() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		AtomicReference<Command> received = new AtomicReference<>();
		responder.registerCommand(things(), (command) -> {
			received.set(command);
			return CompletableFuture.completedFuture(Messages.success(command, responder.instanceId(),
					Map.of("thingId", "42"), name("ThingCreated"), null));
		}, CommandOptions.DEFAULTS);
		String traceId = Ids.newId();
		Command command = Messages.command(gateway(), things(), Map.of("name", "anvil"), Map.of("dryRun", false),
				traceId, "alice", "acme", null);

		CommandSuccessResponse response = join(caller.invoke(command, PATIENCE));

		Command seen = received.get();
		assertThat(seen).isNotNull();
		assertThat(seen.messageType()).isEqualTo(MessageType.COMMAND);
		assertThat(seen.sender()).isEqualTo(gateway().withInstanceId(caller.instanceId()));
		assertThat(seen.receiver().serviceName()).isEqualTo(things().serviceName());
		assertThat(seen.receiver().serviceVersion()).isEqualTo(things().serviceVersion());
		assertThat(seen.receiver().serviceTarget()).isEqualTo(things().serviceTarget());
		assertThat(json(seen.payload().payload())).isEqualTo(json(Map.of("name", "anvil")));
		assertThat(json(seen.payload().parameter())).isEqualTo(json(Map.of("dryRun", false)));
		assertThat(seen.traceId()).isEqualTo(traceId);
		assertThat(seen.principalId()).isEqualTo("alice");
		assertThat(seen.tenantId()).isEqualTo("acme");

		assertThat(response.messageType()).isEqualTo(MessageType.COMMAND_SUCCESS_RESPONSE);
		assertThat(json(response.payload())).isEqualTo(json(Map.of("thingId", "42")));
		assertThat(response.correlationId()).isEqualTo(seen.correlationId());
		assertThat(response.sender()).isEqualTo(things().withInstanceId(responder.instanceId()));
		assertThat(response.receiver()).isEqualTo(gateway().withInstanceId(caller.instanceId()));
		assertThat(response.traceId()).isEqualTo(traceId);
		assertThat(response.principalId()).isEqualTo("alice");
		assertThat(response.tenantId()).isEqualTo("acme");
		assertThat(response.eventName()).isEqualTo(name("ThingCreated"));
	}

	@Test
	void invokeGivesEveryInvocationANewMessageIdAndCorrelationId() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		List<Command> received = new CopyOnWriteArrayList<>();
		responder.registerCommand(things(), (command) -> {
			received.add(command);
			return CompletableFuture.completedFuture(
					Messages.success(command, responder.instanceId(), command.correlationId(), null, null));
		}, CommandOptions.DEFAULTS);
		Command command = command("twice");

		CompletableFuture<CommandSuccessResponse> first = caller.invoke(command, PATIENCE);
		CompletableFuture<CommandSuccessResponse> second = caller.invoke(command, PATIENCE);
		CommandSuccessResponse firstResponse = join(first);
		CommandSuccessResponse secondResponse = join(second);

		assertThat(received).hasSize(2);
		assertThat(received).extracting(Command::id).doesNotHaveDuplicates().doesNotContain(command.id());
		assertThat(received).extracting(Command::correlationId)
			.doesNotHaveDuplicates()
			.doesNotContain(command.correlationId())
			.containsExactlyInAnyOrder(firstResponse.correlationId(), secondResponse.correlationId());
		assertThat(text(firstResponse.payload())).isEqualTo(firstResponse.correlationId());
		assertThat(text(secondResponse.payload())).isEqualTo(secondResponse.correlationId());
	}

	@Test
	void handledErrorReachesCallerAsHandledExceptionWithStatusMessageAndData() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		responder.registerCommand(things(),
				(command) -> CompletableFuture.completedFuture(Messages.error(command, responder.instanceId(),
						new HandledException(404, "thing not found", Map.of("thingId", "42")), null)),
				CommandOptions.DEFAULTS);
		String traceId = Ids.newId();

		Throwable error = failureOf(caller.invoke(
				Messages.command(gateway(), things(), "42", null, traceId, null, null, null), PATIENCE));

		assertThat(error).isInstanceOf(HandledException.class).hasMessage("thing not found");
		HandledException handled = (HandledException) error;
		assertThat(handled.getStatus()).isEqualTo(404);
		assertThat(json(handled.getData())).isEqualTo(json(Map.of("thingId", "42")));
		assertThat(handled.getTraceId()).isEqualTo(traceId);
	}

	@Test
	void unhandledErrorReachesCallerAs500WithoutDetail() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		responder.registerCommand(things(),
				(command) -> CompletableFuture.completedFuture(Messages.error(command, responder.instanceId(),
						new IllegalStateException("connection to db-7 refused"), null)),
				CommandOptions.DEFAULTS);

		Throwable error = failureOf(caller.invoke(command("x"), PATIENCE));

		assertInternalServerError(error);
	}

	@Test
	void failingOrThrowingHandlerAnswers500AndBridgeKeepsServing() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		responder.registerCommand(things(), (command) -> {
			String payload = text(command.payload().payload());
			if (payload.equals("throw")) {
				throw new IllegalStateException("handler threw");
			}
			if (payload.equals("fail")) {
				return CompletableFuture.failedFuture(new IllegalStateException("stage failed"));
			}
			return echo(responder, command);
		}, CommandOptions.DEFAULTS);

		assertInternalServerError(failureOf(caller.invoke(command("throw"), PATIENCE)));
		assertInternalServerError(failureOf(caller.invoke(command("fail"), PATIENCE)));
		assertThat(text(join(caller.invoke(command("ok"), PATIENCE)).payload())).isEqualTo("ok");
		awaitPromptly().untilAsserted(() -> assertThat(responder.inFlightCount()).isZero());
	}

	@Test
	void invocationWithoutResponseFailsWith504AfterTheTimeout() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		responder.registerCommand(things(), (command) -> stuck(), CommandOptions.DEFAULTS);
		Duration timeout = shortTimeout();

		long start = System.nanoTime();
		Throwable error = failureOf(caller.invoke(command("slow"), timeout));
		long elapsed = System.nanoTime() - start;

		assertThat(error).isInstanceOf(CommandTimeoutException.class).hasMessage("invocation timed out");
		assertThat(((CommandTimeoutException) error).getStatus()).isEqualTo(504);
		assertThat(((CommandTimeoutException) error).getTimeout()).isEqualTo(timeout);
		assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(timeout);
	}

	@Test
	void lateResponseIsDroppedAndCounted() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		AtomicReference<Command> received = new AtomicReference<>();
		CompletableFuture<Message> response = stuck();
		responder.registerCommand(things(), (command) -> {
			received.set(command);
			return response;
		}, CommandOptions.DEFAULTS);
		CompletableFuture<CommandSuccessResponse> invocation = caller.invoke(command("late"), shortTimeout());
		assertThat(failureOf(invocation)).isInstanceOf(CommandTimeoutException.class);
		long lateBefore = lateResponses(caller);

		response.complete(Messages.success(received.get(), responder.instanceId(), "too late", null, null));

		awaitPromptly().untilAsserted(() -> assertThat(lateResponses(caller)).isEqualTo(lateBefore + 1));
		assertThat(failureOf(invocation)).isInstanceOf(CommandTimeoutException.class);
		awaitPromptly().untilAsserted(() -> assertThat(responder.inFlightCount()).isZero());
	}

	@Test
	void commandForUnknownTargetIsAnsweredWith502OrTimesOut() {
		EventBridge caller = startBridge();
		startBridge().registerCommand(things(), (command) -> echo(null, command), CommandOptions.DEFAULTS);

		assertUnknownTarget(caller, MessageAddress.of(name("Things"), "1", "noSuchCommand"));
		assertUnknownTarget(caller, MessageAddress.of(name("NoSuchService"), "1", "createThing"));
	}

	@Test
	void unregisteredCommandIsNoLongerHandled() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		AtomicInteger handled = new AtomicInteger();
		responder.registerCommand(things(), (command) -> {
			handled.incrementAndGet();
			return echo(responder, command);
		}, CommandOptions.DEFAULTS);
		join(caller.invoke(command("before"), PATIENCE));

		responder.unregisterCommand(things());

		assertUnknownTarget(caller, things());
		assertThat(handled).hasValue(1);
	}

	@Test
	void commandsAreLoadBalancedBetweenInstancesAndEachHandledOnce() {
		EventBridge caller = startBridge();
		EventBridge one = startBridge();
		EventBridge two = startBridge();
		List<String> handledByOne = recordingCommand(one);
		List<String> handledByTwo = recordingCommand(two);
		List<String> payloads = new ArrayList<>();
		List<CompletableFuture<CommandSuccessResponse>> invocations = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			payloads.add("command-" + i);
			invocations.add(caller.invoke(command("command-" + i), PATIENCE));
		}

		for (int i = 0; i < invocations.size(); i++) {
			CommandSuccessResponse response = join(invocations.get(i));
			assertThat(text(response.payload())).isEqualTo(payloads.get(i));
			List<String> handledBy = response.sender().instanceId().equals(one.instanceId()) ? handledByOne
					: handledByTwo;
			assertThat(handledBy).contains(payloads.get(i));
		}
		assertThat(handledByOne).isNotEmpty();
		assertThat(handledByTwo).isNotEmpty();
		List<String> all = new ArrayList<>(handledByOne);
		all.addAll(handledByTwo);
		assertThat(all).containsExactlyInAnyOrderElementsOf(payloads);
	}

	@Test
	void receiverInstanceIdTargetsThatInstance() {
		EventBridge caller = startBridge();
		EventBridge one = startBridge();
		EventBridge two = startBridge();
		List<String> handledByOne = recordingCommand(one);
		List<String> handledByTwo = recordingCommand(two);
		List<CompletableFuture<CommandSuccessResponse>> invocations = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			invocations.add(caller.invoke(command(things().withInstanceId(two.instanceId()), "targeted-" + i), PATIENCE));
		}

		invocations.forEach((invocation) -> assertThat(join(invocation).sender().instanceId())
			.isEqualTo(two.instanceId()));
		assertThat(handledByTwo).hasSize(10);
		assertThat(handledByOne).isEmpty();
	}

	// ---- subscriptions

	@Test
	void emitMessageStampsNewIdTimestampAndSenderInstance() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder recorder = subscribe(subscriber, "onThingCreated", SubscriptionFilter.event(name("ThingCreated")));
		CustomMessage original = new CustomMessage(MessageType.CUSTOM_MESSAGE, "00000000000000000000000000000001", 1L,
				null, null, gateway(), null, null, null, null, null, name("ThingCreated"), null, "stamped", Map.of());
		long before = System.currentTimeMillis();

		Message sent = emitter.emitMessage(original);

		assertThat(sent.id()).isNotEqualTo(original.id());
		assertThat(sent.timestamp()).isGreaterThanOrEqualTo(before);
		assertThat(sent.sender()).isEqualTo(gateway().withInstanceId(emitter.instanceId()));
		Message received = awaitMessages(recorder, 1).get(0);
		assertThat(received.id()).isEqualTo(sent.id());
		assertThat(received.timestamp()).isEqualTo(sent.timestamp());
		assertThat(received.sender()).isEqualTo(gateway().withInstanceId(emitter.instanceId()));
		assertThat(text(received.payload())).isEqualTo("stamped");
	}

	@Test
	void emittedSuccessResponseReachesSubscriptionsToItsEventButNotTheWaitingCaller() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		Recorder recorder = subscribe(startBridge(), "onThingCreated", SubscriptionFilter.event(name("ThingCreated")));
		AtomicReference<Command> received = new AtomicReference<>();
		responder.registerCommand(things(), (command) -> {
			received.set(command);
			return stuck();
		}, CommandOptions.DEFAULTS);
		CompletableFuture<CommandSuccessResponse> pending = caller.invoke(command("waiting"), PATIENCE);
		awaitPromptly().until(() -> received.get() != null);

		responder.emitMessage(Messages.success(received.get(), responder.instanceId(), "published",
				name("ThingCreated"), null));

		Message event = awaitMessages(recorder, 1).get(0);
		assertThat(event.messageType()).isEqualTo(MessageType.COMMAND_SUCCESS_RESPONSE);
		assertThat(event.correlationId()).isEqualTo(received.get().correlationId());
		assertThat(text(event.payload())).isEqualTo("published");
		assertThat(pending).isNotDone();
	}

	@Test
	void eventNameFilterMatchesOnlyTheExactName() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder exact = subscribe(subscriber, "onThingCreated", SubscriptionFilter.event(name("ThingCreated")));
		Recorder wildcard = subscribe(subscriber, "onAnything",
				SubscriptionFilter.event("*").withSender(gateway().serviceName(), null, null, null));

		emitter.emitMessage(event(gateway(), name("ThingCreated"), "exact"));
		emitter.emitMessage(event(gateway(), name("thingcreated"), "otherCase"));
		emitter.emitMessage(event(gateway(), name("ThingCreatedAgain"), "longer"));
		emitter.emitMessage(event(gateway(), name("Thing"), "shorter"));

		assertReceivesExactly(exact, "exact");
		assertReceivesExactly(wildcard);
	}

	@Test
	void messageTypeFilterMatchesOnlyThatType() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder ready = subscribe(subscriber, "onReady", SubscriptionFilter.ANY
			.withMessageType(MessageType.INFO_SERVICE_READY)
			.withSender(gateway().serviceName(), null, null, null));

		emitter.emitMessage(Messages.info(MessageType.INFO_SERVICE_INIT, gatewayService(), "init", null));
		emitter.emitMessage(Messages.info(MessageType.INFO_SERVICE_READY, gatewayService(), "ready", null));
		emitter.emitMessage(event(gateway(), name("ThingCreated"), "custom"));

		assertReceivesExactly(ready, "ready");
	}

	@Test
	void senderFilterMatchesOnlyTheExactSender() {
		EventBridge emitter = startBridge();
		EventBridge other = startBridge();
		EventBridge subscriber = startBridge();
		Recorder fromCallThing = subscribe(subscriber, "fromCallThing",
				SubscriptionFilter.ANY.withSender(gateway().serviceName(), "1", "callThing", null));
		Recorder fromOtherInstance = subscribe(subscriber, "fromOtherInstance",
				SubscriptionFilter.ANY.withSender(gateway().serviceName(), null, null, other.instanceId()));
		String event = name("ThingCreated");

		emitter.emitMessage(event(gateway(), event, "match"));
		emitter.emitMessage(event(MessageAddress.of(gateway().serviceName(), "2", "callThing"), event, "otherVersion"));
		emitter.emitMessage(event(MessageAddress.of(gateway().serviceName(), "1", "otherThing"), event, "otherTarget"));
		emitter.emitMessage(event(MessageAddress.of(name("OtherGateway"), "1", "callThing"), event, "otherService"));
		other.emitMessage(event(gateway(), event, "otherInstance"));

		assertReceivesExactly(fromCallThing, "match", "otherInstance");
		assertReceivesExactly(fromOtherInstance, "otherInstance");
	}

	@Test
	void receiverFilterMatchesCommandsAndEventsAddressedToThatReceiver() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		EventBridge subscriber = startBridge();
		responder.registerCommand(things(), (command) -> echo(responder, command), CommandOptions.DEFAULTS);
		Recorder toCreateThing = subscribe(subscriber, "toCreateThing",
				SubscriptionFilter.ANY.withReceiver(things().serviceName(), "1", "createThing", null));
		String event = name("ThingRequested");

		join(caller.invoke(command("command"), PATIENCE));
		caller.emitMessage(addressedEvent(gateway(), event, "addressed", things()));
		caller.emitMessage(addressedEvent(gateway(), event, "otherTarget", things().withTarget("deleteThing")));
		caller.emitMessage(addressedEvent(gateway(), event, "otherVersion",
				MessageAddress.of(things().serviceName(), "2", "createThing")));
		caller.emitMessage(event(gateway(), event, "unaddressed"));

		assertReceivesExactly(toCreateThing, "command", "addressed");
	}

	@Test
	void infoMessagesNeverMatchReceiverFilters() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder byReceiver = subscribe(subscriber, "byReceiver",
				SubscriptionFilter.ANY.withReceiver(things().serviceName(), null, null, null));
		Recorder infos = subscribe(subscriber, "infos", SubscriptionFilter.ANY
			.withMessageType(MessageType.INFO_SERVICE_READY)
			.withSender(gateway().serviceName(), null, null, null));
		InfoMessage addressedInfo = new InfoMessage(MessageType.INFO_SERVICE_READY, Ids.newId(),
				System.currentTimeMillis(), null, null, gatewayService(), things(), null, Ids.newId(), null, null, null,
				null, "info", Map.of());

		emitter.emitMessage(addressedInfo);
		emitter.emitMessage(addressedEvent(gateway(), name("ThingRequested"), "custom", things()));

		assertReceivesExactly(infos, "info");
		assertReceivesExactly(byReceiver, "custom");
	}

	@Test
	void principalAndTenantFiltersMatchExactlyAndAllFiltersMustMatch() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		String created = name("ThingCreated");
		SubscriptionFilter fromGateway = SubscriptionFilter.ANY.withSender(gateway().serviceName(), null, null, null);
		Recorder alice = subscribe(subscriber, "alice", fromGateway.withIdentity("alice", null));
		Recorder acme = subscribe(subscriber, "acme", fromGateway.withIdentity(null, "acme"));
		Recorder aliceAtAcmeCreated = subscribe(subscriber, "aliceAtAcmeCreated",
				SubscriptionFilter.event(created).withIdentity("alice", "acme"));

		emitter.emitMessage(identified(created, "all", "alice", "acme"));
		emitter.emitMessage(identified(created, "otherTenant", "alice", "globex"));
		emitter.emitMessage(identified(created, "otherPrincipal", "bob", "acme"));
		emitter.emitMessage(identified(name("ThingDeleted"), "otherEvent", "alice", "acme"));
		emitter.emitMessage(identified(created, "anonymous", null, null));
		emitter.emitMessage(identified(created, "otherCase", "Alice", "ACME"));

		assertReceivesExactly(aliceAtAcmeCreated, "all");
		assertReceivesExactly(alice, "all", "otherTenant", "otherEvent");
		assertReceivesExactly(acme, "all", "otherPrincipal", "otherEvent");
	}

	@Test
	void sharedSubscriptionOnTwoInstancesGetsOneCopyPerMessage() {
		EventBridge emitter = startBridge();
		EventBridge one = startBridge();
		EventBridge two = startBridge();
		Recorder recorder = new Recorder();
		SubscriptionRegistration registration = SubscriptionRegistration.of(subscription("onThingCreated"),
				SubscriptionFilter.event(name("ThingCreated")));
		one.registerSubscription(registration, recorder);
		two.registerSubscription(registration, recorder);
		List<String> payloads = new ArrayList<>();

		for (int i = 0; i < 20; i++) {
			payloads.add("event-" + i);
			emitter.emitMessage(event(gateway(), name("ThingCreated"), "event-" + i));
		}

		assertReceivesExactly(recorder, payloads.toArray(String[]::new));
	}

	@Test
	void everyInstanceSubscriptionGetsACopyOnEachInstance() {
		EventBridge emitter = startBridge();
		EventBridge one = startBridge();
		EventBridge two = startBridge();
		Recorder onOne = new Recorder();
		Recorder onTwo = new Recorder();
		SubscriptionRegistration registration = SubscriptionRegistration
			.of(subscription("onThingCreated"), SubscriptionFilter.event(name("ThingCreated")))
			.withEveryInstance(true);
		one.registerSubscription(registration, onOne);
		two.registerSubscription(registration, onTwo);
		List<String> payloads = new ArrayList<>();

		for (int i = 0; i < 10; i++) {
			payloads.add("event-" + i);
			emitter.emitMessage(event(gateway(), name("ThingCreated"), "event-" + i));
		}

		assertReceivesExactly(onOne, payloads.toArray(String[]::new));
		assertReceivesExactly(onTwo, payloads.toArray(String[]::new));
	}

	@Test
	void successResponseWithEventNameReachesSubscriptionsOnThatEvent() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		EventBridge subscriber = startBridge();
		Recorder created = subscribe(subscriber, "onThingCreated", SubscriptionFilter.event(name("ThingCreated")));
		responder.registerCommand(things(), (command) -> {
			String payload = text(command.payload().payload());
			if (payload.equals("refuse")) {
				return CompletableFuture.completedFuture(Messages.error(command, responder.instanceId(),
						new HandledException(409, "exists", null), null));
			}
			return CompletableFuture.completedFuture(Messages.success(command, responder.instanceId(),
					Map.of("thingId", payload), name("ThingCreated"), null));
		}, CommandOptions.DEFAULTS);

		CommandSuccessResponse response = join(caller.invoke(command("42"), PATIENCE));
		assertThat(failureOf(caller.invoke(command("refuse"), PATIENCE))).isInstanceOf(HandledException.class);

		Message event = awaitMessages(created, 1).get(0);
		assertThat(event.messageType()).isEqualTo(MessageType.COMMAND_SUCCESS_RESPONSE);
		assertThat(event.eventName()).isEqualTo(name("ThingCreated"));
		assertThat(event.correlationId()).isEqualTo(response.correlationId());
		assertThat(json(event.payload())).isEqualTo(json(Map.of("thingId", "42")));
	}

	@Test
	void unregisteredSubscriptionReceivesNothing() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder removed = subscribe(subscriber, "removed", SubscriptionFilter.event(name("ThingCreated")));
		Recorder kept = subscribe(subscriber, "kept", SubscriptionFilter.event(name("ThingCreated")));

		subscriber.unregisterSubscription(subscription("removed"));
		emitter.emitMessage(event(gateway(), name("ThingCreated"), "after"));

		assertReceivesExactly(kept, "after");
		assertReceivesExactly(removed);
	}

	// ---- subscription results

	@Test
	void ackedMessageIsDeliveredOnce() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder recorder = new Recorder((message, attempt) -> SubscriptionResult.ack());
		MessageAddress address = subscription("acking");
		subscriber.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(name("Tick")))
			.withRetries(3, RETRY_DELAY), recorder);

		emitter.emitMessage(event(gateway(), name("Tick"), "once"));

		assertReceivesExactly(recorder, "once");
		if (subscriber.capabilities().subscriptionRetries()) {
			assertThat(deadLetters(address)).isEmpty();
		}
	}

	@Test
	void droppedMessageIsNeitherRedeliveredNorDeadLettered() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		Recorder recorder = new Recorder((message, attempt) -> SubscriptionResult.drop("not interesting"));
		MessageAddress address = subscription("dropping");
		subscriber.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(name("Tick")))
			.withRetries(3, RETRY_DELAY), recorder);

		emitter.emitMessage(event(gateway(), name("Tick"), "dropped"));

		assertReceivesExactly(recorder, "dropped");
		if (subscriber.capabilities().subscriptionRetries()) {
			assertThat(deadLetters(address)).isEmpty();
		}
	}

	@Test
	void retryRedeliversAfterItsDelayUntilMaxAttemptsThenDeadLetters() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		assumeSubscriptionRetries(subscriber);
		Recorder recorder = new Recorder((message, attempt) -> SubscriptionResult.retry("not yet", RETRY_DELAY));
		MessageAddress address = subscription("retrying");
		subscriber.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(name("Tick")))
			.withRetries(3, PATIENCE), recorder);

		emitter.emitMessage(event(gateway(), name("Tick"), "stubborn"));

		assertReceivesExactly(recorder, "stubborn", "stubborn", "stubborn");
		recorder.assertGapsAtLeast(RETRY_DELAY);
		awaitPromptly().untilAsserted(() -> assertThat(deadLetters(address)).hasSize(1));
		assertThat(text(deadLetters(address).get(0).payload())).isEqualTo("stubborn");
	}

	@Test
	void retryFollowedByAckStopsRedelivery() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		assumeSubscriptionRetries(subscriber);
		Recorder recorder = new Recorder((message, attempt) -> (attempt == 1)
				? SubscriptionResult.retry("not yet", RETRY_DELAY) : SubscriptionResult.ack());
		MessageAddress address = subscription("retryingOnce");
		subscriber.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(name("Tick")))
			.withRetries(3, PATIENCE), recorder);

		emitter.emitMessage(event(gateway(), name("Tick"), "second time lucky"));

		assertReceivesExactly(recorder, "second time lucky", "second time lucky");
		assertThat(deadLetters(address)).isEmpty();
	}

	@Test
	void deadLetterResultDeadLettersWithoutRedelivery() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		assumeSubscriptionRetries(subscriber);
		Recorder recorder = new Recorder((message, attempt) -> SubscriptionResult.deadLetter("poison"));
		MessageAddress address = subscription("deadLettering");
		subscriber.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(name("Tick")))
			.withRetries(3, RETRY_DELAY), recorder);

		emitter.emitMessage(event(gateway(), name("Tick"), "poison"));

		assertReceivesExactly(recorder, "poison");
		awaitPromptly().untilAsserted(() -> assertThat(deadLetters(address)).hasSize(1));
	}

	@Test
	void failingOrThrowingSubscriptionHandlerCountsAsRetry() {
		EventBridge emitter = startBridge();
		EventBridge subscriber = startBridge();
		assumeSubscriptionRetries(subscriber);
		Duration retryDelay = Duration.ofMillis(100);
		Recorder recorder = new Recorder((message, attempt) -> {
			throw new IllegalStateException("attempt " + attempt + " failed");
		});
		AtomicInteger attempts = new AtomicInteger();
		SubscriptionHandler handler = (message) -> {
			int attempt = attempts.incrementAndGet();
			if (attempt == 1) {
				return recorder.handle(message);
			}
			recorder.record(message);
			return CompletableFuture.failedFuture(new IllegalStateException("stage of attempt " + attempt + " failed"));
		};
		MessageAddress address = subscription("failing");
		subscriber.registerSubscription(SubscriptionRegistration.of(address, SubscriptionFilter.event(name("Tick")))
			.withRetries(2, retryDelay), handler);

		emitter.emitMessage(event(gateway(), name("Tick"), "unlucky"));

		assertReceivesExactly(recorder, "unlucky", "unlucky");
		recorder.assertGapsAtLeast(retryDelay);
		awaitPromptly().untilAsserted(() -> assertThat(deadLetters(address)).hasSize(1));
	}

	// ---- what crosses the bridge

	@Test
	void otpAndUnknownFieldsPassThroughUnchanged() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		Map<String, Object> commandExtras = Map.of("x-future", Map.of("flag", true, "list", List.of(1, 2)),
				"schemaHint", "v2");
		Map<String, Object> responseExtras = Map.of("x-responder", "java");
		Map<String, Object> eventExtras = Map.of("x-origin", Map.of("region", "eu-1"));
		AtomicReference<Command> received = new AtomicReference<>();
		responder.registerCommand(things(), (command) -> {
			received.set(command);
			CommandSuccessResponse response = Messages.success(command, responder.instanceId(), "done", null, OTP);
			return CompletableFuture.completedFuture(withExtensions(response, responseExtras));
		}, CommandOptions.DEFAULTS);
		Recorder recorder = subscribe(responder, "onThingCreated", SubscriptionFilter.event(name("ThingCreated")));
		Command template = Messages.command(gateway(), things(), "go", null, null, null, null, OTP);
		Command command = new Command(template.messageType(), template.id(), template.timestamp(),
				template.contentType(), template.contentEncoding(), template.sender(), template.receiver(),
				template.correlationId(), null, null, null, null, OTP, template.payload(), commandExtras);
		CustomMessage event = new CustomMessage(MessageType.CUSTOM_MESSAGE, Ids.newId(), System.currentTimeMillis(),
				null, null, gateway(), null, null, null, null, null, name("ThingCreated"), OTP, "event", eventExtras);

		CommandSuccessResponse response = join(caller.invoke(command, PATIENCE));
		caller.emitMessage(event);

		assertThat(received.get().otp()).isEqualTo(OTP);
		assertThat(json(received.get().extensions())).isEqualTo(json(commandExtras));
		assertThat(response.otp()).isEqualTo(OTP);
		assertThat(json(response.extensions())).isEqualTo(json(responseExtras));
		Message delivered = awaitMessages(recorder, 1).get(0);
		assertThat(delivered.otp()).isEqualTo(OTP);
		assertThat(json(delivered.extensions())).isEqualTo(json(eventExtras));
	}

	@Test
	void recordPayloadsCrossTheBridgeAsEqualJson() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		Order order = new Order("o-1", 3, List.of("anvil", "rope"));
		Order shipped = new Order("o-1", 3, List.of("shipped"));
		AtomicReference<@Nullable Object> received = new AtomicReference<>();
		responder.registerCommand(things(), (command) -> {
			received.set(command.payload().payload());
			return CompletableFuture
				.completedFuture(Messages.success(command, responder.instanceId(), shipped, null, null));
		}, CommandOptions.DEFAULTS);
		Recorder recorder = subscribe(responder, "onOrder", SubscriptionFilter.event(name("OrderPlaced")));

		CommandSuccessResponse response = join(caller.invoke(command(order), PATIENCE));
		caller.emitMessage(event(gateway(), name("OrderPlaced"), order));
		Object eventPayload = awaitMessages(recorder, 1).get(0).payload();

		assertThat(json(received.get())).isEqualTo(json(order));
		assertThat(json(response.payload())).isEqualTo(json(shipped));
		assertThat(json(eventPayload)).isEqualTo(json(order));
		if (isolatesPayloads()) {
			assertThat(received.get()).isInstanceOf(JsonNode.class);
			assertThat(response.payload()).isInstanceOf(JsonNode.class);
			assertThat(eventPayload).isInstanceOf(JsonNode.class);
		}
		else {
			assertThat(received.get()).isEqualTo(order);
			assertThat(response.payload()).isEqualTo(shipped);
			assertThat(eventPayload).isEqualTo(order);
		}
	}

	@Test
	void receiversOfAnIsolatingBridgeNeverShareThePayloadObject() {
		EventBridge emitter = startBridge();
		EventBridge one = startBridge();
		EventBridge two = startBridge();
		List<Object> payloads = new CopyOnWriteArrayList<>();
		List<JsonNode> snapshots = new CopyOnWriteArrayList<>();
		SubscriptionFilter filter = SubscriptionFilter.event(name("ThingCreated"));
		for (EventBridge bridge : List.of(one, two)) {
			bridge.registerSubscription(SubscriptionRegistration.of(subscription("on" + bridge.instanceId()), filter)
				.withEveryInstance(true), (message) -> {
					Object payload = message.payload();
					snapshots.add(json(payload));
					payloads.add(payload);
					if (payload instanceof ObjectNode node) {
						node.put("seenBy" + bridge.instanceId(), true);
					}
					return CompletableFuture.completedFuture(SubscriptionResult.ack());
				});
		}
		ObjectNode original = this.codec.mapper().createObjectNode().put("thingId", "42");
		JsonNode pristine = original.deepCopy();

		Message sent = emitter.emitMessage(event(gateway(), name("ThingCreated"), original));
		original.put("changedAfterSend", true);

		awaitPromptly().untilAsserted(() -> assertThat(payloads).hasSize(2));
		assertThat(snapshots).allSatisfy((snapshot) -> assertThat(snapshot.get("thingId").asString()).isEqualTo("42"));
		if (isolatesPayloads()) {
			assertThat(snapshots).as("payloads as the receivers got them")
				.allSatisfy((snapshot) -> assertThat(snapshot).isEqualTo(pristine));
			assertThat(json(sent.payload())).isEqualTo(pristine);
			for (Object payload : payloads) {
				JsonNode node = (JsonNode) payload;
				assertThat(node.has("changedAfterSend")).as("sender's change reached a receiver").isFalse();
				assertThat(node.propertyNames().stream().filter((field) -> field.startsWith("seenBy")))
					.as("receivers share one payload object: %s", node)
					.hasSize(1);
			}
		}
	}

	// ---- shutdown

	@Test
	void commandsAvoidInstanceWhoseIntakeStopped() {
		EventBridge caller = startBridge();
		EventBridge stopping = startBridge();
		EventBridge running = startBridge();
		List<String> handledByStopping = recordingCommand(stopping);
		List<String> handledByRunning = recordingCommand(running);

		stopping.stopIntake();
		List<CompletableFuture<CommandSuccessResponse>> invocations = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			invocations.add(caller.invoke(command("after-stop-" + i), PATIENCE));
		}

		invocations.forEach((invocation) -> assertThat(join(invocation).sender().instanceId())
			.isEqualTo(running.instanceId()));
		assertThat(handledByRunning).hasSize(10);
		assertThat(handledByStopping).isEmpty();
	}

	@Test
	void commandForOnlyInstanceWhoseIntakeStoppedIsRefusedWith503OrTimesOut() {
		EventBridge caller = startBridge();
		EventBridge stopping = startBridge();
		List<String> handled = recordingCommand(stopping);

		stopping.stopIntake();

		if (refusesCommandsWhileIntakeStopped()) {
			Throwable error = failureOf(caller.invoke(command("refused"), PATIENCE));
			assertThat(error).isInstanceOf(UnhandledException.class).hasMessage("Service Unavailable");
			assertThat(((UnhandledException) error).getStatus()).isEqualTo(503);
		}
		else {
			assertThat(failureOf(caller.invoke(command("waiting"), shortTimeout())))
				.isInstanceOf(CommandTimeoutException.class);
		}
		assertThat(handled).isEmpty();
	}

	@Test
	void sharedSubscriptionMessagesAvoidInstanceWhoseIntakeStopped() {
		EventBridge emitter = startBridge();
		EventBridge stopping = startBridge();
		EventBridge running = startBridge();
		Recorder onStopping = new Recorder();
		Recorder onRunning = new Recorder();
		SubscriptionRegistration registration = SubscriptionRegistration.of(subscription("onThingCreated"),
				SubscriptionFilter.event(name("ThingCreated")));
		stopping.registerSubscription(registration, onStopping);
		running.registerSubscription(registration, onRunning);

		stopping.stopIntake();
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			payloads.add("event-" + i);
			emitter.emitMessage(event(gateway(), name("ThingCreated"), "event-" + i));
		}

		assertReceivesExactly(onRunning, payloads.toArray(String[]::new));
		assertReceivesExactly(onStopping);
	}

	@Test
	void instanceWhoseIntakeStoppedStillInvokesAndEmits() {
		EventBridge stopping = startBridge();
		EventBridge running = startBridge();
		running.registerCommand(things(), (command) -> echo(running, command), CommandOptions.DEFAULTS);
		Recorder recorder = subscribe(running, "onThingCreated", SubscriptionFilter.event(name("ThingCreated")));

		stopping.stopIntake();

		assertThat(text(join(stopping.invoke(command("outbound"), PATIENCE)).payload())).isEqualTo("outbound");
		stopping.emitMessage(event(gateway(), name("ThingCreated"), "emitted"));
		assertReceivesExactly(recorder, "emitted");
	}

	@Test
	void awaitDrainReturnsFalseWhileHandlersAreStuck() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		responder.registerCommand(things(), (command) -> stuck(), CommandOptions.DEFAULTS);
		CompletableFuture<SubscriptionResult> subscriptionStuck = new CompletableFuture<>();
		responder.registerSubscription(
				SubscriptionRegistration.of(subscription("stuck"), SubscriptionFilter.event(name("ThingCreated"))),
				(message) -> subscriptionStuck);
		caller.invoke(command("stuck"), PATIENCE);
		caller.emitMessage(event(gateway(), name("ThingCreated"), "stuck"));
		awaitPromptly().untilAsserted(() -> assertThat(responder.inFlightCount()).isEqualTo(2));

		responder.stopIntake();
		Duration wait = Duration.ofMillis(100);
		long start = System.nanoTime();
		boolean drained = responder.awaitDrain(wait);
		long elapsed = System.nanoTime() - start;

		assertThat(drained).isFalse();
		assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(wait);
		assertThat(responder.inFlightCount()).isEqualTo(2);
		subscriptionStuck.complete(SubscriptionResult.ack());
	}

	@Test
	void inFlightHandlersFinishAfterStopIntakeAndTheirResponsesArrive() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		AtomicReference<Command> received = new AtomicReference<>();
		CompletableFuture<Message> response = stuck();
		responder.registerCommand(things(), (command) -> {
			received.set(command);
			return response;
		}, CommandOptions.DEFAULTS);
		CompletableFuture<SubscriptionResult> subscriptionDone = new CompletableFuture<>();
		responder.registerSubscription(
				SubscriptionRegistration.of(subscription("slow"), SubscriptionFilter.event(name("ThingCreated"))),
				(message) -> subscriptionDone);
		CompletableFuture<CommandSuccessResponse> invocation = caller.invoke(command("in flight"), PATIENCE);
		caller.emitMessage(event(gateway(), name("ThingCreated"), "in flight"));
		awaitPromptly().untilAsserted(() -> assertThat(responder.inFlightCount()).isEqualTo(2));

		responder.stopIntake();
		response.complete(Messages.success(received.get(), responder.instanceId(), "finished", null, null));
		subscriptionDone.complete(SubscriptionResult.ack());

		assertThat(text(join(invocation).payload())).isEqualTo("finished");
		assertThat(responder.awaitDrain(PATIENCE)).isTrue();
		assertThat(responder.inFlightCount()).isZero();
	}

	@Test
	void drainedBridgeWithoutWorkReturnsTrueAtOnce() {
		EventBridge bridge = startBridge();
		bridge.stopIntake();
		assertThat(bridge.awaitDrain(Duration.ZERO)).isTrue();
	}

	@Test
	void destroyFailsPendingInvocationsWith503() {
		EventBridge caller = startBridge();
		EventBridge responder = startBridge();
		responder.registerCommand(things(), (command) -> stuck(), CommandOptions.DEFAULTS);
		CompletableFuture<CommandSuccessResponse> invocation = caller.invoke(command("pending"), PATIENCE);
		awaitPromptly().untilAsserted(() -> assertThat(responder.inFlightCount()).isEqualTo(1));

		caller.destroy();

		Throwable error = failureOf(invocation);
		assertThat(error).isInstanceOf(BridgeStoppingException.class);
		assertThat(((BridgeStoppingException) error).getStatus()).isEqualTo(503);
	}

	// ---- concurrency

	@Test
	void concurrentInvocationsFromManyThreadsAreAnsweredWithoutCrossTalk() throws Exception {
		List<EventBridge> callers = List.of(startBridge(), startBridge());
		Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
		for (EventBridge responder : List.of(startBridge(), startBridge())) {
			responder.registerCommand(things(), (command) -> {
				String payload = text(command.payload().payload());
				handled.computeIfAbsent(payload, (key) -> new AtomicInteger()).incrementAndGet();
				return CompletableFuture.completedFuture(Messages.success(command, responder.instanceId(),
						Map.of("echo", payload, "correlationId", command.correlationId()), null, null));
			}, CommandOptions.DEFAULTS);
		}
		int threads = 8;
		int perThread = 500;
		Set<String> correlationIds = ConcurrentHashMap.newKeySet();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				workers.add(executor.submit(() -> {
					start.await();
					EventBridge caller = callers.get(thread % callers.size());
					List<CompletableFuture<CommandSuccessResponse>> invocations = new ArrayList<>(perThread);
					for (int i = 0; i < perThread; i++) {
						// 4000 invocations at once: on a broker they queue up, so each gets more than PATIENCE
						invocations.add(caller.invoke(command("t" + thread + "-" + i), PATIENCE.multipliedBy(3)));
					}
					for (int i = 0; i < perThread; i++) {
						CommandSuccessResponse response = join(invocations.get(i));
						JsonNode answer = json(response.payload());
						assertThat(answer.get("echo").asString()).isEqualTo("t" + thread + "-" + i);
						assertThat(answer.get("correlationId").asString()).isEqualTo(response.correlationId());
						assertThat(response.receiver().instanceId()).isEqualTo(caller.instanceId());
						correlationIds.add(response.correlationId());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get(PATIENCE.toSeconds() * 6, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(correlationIds).hasSize(threads * perThread);
		assertThat(handled).hasSize(threads * perThread);
		assertThat(handled.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
	}

	// ---- support

	/**
	 * The address of the commands the suite invokes.
	 * @return the address
	 */
	protected final MessageAddress things() {
		return MessageAddress.of(name("Things"), "1", "createThing");
	}

	/**
	 * The address of the calling and emitting function.
	 * @return the address
	 */
	protected final MessageAddress gateway() {
		return MessageAddress.of(name("Gateway"), "1", "callThing");
	}

	private MessageAddress gatewayService() {
		return MessageAddress.of(name("Gateway"), "1", "");
	}

	private MessageAddress subscription(String subscriptionName) {
		return MessageAddress.of(name("Audit"), "1", subscriptionName);
	}

	private Command command(@Nullable Object payload) {
		return command(things(), payload);
	}

	private Command command(MessageAddress receiver, @Nullable Object payload) {
		return Messages.command(gateway(), receiver, payload, null, null, null, null, null);
	}

	private static CustomMessage event(MessageAddress sender, String eventName, @Nullable Object payload) {
		return Messages.custom(sender, eventName, payload, null, null, null, null);
	}

	private static CustomMessage addressedEvent(MessageAddress sender, String eventName, Object payload,
			MessageAddress receiver) {
		return new CustomMessage(MessageType.CUSTOM_MESSAGE, Ids.newId(), System.currentTimeMillis(), null, null,
				sender, receiver, null, null, null, null, eventName, null, payload, Map.of());
	}

	private CustomMessage identified(String eventName, Object payload, @Nullable String principalId,
			@Nullable String tenantId) {
		return Messages.custom(gateway(), eventName, payload, null, principalId, tenantId, null);
	}

	private static CommandSuccessResponse withExtensions(CommandSuccessResponse response,
			Map<String, Object> extensions) {
		return new CommandSuccessResponse(response.messageType(), response.id(), response.timestamp(),
				response.contentType(), response.contentEncoding(), response.sender(), response.receiver(),
				response.correlationId(), response.traceId(), response.principalId(), response.tenantId(),
				response.eventName(), response.otp(), response.payload(), extensions);
	}

	private static CompletionStage<Message> echo(@Nullable EventBridge responder, Command command) {
		String instanceId = (responder != null) ? responder.instanceId() : "";
		return CompletableFuture
			.completedFuture(Messages.success(command, instanceId, command.payload().payload(), null, null));
	}

	private List<String> recordingCommand(EventBridge responder) {
		List<String> handled = new CopyOnWriteArrayList<>();
		responder.registerCommand(things(), (command) -> {
			handled.add(text(command.payload().payload()));
			return echo(responder, command);
		}, CommandOptions.DEFAULTS);
		return handled;
	}

	private CompletableFuture<Message> stuck() {
		CompletableFuture<Message> future = new CompletableFuture<>();
		this.stuckHandlers.add(future);
		return future;
	}

	private Recorder subscribe(EventBridge bridge, String subscriptionName, SubscriptionFilter filter) {
		Recorder recorder = new Recorder();
		bridge.registerSubscription(SubscriptionRegistration.of(subscription(subscriptionName), filter), recorder);
		return recorder;
	}

	private void assertUnknownTarget(EventBridge caller, MessageAddress receiver) {
		if (answersUnknownCommands()) {
			Throwable error = failureOf(caller.invoke(command(receiver, "unknown"), PATIENCE));
			assertThat(error).isInstanceOf(UnhandledException.class)
				.isNotInstanceOf(CommandTimeoutException.class)
				.hasMessage("Bad Gateway");
			assertThat(((UnhandledException) error).getStatus()).isEqualTo(502);
		}
		else {
			Throwable error = failureOf(caller.invoke(command(receiver, "unknown"), shortTimeout()));
			assertThat(error).isInstanceOf(CommandTimeoutException.class);
			assertThat(((CommandTimeoutException) error).getStatus()).isEqualTo(504);
		}
	}

	private static void assertInternalServerError(Throwable error) {
		assertThat(error).isInstanceOf(UnhandledException.class).hasMessage("Internal Server Error");
		UnhandledException unhandled = (UnhandledException) error;
		assertThat(unhandled.getStatus()).isEqualTo(500);
		assertThat(unhandled.getData()).isNull();
	}

	private static void assumeSubscriptionRetries(EventBridge bridge) {
		assumeTrue(bridge.capabilities().subscriptionRetries(),
				bridge.name() + " declares no subscription retries (capabilities().subscriptionRetries())");
	}

	private void assertReceivesExactly(Recorder recorder, String... payloads) {
		awaitPromptly().during(quietPeriod())
			.untilAsserted(() -> assertThat(recorder.payloads()).containsExactlyInAnyOrder(payloads));
	}

	private List<Message> awaitMessages(Recorder recorder, int count) {
		awaitPromptly().during(quietPeriod()).untilAsserted(() -> assertThat(recorder.messages()).hasSize(count));
		return recorder.messages();
	}

	private static ConditionFactory awaitPromptly() {
		return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10));
	}

	private JsonNode json(@Nullable Object value) {
		JsonNode node = this.codec.copyAsJson(value);
		return (node != null) ? node : this.codec.mapper().nullNode();
	}

	private static String text(@Nullable Object value) {
		return BridgeTestSupport.text(value);
	}

	private static <T> T join(CompletableFuture<T> future) {
		return BridgeTestSupport.join(future, PATIENCE);
	}

	private static Throwable failureOf(CompletableFuture<?> future) {
		return BridgeTestSupport.failureOf(future, PATIENCE);
	}

	/**
	 * A payload type that is a Java record, to show what crosses the bridge.
	 *
	 * @param id the order id
	 * @param quantity how many
	 * @param items what
	 */
	record Order(String id, int quantity, List<String> items) {

	}

	/**
	 * Records the messages a subscription receives and answers with a result per attempt.
	 */
	private static final class Recorder implements SubscriptionHandler {

		private final List<Message> messages = new CopyOnWriteArrayList<>();

		private final List<Long> arrivals = new CopyOnWriteArrayList<>();

		private final Reaction reaction;

		Recorder() {
			this((message, attempt) -> SubscriptionResult.ack());
		}

		Recorder(Reaction reaction) {
			this.reaction = reaction;
		}

		@Override
		public CompletionStage<SubscriptionResult> handle(Message message) {
			int attempt = record(message);
			return CompletableFuture.completedFuture(this.reaction.react(message, attempt));
		}

		int record(Message message) {
			this.arrivals.add(System.nanoTime());
			this.messages.add(message);
			return this.messages.size();
		}

		List<Message> messages() {
			return List.copyOf(this.messages);
		}

		List<String> payloads() {
			List<String> payloads = new ArrayList<>();
			for (Message message : this.messages) {
				Object payload = (message instanceof Command command) ? command.payload().payload() : message.payload();
				payloads.add(text(payload));
			}
			return payloads;
		}

		void assertGapsAtLeast(Duration delay) {
			List<Long> times = List.copyOf(this.arrivals);
			for (int i = 1; i < times.size(); i++) {
				assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).as("gap before delivery %d", i + 1)
					.isGreaterThanOrEqualTo(delay);
			}
		}

	}

	/**
	 * What a {@link Recorder} answers.
	 */
	@FunctionalInterface
	private interface Reaction {

		SubscriptionResult react(Message message, int attempt);

	}

}
