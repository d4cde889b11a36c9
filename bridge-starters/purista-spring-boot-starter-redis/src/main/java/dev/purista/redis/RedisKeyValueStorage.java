package dev.purista.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
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

	private final String storeName;

	private final StringRedisTemplate redis;

	RedisKeyValueStorage(String storeName, StringRedisTemplate redis) {
		this.storeName = storeName;
		this.redis = redis;
	}

	@Override
	public Map<String, String> get(List<String> keys) {
		List<String> values;
		try {
			values = this.redis.opsForValue().multiGet(keys);
		}
		catch (DataAccessException ex) {
			throw RedisStoreFailures.translate(this.storeName, "read " + describe(keys), ex);
		}
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
		try {
			this.redis.opsForValue().set(key, json);
		}
		catch (DataAccessException ex) {
			throw RedisStoreFailures.translate(this.storeName, "write key '" + key + "'", ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			this.redis.delete(key);
		}
		catch (DataAccessException ex) {
			throw RedisStoreFailures.translate(this.storeName, "delete key '" + key + "'", ex);
		}
	}

	@Override
	public boolean isHealthy() {
		return RedisHealth.answersPing(this.redis);
	}

	private static String describe(List<String> keys) {
		return (keys.size() == 1) ? "key '" + keys.get(0) + "'" : keys.size() + " keys";
	}

	@Override
	public String toString() {
		return "RedisKeyValueStorage";
	}

}
