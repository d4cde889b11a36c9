package dev.purista.boot.health;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a state, config or secret store: {@code UP} when the store says it is healthy (e.g. a Redis store
 * whose Redis answers), {@code DOWN} otherwise; details are the store's name and the configured type. Values
 * are never read: in particular no secret is fetched to check the secret store.
 */
public class StoreHealthIndicator implements HealthIndicator {

	private final Supplier<String> name;

	private final BooleanSupplier healthy;

	private final String type;

	/**
	 * Create the indicator.
	 * @param name the store's name, e.g. {@code store::name}
	 * @param healthy the store's health check, e.g. {@code store::isHealthy}
	 * @param type the configured type, e.g. {@code in-memory}
	 */
	public StoreHealthIndicator(Supplier<String> name, BooleanSupplier healthy, String type) {
		this.name = name;
		this.healthy = healthy;
		this.type = type;
	}

	@Override
	public Health health() {
		try {
			Health.Builder health = this.healthy.getAsBoolean() ? Health.up() : Health.down();
			return health.withDetail("name", this.name.get()).withDetail("type", this.type).build();
		}
		catch (RuntimeException ex) {
			return HealthSupport.failed(this.type, ex);
		}
	}

}
