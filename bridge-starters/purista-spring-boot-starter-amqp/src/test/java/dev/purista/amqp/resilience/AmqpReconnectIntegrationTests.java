package dev.purista.amqp.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.AmqpNames;
import dev.purista.amqp.RabbitTestSupport;
import dev.purista.boot.health.EventBridgeHealthIndicator;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.PuristaException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.test.HandlerGate;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ "restarts" under steady command load: the caller's and the responder's connections run through a
 * {@link TcpProxy} the test cuts for a few seconds and restores (the shared broker itself keeps running). The
 * bridges recover by themselves: every invocation ends with its response, a 504 at its timeout or a 503 when
 * its command could not be sent, none hangs; once both are connected again every new invocation succeeds; the
 * events of a durable shared subscription published before the cut (some of them in its handlers at the cut)
 * and during it (through a connection that bypasses the proxy) are all processed after the restore; the
 * {@code purista} event bridge health is {@code DOWN} while cut and {@code UP} again after. A second test makes
 * the proxy drop every packet instead of refusing connections, the outage a partitioned network causes.
 */
class AmqpReconnectIntegrationTests {

	private static final Log logger = LogFactory.getLog(AmqpReconnectIntegrationTests.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

	/** Allowed beyond the command timeout for an invocation to end (timer sweep, a blocked publish). */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final int LOAD_THREADS = 3;

	private static final Duration LOAD_PERIOD = Duration.ofMillis(30);

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static final int CONSUMERS = 4;

	private static final int EVENTS_BEFORE = 20;

	private static final int EVENTS_DURING = 20;

	private final String prefix = "Reconnect" + Ids.newId().substring(0, 8);

	private final MessageAddress gateway = MessageAddress.of(this.prefix + "Gateway", "1", "callEcho");

	private final MessageAddress echo = MessageAddress.of(this.prefix + "Echo", "1", "echo");

	private final MessageAddress audit = MessageAddress.of(this.prefix + "Audit", "1", "onThingCreated");

	private final String eventName = this.prefix + "ThingCreated";

	private final List<Invocation> invocations = new CopyOnWriteArrayList<>();

	private final AtomicInteger invocationNumbers = new AtomicInteger();

	private final List<AmqpEventBridge> bridges = new ArrayList<>();

	private final List<CachingConnectionFactory> proxiedFactories = new ArrayList<>();

	private RabbitTestSupport rabbit;

	private TcpProxy proxy;

	private @Nullable ScheduledExecutorService load;

	@BeforeEach
	void startProxy() {
		this.rabbit = new RabbitTestSupport();
		this.proxy = new TcpProxy(this.rabbit.address.host(), this.rabbit.address.port()).start();
	}

	@AfterEach
	void cleanUp() {
		if (this.load != null) {
			this.load.shutdownNow();
		}
		if (this.proxy != null) {
			this.proxy.restore();
		}
		this.bridges.forEach(AmqpEventBridge::destroy);
		this.proxiedFactories.forEach(CachingConnectionFactory::destroy);
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.rabbit != null) {
			RabbitAdmin admin = new RabbitAdmin(this.rabbit.connectionFactory);
			String queue = AmqpNames.DEFAULTS.subscriptionQueue(this.audit, null);
			admin.deleteQueue(queue);
			admin.deleteQueue(AmqpNames.deadLetterQueue(queue));
			this.rabbit.close();
		}
	}

