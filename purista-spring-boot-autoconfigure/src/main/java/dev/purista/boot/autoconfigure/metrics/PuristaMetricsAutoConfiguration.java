package dev.purista.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.boot.metrics.PuristaOutboundMetrics;
import dev.purista.boot.metrics.PuristaQueueMetrics;

/**
 * Auto-configuration of PURISTA's queue gauges ({@link PuristaQueueMetrics}) and outbound buffer meters
 * ({@link PuristaOutboundMetrics}) when the application has a
 * {@link MeterRegistry}, for example from Spring Boot Actuator's metrics auto-configuration
 * ({@code spring-boot-starter-actuator}). Spring Boot binds the {@link MeterBinder} to its registry.
 */
@AutoConfiguration(after = PuristaAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({ MeterRegistry.class, PuristaServices.class })
public final class PuristaMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PuristaQueueMetrics puristaQueueMetrics(PuristaServices services) {
		return new PuristaQueueMetrics(services.environment(), services::runtimes);
	}

	@Bean
	@ConditionalOnMissingBean
	PuristaOutboundMetrics puristaOutboundMetrics(PuristaServices services) {
		return new PuristaOutboundMetrics(services.environment().eventBridge());
	}

}
