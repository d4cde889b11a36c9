package dev.purista.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.ConfigStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.store.AbstractConfigStoreTests;

/**
 * {@link RedisConfigStore} against a real Redis: the config store contract.
 */
class RedisConfigStoreIntegrationTests extends AbstractConfigStoreTests {

	private static RedisTestSupport redis;

	/** A database of its own, flushed before every test: store keys are the names as given. */
	private static final int STORE_DATABASE = 3;

	@BeforeAll
	static void connect() {
		redis = new RedisTestSupport(STORE_DATABASE);
	}

	@AfterAll
	static void disconnect() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void flush() {
		redis.flush();
	}

	@Override
	protected ConfigStore createStore(StoreOptions options) {
		return new RedisConfigStore(redis.template, new MessageCodec(), options);
	}

}
