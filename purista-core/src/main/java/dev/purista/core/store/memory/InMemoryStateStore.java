package dev.purista.core.store.memory;

import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A {@link StateStore} keeping values in memory (PURISTA's {@code DefaultStateStore}). Values are stored as
 * JSON copies: {@link #getState(String...)} returns JSON trees, never the objects that were set. State is lost
 * on shutdown and not shared between instances, so use it for tests, development or a single instance.
 * <p>
 * Thread-safe; no method blocks.
 */
public class InMemoryStateStore implements StateStore {

	/** The store's name. */
	public static final String NAME = "InMemoryStateStore";

	private static final Log logger = LogFactory.getLog(InMemoryStateStore.class);

	private final StoreOptions options;

	private final JsonValueMap values;

	/**
	 * Create an empty store with PURISTA's state store defaults (everything enabled).
	 */
	public InMemoryStateStore() {
		this(StoreOptions.stateDefaults());
	}

	/**
	 * Create an empty store.
	 * @param options which operations are enabled
	 */
	public InMemoryStateStore(StoreOptions options) {
		this(options, Map.of());
	}

	/**
	 * Create a store holding initial values.
	 * @param options which operations are enabled
	 * @param initialValues values by name, copied as JSON
	 */
	public InMemoryStateStore(StoreOptions options, Map<String, ? extends @Nullable Object> initialValues) {
		this(options, initialValues, new MessageCodec());
	}

	/**
	 * Create a store holding initial values, copying values with the given codec's mapper.
	 * @param options which operations are enabled
	 * @param initialValues values by name, copied as JSON
	 * @param codec the codec whose mapper turns values into JSON
	 */
	public InMemoryStateStore(StoreOptions options, Map<String, ? extends @Nullable Object> initialValues,
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
	public Map<String, @Nullable Object> getState(String... names) {
		this.options.checkGetEnabled(StoreKind.STATE);
		return this.values.get(names);
	}

	@Override
	public void setState(String name, @Nullable Object value) {
		this.options.checkSetEnabled(StoreKind.STATE);
		this.values.put(name, value);
	}

	@Override
	public void removeState(String name) {
		this.options.checkRemoveEnabled(StoreKind.STATE);
		this.values.remove(name);
	}

	@Override
	public String toString() {
		return NAME + "[options=" + this.options + ", entries=" + this.values.size() + "]";
	}

}
