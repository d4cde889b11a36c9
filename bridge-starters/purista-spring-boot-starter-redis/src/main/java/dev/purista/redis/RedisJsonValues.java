package dev.purista.redis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;

/**
 * JSON values in Redis as TypeScript PURISTA keeps them: the key is the name as given (no prefix), the value
 * {@code JSON.stringify(value)} written with {@code SET}, read with {@code GET} (here {@code MGET}, one round
 * trip for many names) and removed with {@code DEL}.
 */
final class RedisJsonValues {

	private final StringRedisTemplate redis;

	private final MessageCodec codec;

	RedisJsonValues(StringRedisTemplate redis, MessageCodec codec) {
		this.redis = redis;
		this.codec = codec;
	}

	Map<String, @Nullable Object> get(String kind, String... names) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		if (names.length == 0) {
			return values;
		}
		List<String> raw = this.redis.opsForValue().multiGet(Arrays.asList(names));
		for (int i = 0; i < names.length; i++) {
			String json = (raw != null) ? raw.get(i) : null;
			values.put(names[i], (json != null) ? parse(kind, names[i], json) : null);
		}
		return values;
	}

	void set(String kind, String name, @Nullable Object value) {
		String json;
		try {
			json = this.codec.mapper().writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new UnhandledException(500, kind + " '" + name + "' cannot be written as JSON", null, null, ex);
		}
		this.redis.opsForValue().set(name, json);
	}

	boolean isHealthy() {
		return RedisHealth.answersPing(this.redis);
	}

	void remove(String name) {
		this.redis.delete(name);
	}

	private @Nullable Object parse(String kind, String name, String json) {
		try {
			JsonNode value = this.codec.mapper().readTree(json);
			return (value == null || value.isNull()) ? null : value;
		}
		catch (JacksonException ex) {
			throw new UnhandledException(500, kind + " '" + name + "' in Redis is not valid JSON", null, null, ex);
		}
	}

}
