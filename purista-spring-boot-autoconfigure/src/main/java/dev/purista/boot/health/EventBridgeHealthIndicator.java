package dev.purista.boot.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.purista.core.bridge.EventBridge;

/**
 * Health of the {@link EventBridge}: {@code UP} while the bridge is healthy (connected and able to work),
 * {@code DOWN} otherwise, for example after it was destroyed or lost its connection. Details: bridge name,
 * instance id, transport, readiness, the number of handlers in flight and, for a bridge on a broker, its outbound
 * buffer ({@link dev.purista.core.bridge.OutboundStatus}: what waits to be published after a reconnect, what was
 * refused or lost).
 */
public class EventBridgeHealthIndicator implements HealthIndicator {

	private final EventBridge bridge;

	/**
	 * Create the indicator.
	 * @param bridge the event bridge to report on
	 */
	public EventBridgeHealthIndicator(EventBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public Health health() {
		try {
			boolean healthy = this.bridge.isHealthy();
			Health.Builder health = (healthy ? Health.up() : Health.down()).withDetail("name", this.bridge.name())
				.withDetail("instanceId", this.bridge.instanceId())
				.withDetail("transport", this.bridge.capabilities().transport())
				.withDetail("ready", this.bridge.isReady())
				.withDetail("healthy", healthy)
				.withDetail("inFlight", this.bridge.inFlightCount());
			this.bridge.outboundStatus().ifPresent((outbound) -> health.withDetail("outbound", outbound));
			return health.build();
		}
		catch (RuntimeException ex) {
			return HealthSupport.failed(this.bridge.name(), ex);
		}
	}

}
