package dev.purista.boot.autoconfigure.endpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.PuristaServices;

/**
 * Auto-configuration of the {@code purista} actuator endpoint. Like every endpoint it exists only when it is
 * accessible and exposed, e.g. {@code management.endpoints.web.exposure.include=health,purista}. Its details
 * are shown as {@link PuristaEndpointProperties} say ({@code management.endpoint.purista.show-details},
 * {@code roles}).
 */
@AutoConfiguration(after = PuristaAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PuristaEndpoint.class)
@EnableConfigurationProperties(PuristaEndpointProperties.class)
public final class PuristaEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(PuristaServices.class)
	@ConditionalOnMissingBean
	ProductionChecklist puristaProductionChecklist(PuristaServices services, PuristaProperties properties,
			Environment environment) {
		return new ProductionChecklist(services, properties, environment);
	}

	@Bean
	@ConditionalOnBean(PuristaServices.class)
	@ConditionalOnMissingBean
	PuristaEndpoint puristaEndpoint(PuristaServices services, PuristaProperties properties,
			ProductionChecklist checklist, Environment environment, PuristaEndpointProperties endpointProperties) {
		return new PuristaEndpoint(services, properties, checklist, environment, endpointProperties.getShowDetails(),
				endpointProperties.getRoles());
	}

}
