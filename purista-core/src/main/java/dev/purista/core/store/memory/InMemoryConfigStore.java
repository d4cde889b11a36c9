package dev.purista.core.store.memory;

import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A {@link ConfigStore} keeping values in memory (PURISTA's {@code DefaultConfigStore}). Values are stored as
 * JSON copies: {@link #getConfig(String...)} returns JSON trees, never the objects that were set. Values are lost
 * on shutdown and not shared between instances, so use it for tests, development or a single instance.
 * <p>
 * Thread-safe; no method blocks.
 */
public class InMemoryConfigStore implements ConfigStore {

	/** The store's name. */
	public static final String NAME = "InMemoryConfigStore";

	private static final Log logger = LogFactory.getLog(InMemoryConfigStore.class);

	private final StoreOptions options;

	private final JsonValueMap values;

	/**
	 * Create an empty store with PURISTA's config store defaults (only reading enabled).
	 */
	public InMemoryConfigStore() {
		this(StoreOptions.configDefaults());
	}

	/**
	 * Create an empty store.
	 * @param options which operations are enabled
	 */
	public InMemoryConfigStore(StoreOptions options) {
		this(options, Map.of());
	}

	/**
	 * Create a store holding initial values.
	 * @param options which operations are enabled
	 * @param initialValues values by name, copied as JSON
	 */
	public InMemoryConfigStore(StoreOptions options, Map<String, ? extends @Nullable Object> initialValues) {
		this(options, initialValues, new MessageCodec());
	}

	/**
	 * Create a store holding initial values, copying values with the given codec's mapper.
	 * @param options which operations are enabled
	 * @param initialValues values by name, copied as JSON
	 * @param codec the codec whose mapper turns values into JSON
	 */
	public InMemoryConfigStore(StoreOptions options, Map<String, ? extends @Nullable Object> initialValues,
			MessageCodec codec) {
		this.options = Objects.requireNonNull(options, "options");
		this.values = new JsonValueMap(codec, initialValues);
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
	public Map<String, @Nullable Object> getConfig(String... names) {
		this.options.checkGetEnabled(StoreKind.CONFIG);
		return this.values.get(names);
	}

	@Override
	public void setConfig(String name, @Nullable Object value) {
		this.options.checkSetEnabled(StoreKind.CONFIG);
		this.values.put(name, value);
	}

	@Override
	public void removeConfig(String name) {
		this.options.checkRemoveEnabled(StoreKind.CONFIG);
		this.values.remove(name);
	}

	@Override
	public String toString() {
		return NAME + "[options=" + this.options + ", entries=" + this.values.size() + "]";
	}

}
