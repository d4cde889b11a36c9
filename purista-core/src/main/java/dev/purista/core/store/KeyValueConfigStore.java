package dev.purista.core.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageCodec;

/**
 * A {@link ConfigStore} of JSON values kept in a {@link KeyValueStorage}: the storage holds JSON text by name,
 * this class adds PURISTA's semantics (see {@link JsonKeyValueStore}). A new storage technology needs only its
 * {@code KeyValueStorage}; {@code InMemoryConfigStore} and {@code RedisConfigStore} are this class with their
 * storage.
 * <p>
 * Thread-safe if the storage is; methods block as long as the storage does.
 */
public class KeyValueConfigStore extends JsonKeyValueStore implements ConfigStore {

	/**
	 * Create a store.
	 * @param name the store's name, e.g. {@code RedisConfigStore}
	 * @param storage where the JSON text is kept
	 * @param codec the codec whose mapper writes and reads JSON
	 * @param options which operations are enabled
	 */
	public KeyValueConfigStore(String name, KeyValueStorage storage, MessageCodec codec, StoreOptions options) {
		super(StoreKind.CONFIG, name, storage, codec, options);
	}

	@Override
	public Map<String, @Nullable Object> getConfig(String... names) {
		return read(names);
	}

	@Override
	public void setConfig(String name, @Nullable Object value) {
		write(name, value);
	}

	@Override
	public void removeConfig(String name) {
		remove(name);
	}

}
