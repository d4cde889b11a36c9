package dev.purista.dapr.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
import org.springframework.mock.env.MockEnvironment;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.health.PuristaHealthAutoConfiguration;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.memory.InMemoryStateStore;
import dev.purista.dapr.DaprStateStore;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.Fault;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaDaprStateStoreAutoConfiguration}: selected by {@code purista.state-store.type=dapr},
 * configured by {@code purista.dapr.*} with Dapr's {@code DAPR_HTTP_PORT} and {@code DAPR_API_TOKEN} as
 * defaults, talking to the {@link DaprStateApiEmulator} (a local emulator of Dapr's HTTP state API, not Dapr).
 */
class PuristaDaprStateStoreAutoConfigurationTests {

	private static DaprStateApiEmulator emulator;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaDaprStateStoreAutoConfiguration.class,
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
	void daprTypeWiresTheDaprStoreForTheServicesOnTheConfiguredSidecar() {
		this.runner
			.withPropertyValues("purista.state-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort(),
					"purista.dapr.state-store-name=edge-state", "purista.dapr.api-token=t0ken")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StateStore store = context.getBean(ServiceEnvironment.class).stateStore();
				assertThat(store).isSameAs(context.getBean(StateStore.class)).isInstanceOf(DaprStateStore.class);
				store.setState("reading", 21.5);
				assertThat(emulator.state("edge-state", "reading")).contains("21.5");
				RecordedRequest request = emulator.requests().get(0);
				assertThat(request.path()).isEqualTo("/v1.0/state/edge-state");
				assertThat(request.header("dapr-api-token")).isEqualTo("t0ken");
			});
	}

	@Test
	void puristaHealthReportsTheStateStoreDownWhileTheSidecarIsUnavailable() {
		this.runner.withConfiguration(AutoConfigurations.of(PuristaHealthAutoConfiguration.class))
			.withPropertyValues("purista.state-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort())
			.run((context) -> {
				HealthIndicator stateStore = (HealthIndicator) context.getBean(PuristaHealthContributor.class)
					.getContributor("stateStore");
				assertThat(stateStore).isNotNull();
				Health up = stateStore.health();
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("name", DaprStateStore.NAME).containsEntry("type", "dapr");
				emulator.inject(Fault.serviceUnavailable());
				assertThat(stateStore.health().getStatus()).isEqualTo(Status.DOWN);
				emulator.clearFaults();
				assertThat(stateStore.health().getStatus()).isEqualTo(Status.UP);
				assertThat(emulator.requests()).map(RecordedRequest::toString).containsOnly("GET /v1.0/healthz");
			});
	}

	@Test
	void daprsEnvironmentVariablesGiveThePortAndTheToken() {
		this.runner.withPropertyValues("purista.state-store.type=dapr")
			.withSystemProperties("DAPR_HTTP_PORT=" + emulator.httpPort(), "DAPR_API_TOKEN=from-env")
			.run((context) -> {
				context.getBean(StateStore.class).setState("k", 1);
				RecordedRequest request = emulator.requests().get(0);
				assertThat(request.path()).isEqualTo("/v1.0/state/statestore");
				assertThat(request.header("dapr-api-token")).isEqualTo("from-env");
			});
	}

	@Test
	void propertiesWinOverDaprsEnvironmentVariables() {
		this.runner
			.withPropertyValues("purista.state-store.type=dapr", "purista.dapr.http-port=" + emulator.httpPort(),
					"purista.dapr.api-token=from-property")
			.withSystemProperties("DAPR_HTTP_PORT=1", "DAPR_API_TOKEN=from-env")
			.run((context) -> {
				context.getBean(StateStore.class).setState("k", 1);
				assertThat(emulator.requests().get(0).header("dapr-api-token")).isEqualTo("from-property");
			});
	}

	@Test
	void defaultsAreLocalhostPort3500NoTokenAndStoreStatestore() {
		PuristaDaprProperties properties = new PuristaDaprProperties();
		MockEnvironment environment = new MockEnvironment();

		assertThat(PuristaDaprStateStoreAutoConfiguration.baseUrl(properties, environment))
			.hasToString("http://127.0.0.1:3500");
		assertThat(PuristaDaprStateStoreAutoConfiguration.apiToken(properties, environment)).isNull();
		assertThat(properties.getStateStoreName()).isEqualTo("statestore");
		assertThat(properties.getConnectTimeout()).hasSeconds(2);
		assertThat(properties.getReadTimeout()).hasSeconds(5);
	}

	@Test
	void hostIsConfigurable() {
		PuristaDaprProperties properties = new PuristaDaprProperties();
		properties.setHost("dapr-sidecar");
		MockEnvironment environment = new MockEnvironment().withProperty("DAPR_HTTP_PORT", "3601");

		assertThat(PuristaDaprStateStoreAutoConfiguration.baseUrl(properties, environment))
			.hasToString("http://dapr-sidecar:3601");
	}

	@Test
	void otherTypesKeepTheInMemoryStore() {
		this.runner.withPropertyValues("purista.dapr.http-port=" + emulator.httpPort()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DaprStateStore.class);
			assertThat(context.getBean(StateStore.class)).isInstanceOf(InMemoryStateStore.class);
		});
	}

	@Test
	void aStateStoreOfTheApplicationWins() {
		this.runner.withPropertyValues("purista.state-store.type=dapr")
			.withUserConfiguration(UserStateStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DaprStateStore.class);
				assertThat(context.getBean(ServiceEnvironment.class).stateStore())
					.isSameAs(UserStateStoreConfiguration.STORE);
			});
	}

	@Test
	void propertiesAreDescribedInTheConfigurationMetadata() throws IOException {
		String metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"purista.dapr.host\"", "\"purista.dapr.http-port\"",
				"\"purista.dapr.api-token\"", "\"purista.dapr.state-store-name\"", "\"purista.dapr.connect-timeout\"",
				"\"purista.dapr.read-timeout\"", "DAPR_HTTP_PORT", "DAPR_API_TOKEN");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStateStoreConfiguration {

		static final StateStore STORE = new InMemoryStateStore();

		@Bean
		StateStore userStateStore() {
			return STORE;
		}

	}

}
