package dev.purista.boot.health;

import org.springframework.boot.health.contributor.Health;

/**
 * Shared helpers of the PURISTA health indicators.
 */
final class HealthSupport {

	private HealthSupport() {
	}

	/**
	 * A {@code DOWN} health for a failed check. Only the exception type is reported: messages of client
	 * libraries may quote configuration (connection strings, credentials), which must never reach the health
	 * endpoint.
	 * @param name the name of the checked component
	 * @param ex the failure
	 * @return the health
	 */
	static Health failed(String name, Exception ex) {
		return Health.down().withDetail("name", name).withDetail("error", ex.getClass().getName()).build();
	}

}
