package dev.purista.redis;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

/**
 * A connection to the Redis found by {@link BrokerResolution} (skipped without one, failing in CI).
 */
final class RedisTestSupport implements AutoCloseable {

	final BrokerAddress address;

	final LettuceConnectionFactory connectionFactory;

	final StringRedisTemplate template;

	RedisTestSupport() {
		this.address = BrokerResolution.require(Broker.REDIS);
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.address.host(), this.address.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.template = new StringRedisTemplate(this.connectionFactory);
	}

	void flush() {
		this.template.execute((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushDb();
			return null;
		});
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

}
