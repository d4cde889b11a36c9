package dev.purista.boot.health;

import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a state, config or secret store. The store SPI has no health check of its own, so the store is
 * {@code UP} whenever its name can be read; details are the store's name and the configured type. Values are
 * never read: in particular no secret is fetched to check the secret store.
 */
public class StoreHealthIndicator implements HealthIndicator {

	private final Supplier<String> name;

	private final String type;

	/**
	 * Create the indicator.
	 * @param name the store's name, e.g. {@code store::name}
	 * @param type the configured type, e.g. {@code in-memory}
	 */
	public StoreHealthIndicator(Supplier<String> name, String type) {
		this.name = name;
		this.type = type;
	}

	@Override
	public Health health() {
		try {
			return Health.up().withDetail("name", this.name.get()).withDetail("type", this.type).build();
		}
		catch (RuntimeException ex) {
			return HealthSupport.failed(this.type, ex);
		}
	}

}
