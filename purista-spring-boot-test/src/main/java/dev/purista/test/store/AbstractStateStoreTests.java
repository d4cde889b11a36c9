package dev.purista.test.store;

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
	 * Create the contract for state stores.
	 */
	protected AbstractStateStoreTests() {
		super("state", StoreOptions.stateDefaults(), new Operations<>(StateStore::getState, StateStore::setState,
				StateStore::removeState, StateStore::name, StateStore::destroy));
	}

	/**
	 * Create the store under test: new and empty, honouring the given enable flags.
	 * @param options the options the store must honour
	 * @return the store
	 */
	@Override
	protected abstract StateStore createStore(StoreOptions options);

	@Test
	void stateDefaultsEnableGetSetAndRemoveWithoutCache() {
		StoreOptions defaults = StoreOptions.stateDefaults();
		assertThat(defaults)
			.isEqualTo(StoreOptions.builder().enableGet(true).enableSet(true).enableRemove(true).build());
		StateStore store = store(defaults);
		store.setState("value", "set");
		assertThat(normalize(store.getState("value").get("value"))).isEqualTo(normalize("set"));
		store.removeState("value");
		assertThat(store.getState("value")).containsEntry("value", null);
	}

}
