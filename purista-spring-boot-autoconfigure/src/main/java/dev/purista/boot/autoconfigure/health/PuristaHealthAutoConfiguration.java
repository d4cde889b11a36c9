package dev.purista.boot.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.store.StoreKind;

/**
 * Auto-configuration of the {@code purista} health contributor (event bridge, queue bridge and its queues,
 * stores, running services), available at {@code /actuator/health/purista}. The profile presets add it to
 * the readiness group unless {@code management.health.purista.enabled=false}.
 */
@AutoConfiguration(after = PuristaAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("purista")
public final class PuristaHealthAutoConfiguration {

	@Bean
	@ConditionalOnBean(PuristaServices.class)
	@ConditionalOnMissingBean(name = "puristaHealthContributor")
	PuristaHealthContributor puristaHealthContributor(PuristaServices services, PuristaProperties properties) {
		return new PuristaHealthContributor(services.environment(), services::runtimes,
				(kind) -> storeType(properties, kind));
	}

	private static String storeType(PuristaProperties properties, StoreKind kind) {
		return switch (kind) {
			case STATE -> properties.getStateStore().getType();
			case CONFIG -> properties.getConfigStore().getType();
			case SECRET -> properties.getSecretStore().getType();
		};
	}

}
