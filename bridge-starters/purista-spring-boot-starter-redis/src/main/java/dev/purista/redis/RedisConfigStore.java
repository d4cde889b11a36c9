package dev.purista.redis;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.KeyValueConfigStore;
import dev.purista.core.store.StoreOptions;

/**
 * A config store in Redis, sharing keys and JSON values with TypeScript PURISTA's {@code RedisConfigStore}:
 * key = name as given, value = JSON. By default only reading is enabled. Healthy while Redis answers a
 * {@code PING}. Methods block for one Redis round trip.
 */
public class RedisConfigStore extends KeyValueConfigStore {

	/** The store name. */
	public static final String NAME = "RedisConfigStore";

	/**
	 * Create a store.
	 * @param redis the Redis operations (Boot's {@code StringRedisTemplate})
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public RedisConfigStore(StringRedisTemplate redis, MessageCodec codec, StoreOptions options) {
		super(NAME, new RedisKeyValueStorage(NAME, redis), codec, options);
	}

}