	@Test
	void bridgesRecoverFromConnectionLossUnderLoadWithoutHangingInvocationsOrLosingDurableEvents() throws Exception {
		AmqpEventBridge caller = proxiedBridge();
		AmqpEventBridge responder = proxiedBridge();
		AmqpEventBridge direct = this.rabbit.bridge(options());
		this.bridges.add(direct);
		direct.start();
		HealthIndicator callerHealth = new EventBridgeHealthIndicator(caller);
		HealthIndicator responderHealth = new EventBridgeHealthIndicator(responder);
		responder.registerCommand(this.echo, (command) -> CompletableFuture.completedFuture(
				Messages.success(command, responder.instanceId(), command.payload().payload(), null, null)),
				CommandOptions.DEFAULTS);
		HoldingRecorder events = new HoldingRecorder();
		responder.registerSubscription(SubscriptionRegistration
			.builder(this.audit, SubscriptionFilter.event(this.eventName))
			.durable(true)
			.autoacknowledge(false)
			.build(), events);
		assertThat(callerHealth.health().getStatus()).isEqualTo(Status.UP);
		assertThat(responderHealth.health().getStatus()).isEqualTo(Status.UP);

		startLoad(caller);
		await().atMost(Duration.ofSeconds(10)).until(() -> count(Outcome.SUCCESS) >= 30);

		// the subscription's handlers hold the first events at the cut; the others wait in RabbitMQ
		events.gate.hold();
		Set<String> expectedEvents = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < EVENTS_BEFORE; i++) {
			caller.emitMessage(event("before-" + i));
			expectedEvents.add("before-" + i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> events.gate.held() == CONSUMERS);

		this.proxy.cutConnections();
		long cutAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Status.DOWN.equals(callerHealth.health().getStatus())
					&& Status.DOWN.equals(responderHealth.health().getStatus()));
		long downMs = millisSince(cutAt);
		// the held handlers finish on a dead channel: their events are processed but cannot be acknowledged
		events.gate.release();
		assertThat(caller.isHealthy()).isFalse();
		assertThat(responder.isHealthy()).isFalse();

		// an emit while cut returns at once: the event waits in the outbound buffer (a refused one is counted)
		long slowestEmitMs = 0;
		int failedEmits = 0;
		for (int i = 0; i < 5; i++) {
			long emitStarted = System.nanoTime();
			try {
				caller.emitMessage(event("during-cut-" + i));
				expectedEvents.add("during-cut-" + i);
			}
			catch (PuristaException ex) {
				failedEmits++;
			}
			slowestEmitMs = Math.max(slowestEmitMs, millisSince(emitStarted));
		}
		assertThat(slowestEmitMs).as("slowest emit while cut, ms").isLessThan(1000);
		for (int i = 0; i < EVENTS_DURING; i++) {
			direct.emitMessage(event("during-" + i));
			expectedEvents.add("during-" + i);
		}
		await().during(OUTAGE)
			.atMost(OUTAGE.plusSeconds(1))
			.until(() -> Status.DOWN.equals(callerHealth.health().getStatus())
					&& Status.DOWN.equals(responderHealth.health().getStatus()));

