package dev.purista.aws.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.awspring.cloud.autoconfigure.config.secretsmanager.SecretsManagerAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.purista.aws.AwsSecretStore;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemorySecretStore;
import dev.purista.test.aws.SecretsManagerEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaAwsSecretStoreAutoConfiguration} with Spring Cloud AWS's auto-configuration, whose
 * {@link SecretsManagerClient} ({@code spring.cloud.aws.*}) talks to the {@link SecretsManagerEmulator}.
 */
class PuristaAwsSecretStoreAutoConfigurationIntegrationTests {

	private static SecretsManagerEmulator emulator;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class,
				PuristaAwsSecretStoreAutoConfiguration.class, PuristaFoundationAutoConfiguration.class,
				SecretsManagerAutoConfiguration.class, AwsAutoConfiguration.class,
				CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class))
		.withPropertyValues("spring.cloud.aws.secretsmanager.endpoint=" + emulator.endpoint(),
				"spring.cloud.aws.region.static=eu-central-1", "spring.cloud.aws.credentials.access-key=test",
				"spring.cloud.aws.credentials.secret-key=test");

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = SecretsManagerEmulator.start();
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
		emulator.putSecret("purista/api-key", "k3y");
	}

	@Test
	void awsTypeWiresTheCachedStoreOnSpringCloudAwssClientForTheServices() {
		this.runner.withPropertyValues("purista.secret-store.type=aws").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SecretsManagerClient.class);
			SecretStore store = context.getBean(ServiceEnvironment.class).secretStore();
			assertThat(store).isSameAs(context.getBean(SecretStore.class)).isInstanceOf(CachingSecretStore.class);
			assertThat(((CachingSecretStore) store).delegate()).isInstanceOf(AwsSecretStore.class);
			assertThat(store.getSecret("purista/api-key")).containsEntry("purista/api-key", "k3y");
			assertThat(store.getSecret("purista/api-key")).containsEntry("purista/api-key", "k3y");
			assertThat(emulator.calls()).hasSize(1);
		});
	}

	@Test
	void secretsManagerClientIsBuiltOnTheFirstSecretReadNotAtStartUp() {
		this.runner.withPropertyValues("purista.secret-store.type=aws").run((context) -> {
			String client = context.getBeanNamesForType(SecretsManagerClient.class)[0];
			assertThat(context.getBeanFactory().containsSingleton(client)).as("built at start-up").isFalse();
			SecretStore store = context.getBean(SecretStore.class);
			assertThat(store.getSecret("purista/api-key")).containsEntry("purista/api-key", "k3y");
			assertThat(context.getBeanFactory().containsSingleton(client)).isTrue();
			assertThat(context.getBean(SecretsManagerClient.class)).isSameAs(context.getBean(client));
		});
	}

	@Test
	void secretsManagerClientIsBuiltAtStartUpWhenTheLazyClientIsSwitchedOff() {
		this.runner.withPropertyValues("purista.secret-store.type=aws", "purista.aws.secrets.lazy-client=false")
			.run((context) -> assertThat(context.getBeanFactory()
				.containsSingleton(context.getBeanNamesForType(SecretsManagerClient.class)[0])).isTrue());
	}

	@Test
	void propertiesSetTheCacheAndTheEnabledOperations() {
		this.runner
			.withPropertyValues("purista.secret-store.type=aws", "purista.aws.secrets.cache-enabled=false",
					"purista.aws.secrets.enable-set=true")
			.run((context) -> {
				SecretStore store = context.getBean(SecretStore.class);
				assertThat(store).isInstanceOf(AwsSecretStore.class);
				assertThat(((AwsSecretStore) store).options()).isEqualTo(StoreOptions.secretDefaults()
					.toBuilder()
					.enableSet(true)
					.cacheTtl(Duration.ofMinutes(5))
					.build());
				store.setSecret("written", "w");
				assertThat(emulator.secretValue("written")).contains("w");
			});
	}

	@Test
	void cacheTtlDefaultsToFiveMinutes() {
		assertThat(new PuristaAwsProperties().getSecrets().toStoreOptions()).isEqualTo(StoreOptions.secretDefaults()
			.toBuilder()
			.enableCache(true)
			.cacheTtl(Duration.ofMinutes(5))
			.build());
	}

	@Test
	void otherTypesKeepTheInMemoryStore() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SecretStore.class)).isInstanceOf(InMemorySecretStore.class);
		});
	}

	@Test
	void aSecretStoreOfTheApplicationWins() {
		this.runner.withPropertyValues("purista.secret-store.type=aws")
			.withUserConfiguration(UserSecretStoreConfiguration.class)
			.run((context) -> assertThat(context.getBean(ServiceEnvironment.class).secretStore())
				.isSameAs(UserSecretStoreConfiguration.STORE));
	}

	@Test
	void ordersItselfAfterTheFoundationAndSpringCloudAwsAndBeforeTheServices() {
		this.runner.run((context) -> assertThat(List.of(context.getBeanDefinitionNames())).containsSubsequence(
				PuristaFoundationAutoConfiguration.class.getName(), SecretsManagerAutoConfiguration.class.getName(),
				PuristaAwsSecretStoreAutoConfiguration.class.getName(), PuristaAutoConfiguration.class.getName()));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSecretStoreConfiguration {

		static final SecretStore STORE = new InMemorySecretStore();

		@Bean
		SecretStore userSecretStore() {
			return STORE;
		}

	}

}
