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
 * {@link DaprStateStore} when the sidecar is unavailable or fails: an outage raises
 * {@link StoreUnavailableException} (503) and turns health {@code DOWN} until the sidecar answers again; other
 * failures are 500 errors naming Dapr's answer.
 */
class DaprStateStoreFaultTests {

	private static DaprStateApiEmulator emulator;

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = DaprStateApiEmulator.start("statestore");
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
	}

	private static DaprStateStore store(URI endpoint) {
		return new DaprStateStore(DaprHttpClients.create(endpoint, null, Duration.ofMillis(500),
				Duration.ofMillis(500)), "statestore", new MessageCodec(), StoreOptions.stateDefaults());
	}

	@Test
	void sidecarAnswering503IsAnOutageAndHealthIsDownThenUpAgain() {
		DaprStateStore store = store(emulator.endpoint());
		StoreHealthIndicator health = new StoreHealthIndicator(store::name, store::isHealthy, "dapr");
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);

		emulator.inject(Fault.serviceUnavailable());
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.setState("k", 1))
			.withMessage("DaprStateStore could not write key 'k' in Dapr state store 'statestore': "
					+ "Dapr answered 503 ERR_SERVICE_UNAVAILABLE")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

		emulator.clearFaults();
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		store.setState("k", 1);
		assertThat(store.getState("k").get("k")).hasToString("1");
	}

	@Test
	void sidecarDroppingConnectionsIsAnOutage() {
		DaprStateStore store = store(emulator.endpoint());
		emulator.inject(Fault.down());

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getState("k"))
			.withMessageStartingWith("DaprStateStore could not read key 'k' in Dapr state store 'statestore': "
					+ "Dapr sidecar not reached");
		assertThat(store.isHealthy()).isFalse();
	}

	@Test
	void sidecarNotListeningIsAnOutageAndHealthIsDown() throws IOException {
		int freePort;
		try (ServerSocket socket = new ServerSocket(0)) {
			freePort = socket.getLocalPort();
		}
		DaprStateStore store = store(URI.create("http://127.0.0.1:" + freePort));

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.removeState("k"))
			.withMessageStartingWith("DaprStateStore could not delete key 'k' in Dapr state store 'statestore': "
					+ "Dapr sidecar not reached");
		assertThat(store.isHealthy()).isFalse();
	}

	@Test
	void sidecarSlowerThanTheReadTimeoutIsAnOutage() {
		DaprStateStore store = store(emulator.endpoint());
		emulator.inject(Fault.delay(Duration.ofSeconds(3)));

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.getState("k"))
			.withMessageContaining("Dapr sidecar not reached");
	}

	@Test
	void sidecarAnswering500IsAnErrorNotAnOutage() {
		DaprStateStore store = store(emulator.endpoint());
		emulator.inject(Fault.internalError());

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.getState("k"))
			.isNotInstanceOf(StoreUnavailableException.class)
			.withMessage("DaprStateStore could not read key 'k' in Dapr state store 'statestore': "
					+ "Dapr answered 500 ERR_STATE_GET")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
	}

}
