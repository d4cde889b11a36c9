package dev.purista.mqtt.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.autoconfigure.PuristaMqttAutoConfiguration;

/**
 * The {@code mqtt} health indicator ({@code /actuator/health/mqtt}) of the MQTT event bridge's connections, when
 * Spring Boot's health support is present, unless {@code management.health.mqtt.enabled=false}.
 */
@AutoConfiguration(after = PuristaMqttAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("mqtt")
public final class PuristaMqttHealthAutoConfiguration {

	@Bean
	@ConditionalOnBean(MqttEventBridge.class)
	@ConditionalOnMissingBean(name = "mqttHealthIndicator")
	MqttConnectionHealthIndicator mqttHealthIndicator(MqttEventBridge bridge) {
		return new MqttConnectionHealthIndicator(bridge);
	}

}
