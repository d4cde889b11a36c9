package dev.purista.core.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads (and where enabled writes) secrets by name (PURISTA's {@code SecretStore}). Secret values are
 * strings and are never logged. By default only reading is enabled. Methods may block on I/O.
 */
public interface SecretStore {

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
	 * Read several secrets in one call.
	 * @param names the names
	 * @return a map with an entry for every name, {@code null} for missing ones
	 * @throws dev.purista.core.error.UnhandledException 401 if reading is disabled
	 */
	Map<String, @Nullable String> getSecret(String... names);

	/**
	 * Store a secret.
	 * @param name the name
	 * @param value the secret value
	 * @throws dev.purista.core.error.UnhandledException 401 if writing is disabled (the default)
	 */
	void setSecret(String name, String value);

	/**
	 * Remove a secret.
	 * @param name the name
	 * @throws dev.purista.core.error.UnhandledException 401 if removing is disabled (the default)
	 */
	void removeSecret(String name);

	/**
	 * Release resources.
	 */
	default void destroy() {
	}

}
