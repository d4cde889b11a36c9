package dev.purista.test.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.core.store.memory.InMemoryStateStore;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryStateStoreTests extends AbstractStateStoreTests {

	@Override
	protected StateStore createStore(StoreOptions options) {
		return new InMemoryStateStore(options);
	}

	@Test
	void nameIsInMemoryStateStore() {
		assertThat(new InMemoryStateStore().name()).isEqualTo("InMemoryStateStore");
	}

	@Test
	void noArgumentConstructorUsesStateDefaults() {
		assertThat(new InMemoryStateStore().options()).isEqualTo(StoreOptions.stateDefaults());
	}

	@Test
	void initialValuesAreReadableAsJsonCopies() {
		Map<String, @Nullable Object> initial = new LinkedHashMap<>();
		initial.put("counter", 1);
		initial.put("items", new ArrayList<>(List.of("a")));
		initial.put("nothing", null);
		StateStore store = new InMemoryStateStore(StoreOptions.stateDefaults(), initial);
		@SuppressWarnings("unchecked")
		List<String> items = (List<String>) initial.get("items");
		items.add("b");
		Map<String, @Nullable Object> values = store.getState("counter", "items", "nothing", "missing");
		assertThat(values.get("counter")).isInstanceOf(JsonNode.class).hasToString("1");
		assertThat(values.get("items")).isInstanceOf(JsonNode.class).hasToString("[\"a\"]");
		assertThat(values).containsEntry("nothing", null).containsEntry("missing", null);
	}

}
