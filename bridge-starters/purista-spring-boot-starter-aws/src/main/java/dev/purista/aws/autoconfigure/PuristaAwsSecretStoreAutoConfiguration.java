package dev.purista.aws.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
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
	SecretStore puristaAwsSecretStore(ObjectProvider<SecretsManagerClient> client, PuristaAwsProperties properties) {
		StoreOptions options = properties.getSecrets().toStoreOptions();
		return CachingSecretStore.wrapIfEnabled(new AwsSecretStore(client::getObject, options), options);
	}

	/**
	 * Make Spring Cloud AWS's Secrets Manager client lazy, so it is built on the first secret read (or when
	 * something else injects it) instead of at start-up: the AWS SDK's classes, its HTTP client and TLS set-up
	 * are a large part of a function's cold start, paid even when no secret is read.
	 * @return the post-processor
	 */
	@Bean
	@ConditionalOnProperty(name = "purista.aws.secrets.lazy-client", havingValue = "true", matchIfMissing = true)
	static BeanFactoryPostProcessor puristaLazySecretsManagerClient() {
		return (beanFactory) -> {
			for (String name : beanFactory.getBeanNamesForType(SecretsManagerClient.class, true, false)) {
				if (beanFactory.containsBeanDefinition(name)) {
					beanFactory.getBeanDefinition(name).setLazyInit(true);
				}
			}
		};
	}

}
