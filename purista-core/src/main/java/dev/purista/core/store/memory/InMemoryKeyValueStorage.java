package dev.purista.core.store.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.purista.core.store.KeyValueStorage;

/**
 * JSON text by key in a map, for the in-memory state and config stores. Strings are immutable, so what is stored
 * cannot be changed through what was put or returned.
 * <p>
 * Thread-safe; no method blocks.
 */
final class InMemoryKeyValueStorage implements KeyValueStorage {

	private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

	@Override
	public Map<String, String> get(List<String> keys) {
		Map<String, String> found = new LinkedHashMap<>();
		for (String key : keys) {
			String json = this.values.get(key);
			if (json != null) {
				found.put(key, json);
			}
		}
		return found;
	}

	@Override
	public void put(String key, String json) {
		this.values.put(key, json);
	}

	@Override
	public void delete(String key) {
		this.values.remove(key);
	}

	@Override
	public String toString() {
		return "InMemoryKeyValueStorage[entries=" + this.values.size() + "]";
	}

}
