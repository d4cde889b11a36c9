package dev.purista.nats.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.autoconfigure.PuristaNatsAutoConfiguration;

/**
 * The {@code nats} health indicator ({@code /actuator/health/nats}) of the NATS event bridge's connection, when
 * Spring Boot's health support is present, unless {@code management.health.nats.enabled=false}.
 */
@AutoConfiguration(after = PuristaNatsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("nats")
public final class PuristaNatsHealthAutoConfiguration {

	@Bean
	@ConditionalOnBean(NatsEventBridge.class)
	@ConditionalOnMissingBean(name = "natsHealthIndicator")
	NatsConnectionHealthIndicator natsHealthIndicator(NatsEventBridge bridge) {
		return new NatsConnectionHealthIndicator(bridge);
	}

}
