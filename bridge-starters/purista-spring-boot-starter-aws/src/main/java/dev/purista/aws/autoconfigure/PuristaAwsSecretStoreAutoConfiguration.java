package dev.purista.aws.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.purista.aws.AwsSecretStore;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;

/**
 * The AWS Secrets Manager secret store, selected with {@code purista.secret-store.type=aws} (the
 * {@code production} and {@code serverless} presets), on the {@link SecretsManagerClient} Spring Cloud AWS
 * configures from {@code spring.cloud.aws.*}; no second client is built. Cached as
 * {@code purista.aws.secrets.*} says (on by default). Runs after {@link PuristaFoundationAutoConfiguration} and
 * Spring Cloud AWS's Secrets Manager auto-configuration, and before {@link PuristaAutoConfiguration}, whose
 * in-memory fallback it takes the place of. A {@link SecretStore} bean of the application wins.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class,
		afterName = "io.awspring.cloud.autoconfigure.config.secretsmanager.SecretsManagerAutoConfiguration")
@EnableConfigurationProperties(PuristaAwsProperties.class)
public final class PuristaAwsSecretStoreAutoConfiguration {

	@Bean
	@ConditionalOnBean(SecretsManagerClient.class)
	@ConditionalOnMissingBean(SecretStore.class)
	@ConditionalOnProperty(name = "purista.secret-store.type", havingValue = "aws")
	SecretStore puristaAwsSecretStore(SecretsManagerClient client, PuristaAwsProperties properties) {
		StoreOptions options = properties.getSecrets().toStoreOptions();
		return CachingSecretStore.wrapIfEnabled(new AwsSecretStore(client, options), options);
	}

}
