package dev.purista.nats.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.nats.client.ConnectionListener;
import io.nats.client.Options;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
import dev.purista.core.message.MessageCodec;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.NatsTestSupport;
import dev.purista.nats.autoconfigure.health.NatsConnectionHealthIndicator;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The NATS connection health through outages: a bridge connected through a {@link TcpProxy} reports {@code DOWN}
 * while the proxy is cut and {@code UP} again after each reconnect (two outages, two reconnects counted by the
 * connection listener of the given options, which the bridge keeps), and serves commands again afterwards.
 */
class NatsConnectionHealthOutageIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private NatsTestSupport nats;

	private TcpProxy proxy;

	private NatsEventBridge bridge;

	private NatsEventBridge caller;

	private final List<ConnectionListener.Events> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		this.nats = new NatsTestSupport();
		this.proxy = new TcpProxy(this.nats.address.host(), this.nats.address.port()).start();
		Options options = new Options.Builder(this.nats.options(this.proxy.port()))
			.connectionListener((connection, event) -> this.events.add(event))
			.build();
		this.bridge = new NatsEventBridge(options, new MessageCodec(),
				NatsEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
		this.bridge.start();
		this.caller = this.nats.bridge(NatsEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
		this.caller.start();
	}

	@AfterEach
	void stop() {
		this.proxy.restore();
		this.caller.destroy();
		this.bridge.destroy();
		this.proxy.close();
	}

	@Test
	void healthGoesDownWhileCutAndUpAfterEachReconnectAndCommandsAreServedAgain() {
		NatsConnectionHealthIndicator indicator = new NatsConnectionHealthIndicator(this.bridge);
		MessageAddress echo = MessageAddress.of("HealthEcho" + Ids.newId().substring(0, 8), "1", "echo");
		this.bridge.registerCommand(echo, (command) -> CompletableFuture.completedFuture(
				Messages.success(command, this.bridge.instanceId(), command.payload().payload(), null, null)),
				CommandOptions.DEFAULTS);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

		for (int outage = 0; outage < 2; outage++) {
			this.proxy.cutConnections();
			await().atMost(PATIENCE).until(() -> indicator.health().getStatus().equals(Status.DOWN));
			assertThat(this.bridge.isHealthy()).isFalse();
			this.proxy.restore();
			await().atMost(PATIENCE).until(() -> indicator.health().getStatus().equals(Status.UP));
			assertThat(this.bridge.isHealthy()).isTrue();
		}

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.events)
				.as("the connection listener of the given options still hears the connection")
				.filteredOn(ConnectionListener.Events.RECONNECTED::equals)
				.hasSize(2));
		assertThat(this.events).filteredOn(ConnectionListener.Events.DISCONNECTED::equals).hasSizeGreaterThanOrEqualTo(2);
		assertThat(indicator.health().getDetails()).containsEntry("status", "CONNECTED");
		Object answer = this.caller
			.invoke(Messages.command(MessageAddress.of("HealthCaller", "1", "test"), echo, "after", null, null, null,
					null, null), Duration.ofSeconds(10))
			.join()
			.payload();
		assertThat(answer.toString()).contains("after");
	}

}
