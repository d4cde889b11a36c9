package dev.purista.test.store;

import java.time.Duration;

import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemorySecretStore;

/**
 * The secret store contract for {@link CachingSecretStore} over an {@link InMemorySecretStore}: the cache must
 * not change what a store does.
 */
class CachingInMemorySecretStoreTests extends AbstractSecretStoreTests {

	@Override
	protected SecretStore createStore(StoreOptions options) {
		StoreOptions cached = options.toBuilder().enableCache(true).cacheTtl(Duration.ofMinutes(5)).build();
		return new CachingSecretStore(new InMemorySecretStore(cached), cached);
	}

}
