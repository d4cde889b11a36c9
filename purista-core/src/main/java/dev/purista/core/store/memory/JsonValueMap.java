package dev.purista.core.store.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import dev.purista.core.message.MessageCodec;

/**
 * Thread-safe map of JSON copies shared by the in-memory state and config stores. Values go in as JSON copies
 * and come out as fresh copies, so neither the caller's object nor a returned tree can change what is stored.
 */
final class JsonValueMap {

	private final ConcurrentHashMap<String, JsonNode> values = new ConcurrentHashMap<>();

	private final MessageCodec codec;

	JsonValueMap(MessageCodec codec, Map<String, ? extends @Nullable Object> initialValues) {
		this.codec = Objects.requireNonNull(codec, "codec");
		initialValues.forEach(this::put);
	}

	Map<String, @Nullable Object> get(String... names) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		for (String name : names) {
			JsonNode value = this.values.get(name);
			result.put(name, (value == null || value.isNull()) ? null : value.deepCopy());
		}
		return Collections.unmodifiableMap(result);
	}

	void put(String name, @Nullable Object value) {
		Objects.requireNonNull(name, "name");
		JsonNode copy = this.codec.copyAsJson(value);
		this.values.put(name, (copy != null) ? copy : NullNode.getInstance());
	}

	void remove(String name) {
		this.values.remove(Objects.requireNonNull(name, "name"));
	}

	int size() {
		return this.values.size();
	}

}
