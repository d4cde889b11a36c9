package dev.purista.dapr;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import dev.purista.boot.health.StoreHealthIndicator;
import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DaprConfigStore} when the sidecar is unavailable or fails: an outage raises
 * {@link StoreUnavailableException} (503) and turns health {@code DOWN} until the sidecar answers again; other
 * failures are 500 errors naming Dapr's answer.
 */
class DaprConfigStoreFaultTests {

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

	private static DaprConfigStore store(URI endpoint) {
		return new DaprConfigStore(DaprHttpClients.create(endpoint, null, Duration.ofMillis(500),
				Duration.ofMillis(500)), "configStore", new MessageCodec(), StoreOptions.configDefaults());
	}

	@Test
	void sidecarAnswering503IsAnOutageAndHealthIsDownThenUpAgain() {
		DaprConfigStore store = store(emulator.endpoint());
		StoreHealthIndicator health = new StoreHealthIndicator(store::name, store::isHealthy, "dapr");
		emulator.putConfiguration("configStore", "k", "\"v\"");
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);

		emulator.inject(Fault.serviceUnavailable());
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getConfig("k"))
			.withMessage("DaprConfigStore could not read configuration 'k' in Dapr configuration store "
					+ "'configStore': Dapr answered 503 ERR_SERVICE_UNAVAILABLE")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

		emulator.clearFaults();
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(store.getConfig("k").get("k")).hasToString("\"v\"");
	}

	@Test
	void sidecarDroppingConnectionsIsAnOutage() {
		DaprConfigStore store = store(emulator.endpoint());
		emulator.inject(Fault.down());

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getConfig("k"))
			.withMessageStartingWith("DaprConfigStore could not read configuration 'k' in Dapr configuration store "
					+ "'configStore': Dapr sidecar not reached");
		assertThat(store.isHealthy()).isFalse();
	}

	@Test
	void sidecarNotListeningIsAnOutageAndHealthIsDown() throws IOException {
		int freePort;
		try (ServerSocket socket = new ServerSocket(0)) {
			freePort = socket.getLocalPort();
		}
		DaprConfigStore store = store(URI.create("http://127.0.0.1:" + freePort));

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getConfig("k"))
			.withMessageContaining("Dapr sidecar not reached");
		assertThat(store.isHealthy()).isFalse();
	}

	@Test
	void sidecarSlowerThanTheReadTimeoutIsAnOutage() {
		DaprConfigStore store = store(emulator.endpoint());
		emulator.inject(Fault.delay(Duration.ofSeconds(3)));

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getConfig("k"))
			.withMessageContaining("Dapr sidecar not reached");
	}

	@Test
	void sidecarAnswering500IsAnErrorNotAnOutage() {
		DaprConfigStore store = store(emulator.endpoint());
		emulator.inject(Fault.internalError());

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.getConfig("k"))
			.isNotInstanceOf(StoreUnavailableException.class)
			.withMessageStartingWith("DaprConfigStore could not read configuration 'k' in Dapr configuration store "
					+ "'configStore': Dapr answered 500")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
	}

}
