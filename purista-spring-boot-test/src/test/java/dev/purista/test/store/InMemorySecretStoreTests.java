package dev.purista.test.store;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemorySecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySecretStoreTests extends AbstractSecretStoreTests {

	@Override
	protected SecretStore createStore(StoreOptions options) {
		return new InMemorySecretStore(options);
	}

	@Test
	void nameIsInMemorySecretStore() {
		assertThat(new InMemorySecretStore().name()).isEqualTo("InMemorySecretStore");
	}

	@Test
	void noArgumentConstructorUsesSecretDefaults() {
		assertThat(new InMemorySecretStore().options()).isEqualTo(StoreOptions.secretDefaults());
	}

	@Test
	void initialSecretsAreReadableWhileWritingIsDisabled() {
		SecretStore store = new InMemorySecretStore(StoreOptions.secretDefaults(), Map.of("apiKey", "initial-key"));
		assertThat(store.getSecret("apiKey", "other")).containsEntry("apiKey", "initial-key")
			.containsEntry("other", null);
	}

	@Test
	void toStringOfStoreWithInitialSecretsDoesNotContainThem() {
		SecretStore store = new InMemorySecretStore(StoreOptions.secretDefaults(), Map.of("apiKey", "initial-key"));
		assertThat(store.toString()).doesNotContain("initial-key");
	}

	@Test
	void enabledCacheWrapsTheStoreInACachingSecretStore() {
		StoreOptions options = StoreOptions.secretDefaults().toBuilder().enableCache(true).build();
		InMemorySecretStore store = new InMemorySecretStore(options);
		assertThat(CachingSecretStore.wrapIfEnabled(store, options)).isInstanceOf(CachingSecretStore.class)
			.extracting(SecretStore::name)
			.isEqualTo("InMemorySecretStore");
	}

}
