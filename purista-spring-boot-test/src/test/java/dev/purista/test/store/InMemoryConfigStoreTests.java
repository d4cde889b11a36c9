package dev.purista.test.store;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemoryConfigStore;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryConfigStoreTests extends AbstractConfigStoreTests {

	@Override
	protected ConfigStore createStore(StoreOptions options) {
		return new InMemoryConfigStore(options);
	}

	@Test
	void nameIsInMemoryConfigStore() {
		assertThat(new InMemoryConfigStore().name()).isEqualTo("InMemoryConfigStore");
	}

	@Test
	void noArgumentConstructorUsesConfigDefaults() {
		assertThat(new InMemoryConfigStore().options()).isEqualTo(StoreOptions.configDefaults());
	}

	@Test
	void initialValuesAreReadableWhileWritingIsDisabled() {
		ConfigStore store = new InMemoryConfigStore(StoreOptions.configDefaults(),
				Map.of("feature", Map.of("enabled", true), "limit", 10));
		Map<String, ?> values = store.getConfig("feature", "limit");
		assertThat(values.get("feature")).hasToString("{\"enabled\":true}");
		assertThat(values.get("limit")).hasToString("10");
	}

}
