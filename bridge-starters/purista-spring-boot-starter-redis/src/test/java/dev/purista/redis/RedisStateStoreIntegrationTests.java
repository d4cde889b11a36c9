package dev.purista.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.store.AbstractStateStoreTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisStateStore} against a real Redis: the state store contract, plus the TypeScript-compatible key
 * layout (name as given, JSON value).
 */
class RedisStateStoreIntegrationTests extends AbstractStateStoreTests {

	private static RedisTestSupport redis;

	/** A database of its own, flushed before every test: store keys are the names as given. */
	private static final int STORE_DATABASE = 2;

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
	protected StateStore createStore(StoreOptions options) {
		return new RedisStateStore(redis.template, new MessageCodec(), options);
	}

	@Test
	void valuesAreStoredUnderTheNameAsGivenAsJsonLikeTypeScriptPurista() {
		StateStore store = createStore(StoreOptions.stateDefaults());

		store.setState("user:42", java.util.Map.of("name", "Ada", "age", 36));

		assertThat(redis.template.opsForValue().get("user:42")).isIn("{\"name\":\"Ada\",\"age\":36}",
				"{\"age\":36,\"name\":\"Ada\"}");
		redis.template.opsForValue().set("written-by-typescript", "{\"tags\":[\"a\",\"b\"]}");
		assertThat(store.getState("written-by-typescript").get("written-by-typescript").toString())
			.isEqualTo("{\"tags\":[\"a\",\"b\"]}");
	}

}
