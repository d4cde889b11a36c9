package dev.purista.dapr.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;
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
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.dapr.DaprHttpClients;
import dev.purista.dapr.DaprStateStore;

/**
 * The Dapr state store, selected with {@code purista.state-store.type=dapr} (the {@code edge} preset), on the
 * sidecar {@code purista.dapr.*} describes: host {@code 127.0.0.1}, the port from {@code DAPR_HTTP_PORT} (else
 * 3500) and the token from {@code DAPR_API_TOKEN} unless set explicitly. Its health is the sidecar's
 * {@code /v1.0/healthz}, reported by PURISTA's health contributor. Runs after
 * {@link PuristaFoundationAutoConfiguration}, whose codec it uses, and before {@link PuristaAutoConfiguration},
 * whose in-memory fallback it takes the place of. A {@link StateStore} bean of the application wins.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class)
@EnableConfigurationProperties(PuristaDaprProperties.class)
public final class PuristaDaprStateStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(StateStore.class)
	@ConditionalOnProperty(name = "purista.state-store.type", havingValue = "dapr")
	DaprStateStore puristaDaprStateStore(PuristaDaprProperties properties, Environment environment,
			MessageCodec codec) {
		RestClient client = DaprHttpClients.create(baseUrl(properties, environment), apiToken(properties, environment),
				properties.getConnectTimeout(), properties.getReadTimeout());
		return new DaprStateStore(client, properties.getStateStoreName(), codec, StoreOptions.stateDefaults());
	}

	static URI baseUrl(PuristaDaprProperties properties, Environment environment) {
		Integer port = properties.getHttpPort();
		if (port == null) {
			port = environment.getProperty("DAPR_HTTP_PORT", Integer.class, PuristaDaprProperties.DEFAULT_HTTP_PORT);
		}
		return URI.create("http://" + properties.getHost() + ":" + port);
	}

	static @Nullable String apiToken(PuristaDaprProperties properties, Environment environment) {
		String token = properties.getApiToken();
		return (token != null) ? token : environment.getProperty("DAPR_API_TOKEN");
	}

}
