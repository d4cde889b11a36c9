package dev.purista.mqtt.autoconfigure.health;

import java.util.Map;

import com.hivemq.client.mqtt.MqttClientState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.purista.mqtt.MqttEventBridge;

/**
 * Health of the {@link MqttEventBridge}'s two MQTT connections: {@code UP} while both are connected, {@code DOWN}
 * before the bridge was started and while either is disconnected or reconnecting. Details: the broker address,
 * each connection's client identifier and state, and the outbound buffer's size. Never blocks.
 */
public class MqttConnectionHealthIndicator implements HealthIndicator {

	private final MqttEventBridge bridge;

	/**
	 * Create the indicator.
	 * @param bridge the bridge whose connections to report on
	 */
	public MqttConnectionHealthIndicator(MqttEventBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public Health health() {
		MqttClientState connection = this.bridge.connectionState();
		MqttClientState shared = this.bridge.sharedConnectionState();
		if (connection == null || shared == null) {
			return Health.down().withDetail("status", "NOT_STARTED").build();
		}
		Health.Builder health = (connection.isConnected() && shared.isConnected()) ? Health.up() : Health.down();
		health.withDetail("server", this.bridge.server().toString())
			.withDetail("connection", connection(this.bridge.instanceId(), connection))
			.withDetail("sharedConnection", connection(this.bridge.sharedClientIdentifier(), shared));
		this.bridge.outboundStatus()
			.ifPresent((status) -> health.withDetail("outboundBufferedMessages", status.bufferedMessages()));
		return health.build();
	}

	private static Map<String, Object> connection(String clientId, @Nullable MqttClientState state) {
		return Map.of("clientId", clientId, "state", String.valueOf(state));
	}

}
