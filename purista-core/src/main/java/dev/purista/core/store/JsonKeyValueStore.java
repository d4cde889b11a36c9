package dev.purista.core.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.StatusCode;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;

/**
 * PURISTA's semantics of a store of JSON values by name, shared by {@link KeyValueStateStore} and
 * {@link KeyValueConfigStore} on top of a {@link KeyValueStorage}: the enable flags of {@link StoreOptions} with
 * PURISTA's 401 errors, names that must not be {@code null}, values written as JSON text with the codec's mapper
 * ({@code JSON.stringify} in TypeScript) and read back as JSON trees, a JSON {@code null} read as {@code null},
 * and multi-name reads with an entry for every name.
 * <p>
 * Values are copied on the way in and out, so neither the object that was set nor a returned tree can change
 * what is stored. Thread-safe if the storage is; methods block as long as the storage does.
 */
public abstract class JsonKeyValueStore {

	private final StoreKind kind;

	private final String name;

	private final KeyValueStorage storage;

	private final MessageCodec codec;

	private final StoreOptions options;

	JsonKeyValueStore(StoreKind kind, String name, KeyValueStorage storage, MessageCodec codec,
			StoreOptions options) {
		this.kind = kind;
		this.name = Objects.requireNonNull(name, "name");
		this.storage = Objects.requireNonNull(storage, "storage");
		this.codec = Objects.requireNonNull(codec, "codec");
		this.options = Objects.requireNonNull(options, "options");
	}

	/**
	 * The store's name, e.g. {@code RedisStateStore}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The options this store was created with.
	 * @return the options
	 */
	public StoreOptions options() {
		return this.options;
	}

	/**
	 * Whether the storage can reach what it stores in now.
	 * @return {@code true} when healthy
	 */
	public boolean isHealthy() {
		return this.storage.isHealthy();
	}

	/**
	 * Store initial values without checking the enable flags, for stores created with values (such as a
	 * read-only in-memory config store).
	 * @param values values by name
	 */
	protected final void initialize(Map<String, ? extends @Nullable Object> values) {
		values.forEach(this::put);
	}

	final Map<String, @Nullable Object> read(String... names) {
		this.options.checkGetEnabled(this.kind);
		if (names.length == 0) {
			return Map.of();
		}
		Set<String> keys = new LinkedHashSet<>();
		for (String name : names) {
			keys.add(Objects.requireNonNull(name, "name"));
		}
		Map<String, String> stored = this.storage.get(new ArrayList<>(keys));
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (String key : keys) {
			String json = stored.get(key);
			values.put(key, (json != null) ? parse(key, json) : null);
		}
		return Collections.unmodifiableMap(values);
	}

	final void write(String name, @Nullable Object value) {
		this.options.checkSetEnabled(this.kind);
		put(name, value);
	}

	final void remove(String name) {
		this.options.checkRemoveEnabled(this.kind);
		this.storage.delete(Objects.requireNonNull(name, "name"));
	}

	private void put(String name, @Nullable Object value) {
		Objects.requireNonNull(name, "name");
		String json;
		try {
			json = this.codec.mapper().writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw failure(name, "cannot be written as JSON", ex);
		}
		this.storage.put(name, json);
	}

	private @Nullable Object parse(String name, String json) {
		try {
			JsonNode value = this.codec.mapper().readTree(json);
			return (value == null || value.isNull()) ? null : value;
		}
		catch (JacksonException ex) {
			throw failure(name, "in " + this.name + " is not valid JSON", ex);
		}
	}

	private UnhandledException failure(String name, String problem, JacksonException cause) {
		return new UnhandledException(StatusCode.INTERNAL_SERVER_ERROR.code(),
				this.kind.noun() + " '" + name + "' " + problem, null, null, cause);
	}

	@Override
	public String toString() {
		return this.name + "[options=" + this.options + ", storage=" + this.storage + "]";
	}

}
