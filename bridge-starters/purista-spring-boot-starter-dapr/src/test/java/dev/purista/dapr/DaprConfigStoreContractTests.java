package dev.purista.dapr;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.store.AbstractConfigStoreTests;

/**
 * {@link DaprConfigStore} against the {@link DaprStateApiEmulator} (a local emulator of Dapr's HTTP APIs, not
 * Dapr): the config store contract. Dapr's configuration API is read-only, so the contract's writes are made
 * where a real deployment makes them, in the configuration store behind the sidecar: here the emulator's items,
 * set by {@link SeededDaprConfigStore} after the same enable checks. Every read goes through
 * {@link DaprConfigStore} and the sidecar's HTTP API. The emulator holds each value as the JSON given, so the
 * contract's objects and numbers round-trip; a real Dapr holds strings, which DaprConfigStore returns as they
 * are.
 */
class DaprConfigStoreContractTests extends AbstractConfigStoreTests {

	private static final String CONFIG_STORE = "configStore";

	private static final MessageCodec codec = new MessageCodec();

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

	@Override
	protected ConfigStore createStore(StoreOptions options) {
		DaprConfigStore store = new DaprConfigStore(DaprHttpClients.create(emulator.endpoint(), null,
				Duration.ofSeconds(2), Duration.ofSeconds(5)), CONFIG_STORE, codec, options);
		return new SeededDaprConfigStore(store, options);
	}

	/**
	 * Reads through the {@link DaprConfigStore} under test; writes the emulator's configuration items.
	 */
	private record SeededDaprConfigStore(DaprConfigStore store, StoreOptions options) implements ConfigStore {

		@Override
		public String name() {
			return this.store.name();
		}

		@Override
		public Map<String, @Nullable Object> getConfig(String... names) {
			return this.store.getConfig(names);
		}

		@Override
		public void setConfig(String name, @Nullable Object value) {
			this.options.checkSetEnabled(StoreKind.CONFIG);
			emulator.putConfiguration(CONFIG_STORE, Objects.requireNonNull(name, "name"),
					codec.mapper().writeValueAsString(value));
		}

		@Override
		public void removeConfig(String name) {
			this.options.checkRemoveEnabled(StoreKind.CONFIG);
			emulator.removeConfiguration(CONFIG_STORE, Objects.requireNonNull(name, "name"));
		}

	}

}
