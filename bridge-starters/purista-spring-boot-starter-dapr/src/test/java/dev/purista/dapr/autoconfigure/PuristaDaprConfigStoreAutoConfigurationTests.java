package dev.purista.dapr.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.health.PuristaHealthAutoConfiguration;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemoryConfigStore;
import dev.purista.dapr.DaprConfigStore;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.Fault;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Wiring of {@link PuristaDaprConfigStoreAutoConfiguration}: selected by {@code purista.config-store.type=dapr},
 * configured by {@code purista.dapr.*}, talking to the {@link DaprStateApiEmulator} (a local emulator of Dapr's
 * HTTP APIs, not Dapr).
 */
class PuristaDaprConfigStoreAutoConfigurationTests {

	private static DaprStateApiEmulator emulator;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaDaprConfigStoreAutoConfiguration.class,
					PuristaDaprStateStoreAutoConfiguration.class, PuristaFoundationAutoConfiguration.class));

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
	void daprTypeWiresTheReadOnlyDaprConfigStoreForTheServicesOnTheConfiguredSidecar() {
		emulator.putConfiguration("edge-config", "feature", "\"on\"");
		this.runner
			.withPropertyValues("purista.config-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort(),
					"purista.dapr.config-store-name=edge-config", "purista.dapr.api-token=t0ken")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ConfigStore store = context.getBean(ServiceEnvironment.class).configStore();
				assertThat(store).isSameAs(context.getBean(ConfigStore.class)).isInstanceOf(DaprConfigStore.class);
				assertThat(((DaprConfigStore) store).options()).isEqualTo(StoreOptions.configDefaults());
				Map<String, @Nullable Object> values = store.getConfig("feature");
				assertThat(values.get("feature")).hasToString("\"on\"");
				RecordedRequest request = emulator.requests().get(0);
				assertThat(request).hasToString("GET /v1.0-alpha1/configuration/edge-config?key=feature");
				assertThat(request.header("dapr-api-token")).isEqualTo("t0ken");
				assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.setConfig("feature", "x"))
					.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
			});
	}

	@Test
	void theDefaultComponentNameIsTypeScriptsConfigStore() {
		this.runner.withPropertyValues("purista.config-store.type=dapr")
			.withSystemProperties("DAPR_HTTP_PORT=" + emulator.httpPort())
			.run((context) -> {
				context.getBean(ConfigStore.class).getConfig("k");
				assertThat(emulator.requests()).map(RecordedRequest::toString)
					.containsExactly("GET /v1.0-alpha1/configuration/configStore?key=k");
			});
		assertThat(new PuristaDaprProperties().getConfigStoreName()).isEqualTo("configStore");
	}

	@Test
	void puristaHealthReportsTheConfigStoreDownWhileTheSidecarIsUnavailable() {
		this.runner.withConfiguration(AutoConfigurations.of(PuristaHealthAutoConfiguration.class))
			.withPropertyValues("purista.config-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort())
			.run((context) -> {
				HealthIndicator configStore = (HealthIndicator) context.getBean(PuristaHealthContributor.class)
					.getContributor("configStore");
				assertThat(configStore).isNotNull();
				Health up = configStore.health();
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("name", DaprConfigStore.NAME).containsEntry("type", "dapr");
				emulator.inject(Fault.serviceUnavailable());
				assertThat(configStore.health().getStatus()).isEqualTo(Status.DOWN);
				emulator.clearFaults();
				assertThat(configStore.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void otherTypesKeepTheInMemoryStore() {
		this.runner.withPropertyValues("purista.state-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DaprConfigStore.class);
				assertThat(context.getBean(ConfigStore.class)).isInstanceOf(InMemoryConfigStore.class);
			});
	}

	@Test
	void aConfigStoreOfTheApplicationWins() {
		this.runner.withPropertyValues("purista.config-store.type=dapr")
			.withUserConfiguration(UserConfigStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DaprConfigStore.class);
				assertThat(context.getBean(ServiceEnvironment.class).configStore())
					.isSameAs(UserConfigStoreConfiguration.STORE);
			});
	}

	@Test
	void theComponentNameIsDescribedInTheConfigurationMetadata() throws IOException {
		String metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"purista.dapr.config-store-name\"");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfigStoreConfiguration {

		static final ConfigStore STORE = new InMemoryConfigStore(StoreOptions.configDefaults(), Map.of(),
				new MessageCodec());

		@Bean
		ConfigStore userConfigStore() {
			return STORE;
		}

	}

}
