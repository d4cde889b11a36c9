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
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.dapr.DaprConfigStore;
import dev.purista.dapr.DaprHttpClients;

/**
 * The Dapr config store, selected with {@code purista.config-store.type=dapr} (the {@code edge} preset): reads
 * Dapr's configuration store component {@code purista.dapr.config-store-name} (TypeScript's default
 * {@code configStore}) on the sidecar {@code purista.dapr.*} describes, with PURISTA's config store defaults
 * (only reading enabled). Its health is the sidecar's {@code /v1.0/healthz}, reported by PURISTA's health
 * contributor. Runs after {@link PuristaFoundationAutoConfiguration}, whose codec it uses, and before
 * {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of. A {@link ConfigStore} bean of
 * the application wins.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class)
@EnableConfigurationProperties(PuristaDaprProperties.class)
public final class PuristaDaprConfigStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ConfigStore.class)
	@ConditionalOnProperty(name = "purista.config-store.type", havingValue = "dapr")
	DaprConfigStore puristaDaprConfigStore(PuristaDaprProperties properties, Environment environment,
			MessageCodec codec) {
		RestClient client = DaprHttpClients.create(PuristaDaprStateStoreAutoConfiguration.baseUrl(properties,
				environment), PuristaDaprStateStoreAutoConfiguration.apiToken(properties, environment),
				properties.getConnectTimeout(), properties.getReadTimeout());
		return new DaprConfigStore(client, properties.getConfigStoreName(), codec, StoreOptions.configDefaults());
	}

}
