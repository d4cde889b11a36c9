package dev.purista.core.store.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A {@link SecretStore} keeping secrets in memory, unencrypted (PURISTA's {@code DefaultSecretStore}). Use it
 * for tests and development only. Secret values never appear in logs or in {@link #toString()}.
 * <p>
 * The store does not cache by itself: its values already are in memory. {@link StoreOptions#enableCache()}
 * takes effect when the store is wrapped with {@link CachingSecretStore#wrapIfEnabled(SecretStore, StoreOptions)},
 * as is done for any other secret store.
 * <p>
 * Thread-safe; no method blocks.
 */
public class InMemorySecretStore implements SecretStore {

	/** The store's name. */
	public static final String NAME = "InMemorySecretStore";

	private static final Log logger = LogFactory.getLog(InMemorySecretStore.class);

	private final StoreOptions options;

	private final ConcurrentHashMap<String, String> secrets = new ConcurrentHashMap<>();

	/**
	 * Create an empty store with PURISTA's secret store defaults (only reading enabled).
	 */
	public InMemorySecretStore() {
		this(StoreOptions.secretDefaults());
	}

	/**
	 * Create an empty store.
	 * @param options which operations are enabled
	 */
	public InMemorySecretStore(StoreOptions options) {
		this(options, Map.of());
	}

	/**
	 * Create a store holding initial secrets.
	 * @param options which operations are enabled
	 * @param initialSecrets secret values by name
	 */
	public InMemorySecretStore(StoreOptions options, Map<String, String> initialSecrets) {
		this.options = Objects.requireNonNull(options, "options");
		initialSecrets.forEach((name, value) -> this.secrets.put(Objects.requireNonNull(name, "name"),
				Objects.requireNonNull(value, () -> "value of secret '" + name + "'")));
		logger.warn("Using the " + NAME + " is not secure! It should only be used for test or development purpose.");
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The options this store was created with.
	 * @return the options
	 */
	public StoreOptions options() {
		return this.options;
	}

	@Override
	public Map<String, @Nullable String> getSecret(String... names) {
		this.options.checkGetEnabled(StoreKind.SECRET);
		Map<String, @Nullable String> result = new LinkedHashMap<>();
		for (String name : names) {
			result.put(name, this.secrets.get(name));
		}
		return Collections.unmodifiableMap(result);
	}

	@Override
	public void setSecret(String name, String value) {
		this.options.checkSetEnabled(StoreKind.SECRET);
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, () -> "value of secret '" + name + "'");
		this.secrets.put(name, value);
	}

	@Override
	public void removeSecret(String name) {
		this.options.checkRemoveEnabled(StoreKind.SECRET);
		this.secrets.remove(Objects.requireNonNull(name, "name"));
	}

	@Override
	public String toString() {
		return NAME + "[options=" + this.options + ", secrets=" + this.secrets.size() + "]";
	}

}
