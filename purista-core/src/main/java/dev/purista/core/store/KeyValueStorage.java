package dev.purista.core.store;

import java.util.List;
import java.util.Map;

/**
 * Raw JSON text by key: the only part of a state or config store that depends on where values are kept (a map,
 * Redis, Dapr's state API, ...). A technology implements this interface once and gets both PURISTA stores from
 * {@link KeyValueStateStore} and {@link KeyValueConfigStore}, which check the enable flags, validate names,
 * convert values to and from JSON and answer multi-name reads.
 * <p>
 * Implementations store the text as given, under the key as given (no prefix, no re-encoding), so that other
 * PURISTA runtimes sharing the storage read the same values. They must be thread-safe; methods may block on
 * I/O. When what they store in cannot be reached (connection refused or lost, timeout), methods throw
 * {@link dev.purista.core.error.StoreUnavailableException}, which the stores pass on unchanged, so the command
 * that used the store answers 503 instead of 500.
 */
public interface KeyValueStorage {

	/**
	 * Read the JSON text of several keys, in one round trip where the technology allows it.
	 * @param keys the keys to read: at least one, no duplicates
	 * @return the JSON text of every key that exists; keys that do not exist have no entry
	 */
	Map<String, String> get(List<String> keys);

	/**
	 * Store JSON text under a key, replacing what was stored there.
	 * @param key the key
	 * @param json the JSON text
	 */
	void put(String key, String json);

	/**
	 * Delete a key. Deleting a key that does not exist succeeds.
	 * @param key the key
	 */
	void delete(String key);

	/**
	 * Whether the storage can reach what it stores in (a broker or service) now. Storage without such a
	 * dependency is always healthy.
	 * @return {@code true} when healthy
	 */
	default boolean isHealthy() {
		return true;
	}

}
