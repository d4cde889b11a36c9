package dev.purista.redis;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;
import dev.purista.redis.queue.RedisQueueBridge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health of the Redis components: healthy while Redis answers, unhealthy when nothing listens.
 */
class RedisHealthIntegrationTests {

	private static RedisTestSupport redis;

	@BeforeAll
	static void connect() {
		redis = new RedisTestSupport();
	}

	@AfterAll
	static void disconnect() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void componentsOnAnsweringRedisAreHealthy() {
		MessageCodec codec = new MessageCodec();
		assertThat(new RedisStateStore(redis.template, codec, StoreOptions.stateDefaults()).isHealthy()).isTrue();
		assertThat(new RedisConfigStore(redis.template, codec, StoreOptions.configDefaults()).isHealthy()).isTrue();
		RedisQueueBridge bridge = new RedisQueueBridge(redis.connectionFactory, codec);
		assertThat(bridge.isHealthy()).as("not started yet").isFalse();
		bridge.start();
		assertThat(bridge.isHealthy()).isTrue();
		bridge.destroy();
		assertThat(bridge.isHealthy()).isFalse();
	}

	@Test
	void componentsWithoutRedisAreUnhealthy() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			StringRedisTemplate template = new StringRedisTemplate(nowhere);
			assertThat(new RedisStateStore(template, new MessageCodec(), StoreOptions.stateDefaults()).isHealthy())
				.isFalse();
			assertThat(RedisHealth.answersPing(template)).isFalse();
		}
		finally {
			nowhere.destroy();
		}
	}

}
