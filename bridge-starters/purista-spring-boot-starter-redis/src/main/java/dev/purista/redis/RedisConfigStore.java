package dev.purista.redis;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A config store in Redis, sharing keys and JSON values with TypeScript PURISTA's {@code RedisConfigStore}:
 * key = name as given, value = JSON. By default only reading is enabled. Methods block for one Redis round
 * trip.
 */
public class RedisConfigStore implements ConfigStore {

	/** The store name. */
	public static final String NAME = "RedisConfigStore";

	private final RedisJsonValues values;

	private final StoreOptions options;

	/**
	 * Create a store.
	 * @param redis the Redis operations (Boot's {@code StringRedisTemplate})
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public RedisConfigStore(StringRedisTemplate redis, MessageCodec codec, StoreOptions options) {
		this.values = new RedisJsonValues(redis, codec);
		this.options = options;
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * Whether Redis answers a {@code PING} now.
	 */
	@Override
	public boolean isHealthy() {
		return this.values.isHealthy();
	}

	@Override
	public Map<String, @Nullable Object> getConfig(String... names) {
		this.options.checkGetEnabled(StoreKind.CONFIG);
		return this.values.get("config", names);
	}

	@Override
	public void setConfig(String name, @Nullable Object value) {
		this.options.checkSetEnabled(StoreKind.CONFIG);
		this.values.set("config", name, value);
	}

	@Override
	public void removeConfig(String name) {
		this.options.checkRemoveEnabled(StoreKind.CONFIG);
		this.values.remove(name);
	}

	@Override
	public String toString() {
		return NAME + " " + this.options;
	}

}
