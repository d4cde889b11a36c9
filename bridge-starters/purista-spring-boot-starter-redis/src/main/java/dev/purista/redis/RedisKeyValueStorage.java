package dev.purista.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.store.KeyValueStorage;

/**
 * JSON text in Redis as TypeScript PURISTA keeps it: the key is the name as given (no prefix), the value
 * {@code JSON.stringify(value)} written with {@code SET}, read with {@code GET} (here {@code MGET}, one round
 * trip for many names) and removed with {@code DEL}. Healthy while Redis answers a {@code PING}.
 * <p>
 * Thread-safe; each method blocks for one Redis round trip.
 */
final class RedisKeyValueStorage implements KeyValueStorage {

	private final StringRedisTemplate redis;

	RedisKeyValueStorage(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Map<String, String> get(List<String> keys) {
		List<String> values = this.redis.opsForValue().multiGet(keys);
		Map<String, String> found = new LinkedHashMap<>();
		for (int i = 0; values != null && i < keys.size(); i++) {
			String json = values.get(i);
			if (json != null) {
				found.put(keys.get(i), json);
			}
		}
		return found;
	}

	@Override
	public void put(String key, String json) {
		this.redis.opsForValue().set(key, json);
	}

	@Override
	public void delete(String key) {
		this.redis.delete(key);
	}

	@Override
	public boolean isHealthy() {
		return RedisHealth.answersPing(this.redis);
	}

	@Override
	public String toString() {
		return "RedisKeyValueStorage";
	}

}
