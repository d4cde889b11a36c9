package dev.purista.redis;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A state store in Redis, sharing keys and JSON values with TypeScript PURISTA's {@code RedisStateStore}:
 * key = name as given, value = JSON. Values read back as JSON trees. Methods block for one Redis round trip.
 */
public class RedisStateStore implements StateStore {

	/** The store name. */
	public static final String NAME = "RedisStateStore";

	private final RedisJsonValues values;

	private final StoreOptions options;

	/**
	 * Create a store.
	 * @param redis the Redis operations (Boot's {@code StringRedisTemplate})
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public RedisStateStore(StringRedisTemplate redis, MessageCodec codec, StoreOptions options) {
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
	public Map<String, @Nullable Object> getState(String... names) {
		this.options.checkGetEnabled(StoreKind.STATE);
		return this.values.get("state", names);
	}

	@Override
	public void setState(String name, @Nullable Object value) {
		this.options.checkSetEnabled(StoreKind.STATE);
		this.values.set("state", name, value);
	}

	@Override
	public void removeState(String name) {
		this.options.checkRemoveEnabled(StoreKind.STATE);
		this.values.remove(name);
	}

	@Override
	public String toString() {
		return NAME + " " + this.options;
	}

}
