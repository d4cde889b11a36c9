package dev.purista.core.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads (and where enabled writes) configuration by name (PURISTA's {@code ConfigStore}). Values are JSON
 * values. By default only reading is enabled. Methods may block on I/O.
 */
public interface ConfigStore {

	/**
	 * The store's name.
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
	Map<String, @Nullable Object> getConfig(String... names);

	/**
	 * Store a value.
	 * @param name the name
	 * @param value the value
	 * @throws dev.purista.core.error.UnhandledException 401 if writing is disabled (the default)
	 */
	void setConfig(String name, @Nullable Object value);

	/**
	 * Remove a value.
	 * @param name the name
	 * @throws dev.purista.core.error.UnhandledException 401 if removing is disabled (the default)
	 */
	void removeConfig(String name);

	/**
	 * Release resources.
	 */
	default void destroy() {
	}

}
