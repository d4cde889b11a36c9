package dev.purista.dapr;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.store.AbstractStateStoreTests;

/**
 * {@link DaprStateStore} against the {@link DaprStateApiEmulator} (a local emulator of Dapr's HTTP state API,
 * not Dapr): the state store contract.
 */
class DaprStateStoreContractTests extends AbstractStateStoreTests {

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

	@Override
	protected StateStore createStore(StoreOptions options) {
		return new DaprStateStore(DaprHttpClients.create(emulator.endpoint(), null, Duration.ofSeconds(2),
				Duration.ofSeconds(5)), "statestore", new MessageCodec(), options);
	}

}
