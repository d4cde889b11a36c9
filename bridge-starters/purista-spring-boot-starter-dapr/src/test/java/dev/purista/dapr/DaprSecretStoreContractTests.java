package dev.purista.dapr;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.store.AbstractSecretStoreTests;

/**
 * {@link DaprSecretStore} against the {@link DaprStateApiEmulator} (a local emulator of Dapr's HTTP APIs, not
 * Dapr): the secret store contract. Dapr's secrets API is read-only, so the contract's writes are made where a
 * real deployment makes them, in the secret store behind the sidecar: here the emulator's secrets, set by
 * {@link SeededDaprSecretStore} after the same enable checks. Every read goes through {@link DaprSecretStore}
 * and the sidecar's HTTP API.
 */
class DaprSecretStoreContractTests extends AbstractSecretStoreTests {

	private static final String SECRET_STORE = "secretStore";

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
	protected SecretStore createStore(StoreOptions options) {
		DaprSecretStore store = new DaprSecretStore(DaprHttpClients.create(emulator.endpoint(), null,
				Duration.ofSeconds(2), Duration.ofSeconds(5)), SECRET_STORE, options);
		return new SeededDaprSecretStore(store, options);
	}

	/**
	 * Reads through the {@link DaprSecretStore} under test; writes the emulator's secrets.
	 */
	private static final class SeededDaprSecretStore implements SecretStore {

		private final DaprSecretStore store;

		private final StoreOptions options;

		SeededDaprSecretStore(DaprSecretStore store, StoreOptions options) {
			this.store = store;
			this.options = options;
		}

		@Override
		public String name() {
			return this.store.name();
		}

		@Override
		public Map<String, @Nullable String> getSecret(String... names) {
			return this.store.getSecret(names);
		}

		@Override
		public void setSecret(String name, String value) {
			this.options.checkSetEnabled(StoreKind.SECRET);
			emulator.putSecret(SECRET_STORE, Objects.requireNonNull(name, "name"), value);
		}

		@Override
		public void removeSecret(String name) {
			this.options.checkRemoveEnabled(StoreKind.SECRET);
			emulator.removeSecret(SECRET_STORE, Objects.requireNonNull(name, "name"));
		}

		@Override
		public String toString() {
			return this.store.toString();
		}

	}

}
