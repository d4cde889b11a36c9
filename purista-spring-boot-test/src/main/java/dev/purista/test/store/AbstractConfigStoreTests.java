package dev.purista.test.store;

import org.junit.jupiter.api.Test;

import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link ConfigStore} must pass: JSON round trips of objects, strings, numbers, lists and
 * nested maps; multi-name reads with an entry for every name; overwrite and remove; PURISTA's 401 errors and
 * exact messages for disabled operations and the config store defaults (only reading enabled); values
 * isolated from the caller's objects; and concurrent use from many threads without lost writes.
 * <p>
 * Extend it and implement {@link #createStore(StoreOptions)}; tests that write enable set and remove
 * explicitly. Stores are destroyed after each test.
 */
public abstract class AbstractConfigStoreTests extends JsonValueStoreContract<ConfigStore> {

	/**
	 * Create the contract for config stores.
	 */
	protected AbstractConfigStoreTests() {
		super("config", StoreOptions.configDefaults().toBuilder().enableSet(true).enableRemove(true).build(),
				new Operations<>(ConfigStore::getConfig, ConfigStore::setConfig, ConfigStore::removeConfig,
						ConfigStore::name, ConfigStore::destroy));
	}

	/**
	 * Create the store under test: new and empty, honouring the given enable flags.
	 * @param options the options the store must honour
	 * @return the store
	 */
	@Override
	protected abstract ConfigStore createStore(StoreOptions options);

	@Test
	void configDefaultsEnableOnlyGet() {
		StoreOptions defaults = StoreOptions.configDefaults();
		assertThat(defaults).isEqualTo(StoreOptions.builder().enableGet(true).build());
		ConfigStore store = store(defaults);
		assertThat(store.getConfig("value")).containsEntry("value", null);
		assertDisabled(() -> store.setConfig("value", "x"), "set config at store is disabled by config");
		assertDisabled(() -> store.removeConfig("value"), "remove config from store is disabled by config");
	}

}
