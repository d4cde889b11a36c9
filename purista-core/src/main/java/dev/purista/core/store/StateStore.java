package dev.purista.core.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Stores service state by name (PURISTA's {@code StateStore}). Values are JSON values: what a store returns
 * is a JSON tree (or {@code null}), whatever Java object was set. Methods may block on I/O.
 */
public interface StateStore {

	/**
	 * The store's name, e.g. {@code InMemoryStateStore}.
	 * @return the name
	 */
	String name();

	/**
	 * Whether the store can reach what it stores in (a broker or service) now. Stores without such a
	 * dependency are always healthy.
	 * @return {@code true} when healthy
	 */
	default boolean isHealthy() {
		return true;
	}

	/**
	 * Read several values in one call.
	 * @param names the names
	 * @return a map with an entry for every name, {@code null} for missing ones
	 * @throws dev.purista.core.error.UnhandledException 401 if reading is disabled
	 */
	Map<String, @Nullable Object> getState(String... names);

	/**
	 * Store a value.
	 * @param name the name
	 * @param value the value (any JSON-serializable value)
	 * @throws dev.purista.core.error.UnhandledException 401 if writing is disabled
	 */
	void setState(String name, @Nullable Object value);

	/**
	 * Remove a value.
	 * @param name the name
	 * @throws dev.purista.core.error.UnhandledException 401 if removing is disabled
	 */
	void removeState(String name);

	/**
	 * Release resources.
	 */
	default void destroy() {
	}

}
