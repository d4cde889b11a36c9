package dev.purista.dapr.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.health.PuristaHealthAutoConfiguration;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemorySecretStore;
import dev.purista.dapr.DaprSecretStore;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.Fault;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaDaprSecretStoreAutoConfiguration}: selected by {@code purista.secret-store.type=dapr},
 * configured by {@code purista.dapr.*}, talking to the {@link DaprStateApiEmulator} (a local emulator of Dapr's
 * HTTP APIs, not Dapr).
 */
class PuristaDaprSecretStoreAutoConfigurationTests {

	private static DaprStateApiEmulator emulator;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaDaprSecretStoreAutoConfiguration.class,
					PuristaFoundationAutoConfiguration.class));

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = DaprStateApiEmulator.start();
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
	}

	@Test
	void daprTypeWiresTheReadOnlyDaprSecretStoreForTheServicesOnTheConfiguredSidecar() {
		emulator.putSecret("vault", "db-password", "pa55");
		this.runner
			.withPropertyValues("purista.secret-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort(),
					"purista.dapr.secret-store-name=vault", "purista.dapr.api-token=t0ken")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SecretStore store = context.getBean(ServiceEnvironment.class).secretStore();
				assertThat(store).isSameAs(context.getBean(SecretStore.class)).isInstanceOf(DaprSecretStore.class);
				assertThat(((DaprSecretStore) store).options()).isEqualTo(StoreOptions.secretDefaults());
				assertThat(store.getSecret("db-password")).containsEntry("db-password", "pa55");
				RecordedRequest request = emulator.requests().get(0);
				assertThat(request).hasToString("GET /v1.0/secrets/vault/db-password");
				assertThat(request.header("dapr-api-token")).isEqualTo("t0ken");
			});
	}

	@Test
	void theDefaultComponentNameIsTypeScriptsSecretStore() {
		this.runner.withPropertyValues("purista.secret-store.type=dapr")
			.withSystemProperties("DAPR_HTTP_PORT=" + emulator.httpPort())
			.run((context) -> {
				context.getBean(SecretStore.class).getSecret("k");
				assertThat(emulator.requests()).map(RecordedRequest::toString)
					.containsExactly("GET /v1.0/secrets/secretStore/k");
			});
	}

	@Test
	void puristaHealthReportsTheSecretStoreDownWhileTheSidecarIsUnavailable() {
		this.runner.withConfiguration(AutoConfigurations.of(PuristaHealthAutoConfiguration.class))
			.withPropertyValues("purista.secret-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort())
			.run((context) -> {
				HealthIndicator secretStore = (HealthIndicator) context.getBean(PuristaHealthContributor.class)
					.getContributor("secretStore");
				assertThat(secretStore).isNotNull();
				assertThat(secretStore.health().getStatus()).isEqualTo(Status.UP);
				emulator.inject(Fault.serviceUnavailable());
				assertThat(secretStore.health().getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void otherTypesKeepTheInMemoryStore() {
		this.runner.withPropertyValues("purista.dapr.http-port=" + emulator.httpPort()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DaprSecretStore.class);
			assertThat(context.getBean(SecretStore.class)).isInstanceOf(InMemorySecretStore.class);
		});
	}

	@Test
	void aSecretStoreOfTheApplicationWins() {
		this.runner.withPropertyValues("purista.secret-store.type=dapr")
			.withUserConfiguration(UserSecretStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DaprSecretStore.class);
				assertThat(context.getBean(ServiceEnvironment.class).secretStore())
					.isSameAs(UserSecretStoreConfiguration.STORE);
			});
	}

	@Test
	void theComponentNameIsDescribedInTheConfigurationMetadata() throws IOException {
		String metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"purista.dapr.secret-store-name\"");
		assertThat(new PuristaDaprProperties().getSecretStoreName()).isEqualTo("secretStore");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSecretStoreConfiguration {

		static final SecretStore STORE = new InMemorySecretStore(StoreOptions.secretDefaults(), Map.of());

		@Bean
		SecretStore userSecretStore() {
			return STORE;
		}

	}

}
