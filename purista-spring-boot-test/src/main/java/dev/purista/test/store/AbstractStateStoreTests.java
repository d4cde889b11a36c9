package dev.purista.test.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link StateStore} must pass: JSON round trips of objects, strings, numbers, lists and
 * nested maps; multi-name reads with an entry for every name; overwrite and remove; PURISTA's 401 errors and
 * exact messages for disabled operations and the state store defaults (everything enabled); values isolated
 * from the caller's objects; and concurrent use from many threads without lost writes.
 * <p>
 * Extend it and implement {@link #createStore(StoreOptions)}; stores are destroyed after each test.
 */
public abstract class AbstractStateStoreTests extends JsonValueStoreContract<StateStore> {

	/**
	 * Create the store under test: new and empty, honouring the given enable flags.
	 * @param options the options the store must honour
	 * @return the store
	 */
	@Override
	protected abstract StateStore createStore(StoreOptions options);

	@Override
	final StoreOptions writableOptions() {
		return StoreOptions.stateDefaults();
	}

	@Override
	final Map<String, @Nullable Object> get(StateStore store, String... names) {
		return store.getState(names);
	}

	@Override
	final void set(StateStore store, String name, @Nullable Object value) {
		store.setState(name, value);
	}

	@Override
	final void remove(StateStore store, String name) {
		store.removeState(name);
	}

	@Override
	final String storeName(StateStore store) {
		return store.name();
	}

	@Override
	final void destroy(StateStore store) {
		store.destroy();
	}

	@Override
	final String getDisabledMessage() {
		return "get state from store is disabled by config";
	}

	@Override
	final String setDisabledMessage() {
		return "set state at store is disabled by config";
	}

	@Override
	final String removeDisabledMessage() {
		return "remove state from store is disabled by config";
	}

	@Test
	void stateDefaultsEnableGetSetAndRemoveWithoutCache() {
		StoreOptions defaults = StoreOptions.stateDefaults();
		assertThat(defaults).isEqualTo(new StoreOptions(true, true, true, false, null));
		StateStore store = store(defaults);
		store.setState("value", "set");
		assertThat(normalize(store.getState("value").get("value"))).isEqualTo(normalize("set"));
		store.removeState("value");
		assertThat(store.getState("value")).containsEntry("value", null);
	}

}
