package dev.purista.mqtt.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttServer;
import dev.purista.mqtt.MqttTestSupport;
import dev.purista.mqtt.autoconfigure.health.MqttConnectionHealthIndicator;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT connection health through outages: a bridge connected (both connections) through a {@link TcpProxy}
 * reports {@code DOWN} while the proxy is cut and {@code UP} again after each reconnect, and serves commands again
 * afterwards (its {@code $share} command subscription came back with the reconnect).
 */
class MqttConnectionHealthOutageIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private TcpProxy proxy;

	private MqttEventBridge bridge;

	private MqttEventBridge caller;

	@BeforeEach
	void start() {
		MqttTestSupport mqtt = new MqttTestSupport();
		this.proxy = new TcpProxy(mqtt.address.host(), mqtt.address.port()).start();
		MqttServer server = mqtt.server();
		MqttEventBridgeOptions options = MqttEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build();
		this.bridge = new MqttEventBridge(
				new MqttServer("127.0.0.1", this.proxy.port(), server.username(), server.password()),
				new MessageCodec(), options);
		this.bridge.start();
		this.caller = mqtt.bridge(options);
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
		MqttConnectionHealthIndicator indicator = new MqttConnectionHealthIndicator(this.bridge);
		MessageAddress echo = MessageAddress.of("HealthEcho" + Ids.newId().substring(0, 8), "1", "echo");
		this.bridge.registerCommand(echo, (command) -> CompletableFuture.completedFuture(
				Messages.success(command, this.bridge.instanceId(), command.payload().payload(), null, null)),
				CommandOptions.DEFAULTS);
		Health up = indicator.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("server", "127.0.0.1:" + this.proxy.port())
			.containsEntry("connection", Map.of("clientId", this.bridge.instanceId(), "state", "CONNECTED"))
			.containsEntry("sharedConnection",
					Map.of("clientId", this.bridge.instanceId() + "-shared", "state", "CONNECTED"));

		for (int outage = 0; outage < 2; outage++) {
			this.proxy.cutConnections();
			await().atMost(PATIENCE).until(() -> indicator.health().getStatus().equals(Status.DOWN));
			assertThat(this.bridge.isHealthy()).isFalse();
			this.proxy.restore();
			await().atMost(PATIENCE).until(() -> indicator.health().getStatus().equals(Status.UP));
			assertThat(this.bridge.isHealthy()).isTrue();
		}

		Object answer = this.caller
			.invoke(Messages.command(MessageAddress.of("HealthCaller", "1", "test"), echo, "after", null, null, null,
					null, null), Duration.ofSeconds(10))
			.join()
			.payload();
		assertThat(answer.toString()).contains("after");
	}

	@Test
	void healthIsDownBeforeTheBridgeStarted() {
		MqttEventBridge unstarted = new MqttTestSupport().bridge(MqttEventBridgeOptions.defaults());
		try {
			Health health = new MqttConnectionHealthIndicator(unstarted).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("status", "NOT_STARTED");
		}
		finally {
			unstarted.destroy();
		}
	}

}
