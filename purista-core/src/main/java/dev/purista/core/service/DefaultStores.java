package dev.purista.core.service;

import java.util.Map;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemoryConfigStore;
import dev.purista.core.store.memory.InMemorySecretStore;
import dev.purista.core.store.memory.InMemoryStateStore;

/**
 * The stores a {@link ServiceEnvironment} uses when none are given: PURISTA's in-memory defaults.
 */
final class DefaultStores {

	private DefaultStores() {
	}

	static StateStore stateStore(MessageCodec codec) {
		return new InMemoryStateStore(StoreOptions.stateDefaults(), Map.of(), codec);
	}

	static ConfigStore configStore(MessageCodec codec) {
		return new InMemoryConfigStore(StoreOptions.configDefaults(), Map.of(), codec);
	}

	static SecretStore secretStore() {
		return new InMemorySecretStore();
	}

}
