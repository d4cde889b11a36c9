package dev.purista.boot.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceRuntime;

/**
 * Health of one running PURISTA service: {@code UP} while it is started, {@code OUT_OF_SERVICE} once it was
 * destroyed. Details: name, version, how many commands, subscriptions and queue workers it has and how many
 * queue jobs it is processing.
 */
public class ServiceHealthIndicator implements HealthIndicator {

	private final ServiceRuntime runtime;

	/**
	 * Create the indicator.
	 * @param runtime the service
	 */
	public ServiceHealthIndicator(ServiceRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Health health() {
		ServiceDefinition definition = this.runtime.definition();
		return (this.runtime.isStarted() ? Health.up() : Health.outOfService())
			.withDetail("name", definition.info().name())
			.withDetail("version", definition.info().version())
			.withDetail("commands", definition.commands().size())
			.withDetail("subscriptions", definition.subscriptions().size())
			.withDetail("queueWorkers", definition.queueWorkers().size())
			.withDetail("queueJobsInFlight", this.runtime.queueJobsInFlight())
			.build();
	}

}
