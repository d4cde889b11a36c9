package dev.purista.redis.queue;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.redis.RedisTestSupport;
import dev.purista.test.queue.AbstractQueueBridgeTests;

/**
 * {@link RedisQueueBridge} against the queue bridge contract, on a real Redis.
 */
class RedisQueueBridgeContractIntegrationTests extends AbstractQueueBridgeTests {

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

	@Override
	protected QueueBridge createBridge() {
		return new RedisQueueBridge(redis.connectionFactory, new MessageCodec(),
				RedisQueueBridgeOptions.builder().orphanCheckInterval(Duration.ofMillis(100)).build(),
				Clock.systemUTC());
	}

}
