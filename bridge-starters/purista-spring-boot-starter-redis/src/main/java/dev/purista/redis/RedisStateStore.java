package dev.purista.redis;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.KeyValueStateStore;
import dev.purista.core.store.StoreOptions;

/**
 * A state store in Redis, sharing keys and JSON values with TypeScript PURISTA's {@code RedisStateStore}:
 * key = name as given, value = JSON. Values read back as JSON trees. Healthy while Redis answers a
 * {@code PING}. Methods block for one Redis round trip.
 */
public class RedisStateStore extends KeyValueStateStore {

	/** The store name. */
	public static final String NAME = "RedisStateStore";

	/**
	 * Create a store.
	 * @param redis the Redis operations (Boot's {@code StringRedisTemplate})
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public RedisStateStore(StringRedisTemplate redis, MessageCodec codec, StoreOptions options) {
		super(NAME, new RedisKeyValueStorage(NAME, redis), codec, options);
	}

}
