package dev.purista.dapr;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.Fault;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The HTTP requests {@link DaprSecretStore} sends, pinned against TypeScript PURISTA's {@code DaprSecretStore}
 * ({@code @purista/dapr-sdk}) as the {@link DaprStateApiEmulator} records them; its refusal to write, as
 * TypeScript refuses; and outages.
 */
class DaprSecretStoreRequestTests {

	private static DaprStateApiEmulator emulator;

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

	private static DaprSecretStore store(URI endpoint, @Nullable String apiToken, StoreOptions options) {
		return new DaprSecretStore(DaprHttpClients.create(endpoint, apiToken, Duration.ofMillis(500),
				Duration.ofMillis(500)), "secretStore", options);
	}

	private static DaprSecretStore store() {
		return store(emulator.endpoint(), null, StoreOptions.secretDefaults());
	}

	@Test
	void getSendsOneSecretsRequestPerNameAndReadsTheNamesField() {
		emulator.putSecret("secretStore", "db-password", "pa55");
		emulator.requireApiToken("t0ken");

		assertThat(store(emulator.endpoint(), "t0ken", StoreOptions.secretDefaults()).getSecret("db-password",
				"missing"))
			.containsExactly(entry("db-password", "pa55"), entry("missing", null));
		assertThat(emulator.requests()).map(RecordedRequest::toString)
			.containsExactly("GET /v1.0/secrets/secretStore/db-password", "GET /v1.0/secrets/secretStore/missing");
		assertThat(emulator.requests()).allSatisfy((request) -> {
			assertThat(request.header("dapr-api-token")).isEqualTo("t0ken");
			assertThat(request.header("content-type")).isEqualTo(DaprHttpClients.CONTENT_TYPE);
		});
	}

	@Test
	void setAndRemoveAreRefusedWith401ByDefaultAnd501WhenEnabledWithoutARequest() {
		DaprSecretStore readOnly = store();
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> readOnly.setSecret("k", "v"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		DaprSecretStore enabled = store(emulator.endpoint(), null,
				StoreOptions.secretDefaults().toBuilder().enableSet(true).enableRemove(true).build());
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> enabled.setSecret("k", "v"))
			.withMessage("setting or changing of secrets is not available")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(501));
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> enabled.removeSecret("k"))
			.withMessage("removing of secrets is not available")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(501));
		assertThat(emulator.requests()).isEmpty();
	}

	@Test
	void sidecarAnswering503IsAnOutageAndHealthIsDown() {
		DaprSecretStore store = store();
		emulator.inject(Fault.serviceUnavailable());

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getSecret("k"))
			.withMessage("DaprSecretStore could not read secret 'k' in Dapr secret store 'secretStore': "
					+ "Dapr answered 503 ERR_SERVICE_UNAVAILABLE");
		assertThat(store.isHealthy()).isFalse();
		emulator.clearFaults();
		assertThat(store.isHealthy()).isTrue();
	}

	@Test
	void sidecarDroppingConnectionsIsAnOutage() {
		DaprSecretStore store = store();
		emulator.inject(Fault.down());

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getSecret("k"))
			.withMessageContaining("Dapr sidecar not reached");
	}

	@Test
	void sidecarAnswering500IsAnErrorNotAnOutage() {
		DaprSecretStore store = store();
		emulator.inject(Fault.internalError());

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.getSecret("k"))
			.isNotInstanceOf(StoreUnavailableException.class)
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
	}

}
