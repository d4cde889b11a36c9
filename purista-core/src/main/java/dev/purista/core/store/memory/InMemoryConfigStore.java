package dev.purista.core.store.memory;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.KeyValueConfigStore;
import dev.purista.core.store.StoreOptions;

/**
 * A {@link ConfigStore} keeping values in memory (PURISTA's {@code DefaultConfigStore}). Values are stored as
 * JSON text: {@link #getConfig(String...)} returns JSON trees, never the objects that were set. Values are lost
 * on shutdown and not shared between instances, so use it for tests, development or a single instance.
 * <p>
 * Thread-safe; no method blocks.
 */
public class InMemoryConfigStore extends KeyValueConfigStore {

	/** The store's name. */
	public static final String NAME = "InMemoryConfigStore";

	private static final Log logger = LogFactory.getLog(InMemoryConfigStore.class);

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
	 * Create a store holding initial values (readable even while writing is disabled).
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
		super(NAME, new InMemoryKeyValueStorage(), codec, options);
		initialize(initialValues);
		logger.warn("Using the " + NAME + " is not secure! It should only be used for test or development purpose.");
	}

}
