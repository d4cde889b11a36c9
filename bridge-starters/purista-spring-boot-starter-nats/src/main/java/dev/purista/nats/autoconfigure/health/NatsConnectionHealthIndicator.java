package dev.purista.nats.autoconfigure.health;

import io.nats.client.Connection;
import io.nats.client.api.ServerInfo;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.purista.nats.NatsEventBridge;

/**
 * Health of the {@link NatsEventBridge}'s NATS connection: {@code UP} while it is connected, {@code DOWN} before it
 * was started and while it is disconnected, reconnecting or closed. Details: the connection status and name, and
 * while connected the server's URL, id, version and whether it offers JetStream. Never blocks.
 */
public class NatsConnectionHealthIndicator implements HealthIndicator {

	private final NatsEventBridge bridge;

	/**
	 * Create the indicator.
	 * @param bridge the bridge whose connection to report on
	 */
	public NatsConnectionHealthIndicator(NatsEventBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public Health health() {
		Connection connection = this.bridge.connection();
		if (connection == null) {
			return Health.down().withDetail("status", "NOT_STARTED").build();
		}
		Connection.Status status = connection.getStatus();
		Health.Builder health = ((status == Connection.Status.CONNECTED) ? Health.up() : Health.down())
			.withDetail("status", status.name())
			.withDetail("connectionName", String.valueOf(this.bridge.natsOptions().getConnectionName()));
		if (status == Connection.Status.CONNECTED) {
			ServerInfo server = connection.getServerInfo();
			health.withDetail("url", String.valueOf(connection.getConnectedUrl()))
				.withDetail("serverId", server.getServerId())
				.withDetail("serverVersion", server.getVersion())
				.withDetail("jetStream", server.isJetStreamAvailable());
		}
		return health.build();
	}

}
