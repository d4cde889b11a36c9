package dev.purista.nats.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.NatsTestSupport;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable subscriptions and commands through a NATS outage of their instance (a {@link TcpProxy} cut while the
 * server and the producers keep running): what was produced before and during the outage is handled once the
 * instance is back, since JetStream keeps it (core NATS would drop it).
 */
class NatsDurableOutageIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final NatsTestSupport nats = new NatsTestSupport();

	private final String prefix = "outdur" + Ids.newId().substring(0, 8);

	private final List<NatsEventBridge> bridges = new ArrayList<>();

	private TcpProxy proxy;

	@BeforeEach
	void startProxy() {
		this.proxy = new TcpProxy(this.nats.address.host(), this.nats.address.port()).start();
	}

	@AfterEach
	void stop() {
		this.proxy.restore();
		this.bridges.forEach(NatsEventBridge::destroy);
		this.proxy.close();
		this.nats.deleteStreams(this.prefix);
	}

	@Test
	void durableSubscriptionMessagesProducedBeforeAndDuringAnOutageAreHandledAfterRecovery() {
		NatsEventBridge subscriber = start(this.proxy.port());
		NatsEventBridge emitter = start(this.nats.address.port());
		CompletableFuture<Void> gate = new CompletableFuture<>();
		Set<String> handled = ConcurrentHashMap.newKeySet();
		subscriber.registerSubscription(SubscriptionRegistration
			.builder(MessageAddress.of(this.prefix + "Audit", "1", "onThingCreated"),
					SubscriptionFilter.event(this.prefix + "ThingCreated"))
			.durable(true)
			.build(), (message) -> gate.thenApply((ignored) -> {
				handled.add(text(message.payload()));
				return SubscriptionResult.ack();
			}));
		for (int i = 0; i < 5; i++) {
			emit(emitter, "before " + i);
		}

		this.proxy.cutConnections();
		await().atMost(PATIENCE).until(() -> !subscriber.isHealthy());
		for (int i = 0; i < 5; i++) {
			emit(emitter, "during " + i);
		}
		gate.complete(null);
		this.proxy.restore();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(handled).containsExactlyInAnyOrder("before 0",
				"before 1", "before 2", "before 3", "before 4", "during 0", "during 1", "during 2", "during 3",
				"during 4"));
	}

	@Test
	void durableCommandsInvokedDuringAnOutageOfTheirInstanceAreAnsweredAfterRecovery() throws Exception {
		NatsEventBridge responder = start(this.proxy.port());
		NatsEventBridge caller = start(this.nats.address.port());
		MessageAddress signUp = MessageAddress.of(this.prefix + "Users", "1", "signUp");
		responder.registerCommand(signUp, (command) -> CompletableFuture.completedFuture(Messages.success(command,
				responder.instanceId(), command.payload().payload(), null, null)),
				CommandOptions.builder().durable(true).build());

		this.proxy.cutConnections();
		await().atMost(PATIENCE).until(() -> !responder.isHealthy());
		List<CompletableFuture<CommandSuccessResponse>> responses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			responses.add(caller.invoke(Messages.command(MessageAddress.of(this.prefix + "Gateway", "1", "call"),
					signUp, "during " + i, null, null, null, null, null), PATIENCE));
		}
		this.proxy.restore();

		List<String> answers = new ArrayList<>();
		for (CompletableFuture<CommandSuccessResponse> response : responses) {
			answers.add(text(response.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload()));
		}
		assertThat(answers).containsExactly("during 0", "during 1", "during 2");
	}

	private void emit(NatsEventBridge emitter, String payload) {
		emitter.emitMessage(Messages.custom(MessageAddress.of(this.prefix + "Things", "1", "createThing"),
				this.prefix + "ThingCreated", payload, null, null, null, null));
	}

	private NatsEventBridge start(int port) {
		NatsEventBridge bridge = new NatsEventBridge(this.nats.options(port), new MessageCodec(),
				NatsEventBridgeOptions.builder()
					.settleTimeout(Duration.ofMillis(200))
					.jetStreamAckWait(Duration.ofSeconds(2))
					.build());
		this.bridges.add(bridge);
		bridge.start();
		return bridge;
	}

	private static String text(@Nullable Object value) {
		return (value instanceof JsonNode node && node.isString()) ? node.asString() : String.valueOf(value);
	}

}
