package dev.purista.dapr.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.dapr.DaprHttpClients;
import dev.purista.dapr.DaprSecretStore;

/**
 * The Dapr secret store, selected with {@code purista.secret-store.type=dapr}: reads Dapr's secret store
 * component {@code purista.dapr.secret-store-name} (TypeScript's default {@code secretStore}) on the sidecar
 * {@code purista.dapr.*} describes, with PURISTA's secret store defaults (only reading enabled, no cache). Its
 * health is the sidecar's {@code /v1.0/healthz}, reported by PURISTA's health contributor. Runs before
 * {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of. A {@link SecretStore} bean of
 * the application wins.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class)
@EnableConfigurationProperties(PuristaDaprProperties.class)
public final class PuristaDaprSecretStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecretStore.class)
	@ConditionalOnProperty(name = "purista.secret-store.type", havingValue = "dapr")
	DaprSecretStore puristaDaprSecretStore(PuristaDaprProperties properties, Environment environment) {
		RestClient client = DaprHttpClients.create(PuristaDaprStateStoreAutoConfiguration.baseUrl(properties,
				environment), PuristaDaprStateStoreAutoConfiguration.apiToken(properties, environment),
				properties.getConnectTimeout(), properties.getReadTimeout());
		return new DaprSecretStore(client, properties.getSecretStoreName(), StoreOptions.secretDefaults());
	}

}
