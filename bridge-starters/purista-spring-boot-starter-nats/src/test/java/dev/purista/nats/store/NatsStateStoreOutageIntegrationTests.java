package dev.purista.nats.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;
import dev.purista.nats.NatsTestSupport;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link NatsStateStore} while NATS cannot be reached, through a {@link TcpProxy} in front of the real
 * nats-server: every operation fails with a {@link StoreUnavailableException} (503) naming the store and the
 * operation, never a value, the store is unhealthy, and once the proxy lets connections through again the client
 * reconnects and the stored value is read again.
 */
class NatsStateStoreOutageIntegrationTests {

	private final String bucket = "purista-state-outage-" + UUID.randomUUID().toString().substring(0, 8);

	private final NatsTestSupport nats = new NatsTestSupport();

	private TcpProxy proxy;

	private NatsStateStore store;

	@BeforeEach
	void start() {
		this.proxy = new TcpProxy(this.nats.address.host(), this.nats.address.port()).start();
		this.store = new NatsStateStore(this.nats.options(this.proxy.port()), this.bucket, StorageType.Memory,
				new MessageCodec(), StoreOptions.stateDefaults());
	}

	@AfterEach
	void stop() throws Exception {
		if (this.store != null) {
			this.store.destroy();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		try (Connection direct = this.nats.connect()) {
			direct.keyValueManagement().delete(this.bucket);
		}
		catch (JetStreamApiException ex) {
			// not created
		}
	}

	@Test
	void operationsWhileNatsIsUnreachableFailWith503AndSucceedAfterReconnect() {
		this.store.setState("stock", Map.of("count", 7));
		assertThat(this.store.isHealthy()).isTrue();

		this.proxy.cutConnections();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.store.isHealthy());
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> this.store.getState("stock"))
			.withMessageStartingWith("NatsStateStore could not read key 'stock': NATS is unavailable")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> this.store.setState("stock", Map.of("count", 8)))
			.withMessageStartingWith("NatsStateStore could not write key 'stock'")
			.withMessageNotContaining("count");
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> this.store.removeState("stock"))
			.withMessageStartingWith("NatsStateStore could not delete key 'stock'");

		this.proxy.restore();
		await().atMost(Duration.ofSeconds(30)).until(this.store::isHealthy);
		assertThat(this.store.getState("stock").get("stock")).hasToString("{\"count\":7}");
	}

	@Test
	void natsThatStopsAnsweringTimesOutWith503() {
		this.store.setState("stock", Map.of("count", 7));

		this.proxy.blackHole();

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> this.store.getState("stock"))
			.withMessageStartingWith("NatsStateStore could not read key 'stock': NATS is unavailable");
		this.proxy.restore();
	}

	@Test
	void natsNeverReachedFailsWith503AndIsUnhealthy() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Options nowhere = new Options.Builder().server("nats://127.0.0.1:" + port)
			.connectionTimeout(Duration.ofMillis(500))
			.build();
		NatsStateStore unreachable = new NatsStateStore(nowhere, new MessageCodec(), StoreOptions.stateDefaults());
		try {
			assertThat(unreachable.isHealthy()).isFalse();
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> unreachable.getState("a", "b"))
				.withMessageStartingWith("NatsStateStore could not read 2 keys: NATS is unavailable")
				.withCauseInstanceOf(IOException.class);
		}
		finally {
			unreachable.destroy();
		}
	}

}