		this.proxy.restore();
		long restoredAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Status.UP.equals(callerHealth.health().getStatus())
					&& Status.UP.equals(responderHealth.health().getStatus()));
		long upMs = millisSince(restoredAt);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.invocations.stream()
				.anyMatch((invocation) -> invocation.startedAt > restoredAt && invocation.is(Outcome.SUCCESS)));
		long firstSuccessMs = millisSince(restoredAt);
		long recoveredAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(events.distinct()).containsAll(expectedEvents));
		long eventsMs = millisSince(restoredAt);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.invocations.stream()
				.filter((invocation) -> invocation.startedAt > recoveredAt && invocation.isDone())
				.count() >= 50);
		stopLoad();

		// none hangs: every invocation ends within its timeout and the margin
		Duration bound = COMMAND_TIMEOUT.plus(MARGIN);
		await().atMost(bound)
			.untilAsserted(() -> assertThat(this.invocations).as("invocations not ended %s after the load stopped",
					bound)
				.filteredOn((invocation) -> !invocation.isDone())
				.isEmpty());
		assertThat(this.invocations).as("invocations that took longer than %s", bound)
			.filteredOn((invocation) -> invocation.duration().compareTo(bound) > 0)
			.isEmpty();
		assertThat(this.invocations).as("invocations ending otherwise than with their response, 504 or 503")
			.filteredOn((invocation) -> invocation.outcome() == Outcome.UNEXPECTED)
			.isEmpty();
		assertThat(this.invocations).filteredOn((invocation) -> invocation.startedAt > recoveredAt).isNotEmpty();
		assertThat(this.invocations).as("invocations started after the first answer following the restore that failed")
			.filteredOn((invocation) -> invocation.startedAt > recoveredAt && invocation.outcome() != Outcome.SUCCESS)
			.isEmpty();
		Map<Outcome, Long> outcomes = outcomes(Long.MIN_VALUE, Long.MAX_VALUE);
		assertThat(outcomes.getOrDefault(Outcome.NOT_SENT, 0L) + outcomes.getOrDefault(Outcome.TIMED_OUT, 0L))
			.as("invocations that failed in the outage")
			.isPositive();

		// the durable subscription got every event; those delivered but unacknowledged at the cut come again
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(events.distinct()).isEqualTo(expectedEvents));
		int duplicates = events.processed.size() - expectedEvents.size();
		assertThat(duplicates).as("events processed twice (delivered before the cut, not acknowledged)")
			.isBetween(CONSUMERS, EVENTS_BEFORE);
		assertThat(caller.isHealthy()).isTrue();
		assertThat(responder.isHealthy()).isTrue();

		logger.info("AMQP reconnect figures: " + this.invocations.size() + " invocations by " + LOAD_THREADS
				+ " threads, outcomes " + outcomes + " (started before the cut " + outcomes(Long.MIN_VALUE, cutAt)
				+ ", while cut " + outcomes(cutAt, restoredAt) + ", after the restore until the first answer "
				+ outcomes(restoredAt, recoveredAt) + ", afterwards " + outcomes(recoveredAt, Long.MAX_VALUE)
				+ "), answered before the cut in " + percentileMs(cutAt, 50) + " ms (median), "
				+ percentileMs(cutAt, 99) + " ms (99th percentile), longest " + longestMs() + " ms (timeout "
				+ COMMAND_TIMEOUT.toMillis() + " ms); health DOWN " + downMs + " ms after the cut; " + failedEmits
				+ " of 5 emits while cut failed, slowest in " + slowestEmitMs + " ms; outage " + OUTAGE.toMillis()
				+ " ms; after the restore health UP in " + upMs + " ms, first command answered in " + firstSuccessMs
				+ " ms, all " + expectedEvents.size() + " events processed in " + eventsMs + " ms (" + duplicates
				+ " twice)");
	}

	/**
	 * An outage that refuses nothing but drops every packet: the caller learns of it from missed heartbeats (1 s
	 * here), and while it reconnects a connection attempt would hang in the RabbitMQ client's handshake timeout
	 * (10 s by default). Invocations and emits must not wait for that on the caller's thread.
	 */
	@Test
	void whileTheNetworkDropsEverythingInvocationsAndEmitsFailAtOnceAndRecoverAfterwards() throws Exception {
		AmqpEventBridge responder = this.rabbit.bridge(options());
		this.bridges.add(responder);
		responder.start();
		responder.registerCommand(this.echo, (command) -> CompletableFuture.completedFuture(
				Messages.success(command, responder.instanceId(), command.payload().payload(), null, null)),
				CommandOptions.DEFAULTS);
		AmqpEventBridge caller = proxiedBridge(1);
		HealthIndicator callerHealth = new EventBridgeHealthIndicator(caller);
		invoke(caller);
		await().atMost(COMMAND_TIMEOUT.plus(MARGIN)).until(() -> this.invocations.get(0).is(Outcome.SUCCESS));

		this.proxy.blackHole();
		long droppedAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(15)).until(() -> callerHealth.health().getStatus() == Status.DOWN);
		long downMs = millisSince(droppedAt);
		long invokedAt = System.nanoTime();
		invoke(caller);
		Invocation during = this.invocations.get(1);
		long invokeReturnedMs = millisSince(invokedAt);
		await().atMost(COMMAND_TIMEOUT.plus(MARGIN)).until(during::isDone);
		assertThat(during.outcome()).isEqualTo(Outcome.NOT_SENT);
		long emittedAt = System.nanoTime();
		caller.emitMessage(event("kept"));
		long emitMs = millisSince(emittedAt);
		assertThat(caller.outboundStatus()).hasValueSatisfying(
				(outbound) -> assertThat(outbound.bufferedMessages()).as("the event waits for the reconnect").isOne());
		assertThat(Duration.ofMillis(invokeReturnedMs)).as("invoke returned").isLessThan(MARGIN);
		assertThat(during.duration()).as("invocation ended").isLessThan(MARGIN);
		assertThat(Duration.ofMillis(emitMs)).as("emit returned").isLessThan(MARGIN);

		this.proxy.restore();
		long restoredAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(30)).until(() -> callerHealth.health().getStatus() == Status.UP);
		long upMs = millisSince(restoredAt);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(caller.outboundStatus())
			.hasValueSatisfying((outbound) -> assertThat(outbound.publishedAfterWaiting()).isOne()));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			invoke(caller);
			Invocation latest = this.invocations.get(this.invocations.size() - 1);
			await().atMost(COMMAND_TIMEOUT.plus(MARGIN)).until(latest::isDone);
			return latest.is(Outcome.SUCCESS);
		});
		logger.info("AMQP black hole figures: health DOWN " + downMs + " ms after packets were dropped (heartbeat 1 s); "
				+ "then invoke returned in " + invokeReturnedMs + " ms and its invocation ended with 503 in "
				+ during.duration().toMillis() + " ms, emit was buffered in " + emitMs + " ms; after the restore health UP in "
				+ upMs + " ms, first answer " + millisSince(restoredAt) + " ms after the restore");
	}

	/**
	 * A bridge whose connections, the plain one and the confirming one, both go through the proxy.
	 */
	private AmqpEventBridge proxiedBridge() {
		return proxiedBridge(0);
	}

	/**
	 * A bridge whose connections go through the proxy, asking for heartbeats every so many seconds ({@code 0}:
	 * the connection factory's default).
	 */
	private AmqpEventBridge proxiedBridge(int heartbeatSeconds) {
		CachingConnectionFactory plain = proxiedConnectionFactory();
		CachingConnectionFactory confirming = proxiedConnectionFactory();
		confirming.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		if (heartbeatSeconds > 0) {
			plain.setRequestedHeartBeat(heartbeatSeconds);
			confirming.setRequestedHeartBeat(heartbeatSeconds);
		}
		AmqpEventBridge bridge = new AmqpEventBridge(plain, confirming, new MessageCodec(), options());
		this.bridges.add(bridge);
		bridge.start();
		return bridge;
	}

	private static AmqpEventBridgeOptions options() {
		return AmqpEventBridgeOptions.builder()
			.defaultCommandTimeout(COMMAND_TIMEOUT)
			.consumersPerQueue(CONSUMERS)
			.prefetch(10)
			.settleTimeout(Duration.ofMillis(200))
			.build();
	}

	private CachingConnectionFactory proxiedConnectionFactory() {
		CachingConnectionFactory connectionFactory = RabbitTestSupport.connectionFactory("127.0.0.1",
				this.proxy.port(), this.rabbit.address);
		connectionFactory.setConnectionTimeout(2000);
		this.proxiedFactories.add(connectionFactory);
		return connectionFactory;
	}

	private Message event(String payload) {
		return Messages.custom(this.gateway, this.eventName, payload, null, null, null, null);
	}

	private void startLoad(AmqpEventBridge caller) {
		this.load = Executors.newScheduledThreadPool(LOAD_THREADS, (runnable) -> {
			Thread thread = new Thread(runnable, "reconnect-load");
			thread.setDaemon(true);
			return thread;
		});
		IntStream.range(0, LOAD_THREADS)
			.forEach((thread) -> this.load.scheduleAtFixedRate(() -> invoke(caller), thread * 10L,
					LOAD_PERIOD.toMillis(), TimeUnit.MILLISECONDS));
	}

	private void stopLoad() throws InterruptedException {
		this.load.shutdown();
		assertThat(this.load.awaitTermination(10, TimeUnit.SECONDS)).as("load threads stopped").isTrue();
	}

	private void invoke(AmqpEventBridge caller) {
		String payload = "command-" + this.invocationNumbers.incrementAndGet();
		long startedAt = System.nanoTime();
		CompletableFuture<CommandSuccessResponse> future;
		try {
			future = caller.invoke(Messages.command(this.gateway, this.echo, payload, null, null, null, null, null),
					COMMAND_TIMEOUT);
		}
		catch (RuntimeException ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		Invocation invocation = new Invocation(payload, startedAt, future);
		future.whenComplete((response, error) -> invocation.finishedAt = System.nanoTime());
		this.invocations.add(invocation);
	}

	private Map<Outcome, Long> outcomes(long startedFrom, long startedBefore) {
		return this.invocations.stream()
			.filter((invocation) -> invocation.startedAt >= startedFrom && invocation.startedAt < startedBefore)
			.collect(Collectors.groupingBy(Invocation::outcome, Collectors.counting()));
	}

	private long count(Outcome outcome) {
		return this.invocations.stream().filter((invocation) -> invocation.is(outcome)).count();
	}

	private long percentileMs(long startedBefore, int percentile) {
		List<Long> millis = this.invocations.stream()
			.filter((invocation) -> invocation.startedAt < startedBefore && invocation.is(Outcome.SUCCESS))
			.map((invocation) -> invocation.duration().toMillis())
			.sorted()
			.toList();
		return millis.isEmpty() ? 0 : millis.get((millis.size() - 1) * percentile / 100);
	}

	private long longestMs() {
		return this.invocations.stream().map(Invocation::duration).mapToLong(Duration::toMillis).max().orElse(0);
	}

	private static String text(@Nullable Object value) {
		return (value instanceof JsonNode node && node.isString()) ? node.asString() : String.valueOf(value);
	}

	private static long millisSince(long nanoTime) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
	}

	enum Outcome {

		/** The response, carrying this invocation's own payload. */
		SUCCESS,

		/** 504 at the invocation's timeout. */
		TIMED_OUT,

		/** 503: the command could not be sent. */
		NOT_SENT,

		/** Anything else: a wrong payload, another error. */
		UNEXPECTED

	}

	/**
	 * One invocation of the load: when it started and ended, and how.
	 */
	static final class Invocation {

		final String payload;

		final long startedAt;

		final CompletableFuture<CommandSuccessResponse> future;

		volatile long finishedAt;

		Invocation(String payload, long startedAt, CompletableFuture<CommandSuccessResponse> future) {
			this.payload = payload;
			this.startedAt = startedAt;
			this.future = future;
		}

		boolean isDone() {
			return this.finishedAt != 0;
		}

		boolean is(Outcome outcome) {
			return isDone() && outcome() == outcome;
		}

		Duration duration() {
			return Duration.ofNanos(this.finishedAt - this.startedAt);
		}

		Outcome outcome() {
			Throwable error = this.future.handle((response, failure) -> failure).join();
			if (error == null) {
				return this.payload.equals(text(this.future.join().payload())) ? Outcome.SUCCESS : Outcome.UNEXPECTED;
			}
			if (error instanceof CommandTimeoutException timeout && timeout.getStatus() == 504) {
				return Outcome.TIMED_OUT;
			}
			if (error instanceof UnhandledException unhandled && unhandled.getStatus() == 503) {
				return Outcome.NOT_SENT;
			}
			return Outcome.UNEXPECTED;
		}

		@Override
		public String toString() {
			String state = isDone() ? outcome() + " after " + duration().toMillis() + " ms"
					: "pending since " + millisSince(this.startedAt) + " ms";
			return this.payload + " (" + state + ", " + this.future.handle((response, failure) -> failure).getNow(null)
					+ ")";
		}

	}

	/**
	 * The subscription's handler: records each event's payload; while its gate is held, handlers wait.
	 */
	static final class HoldingRecorder implements SubscriptionHandler {

		final List<String> processed = new CopyOnWriteArrayList<>();

		final HandlerGate gate = new HandlerGate();

		Set<String> distinct() {
			return this.processed.stream().collect(Collectors.toSet());
		}

		@Override
		public CompletableFuture<SubscriptionResult> handle(Message message) {
			try {
				this.gate.pass();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return CompletableFuture.failedFuture(ex);
			}
			this.processed.add(text(message.payload()));
			return CompletableFuture.completedFuture(SubscriptionResult.ack());
		}

	}

}
