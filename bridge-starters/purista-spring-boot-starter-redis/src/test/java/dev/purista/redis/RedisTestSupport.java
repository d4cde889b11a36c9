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
public final class RedisTestSupport implements AutoCloseable {

	/** Where Redis runs. */
	public final BrokerAddress address;

	/** A started connection factory. */
	public final LettuceConnectionFactory connectionFactory;

	/** A template on {@link #connectionFactory}. */
	public final StringRedisTemplate template;

	/**
	 * Connect to database 0 of the Redis {@link BrokerResolution} finds.
	 */
	public RedisTestSupport() {
		this(0);
	}

	/**
	 * Connect to a database of the Redis {@link BrokerResolution} finds.
	 * @param database the database number
	 */
	public RedisTestSupport(int database) {
		this.address = BrokerResolution.require(Broker.REDIS);
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(this.address.host(),
				this.address.port());
		configuration.setDatabase(database);
		this.connectionFactory = new LettuceConnectionFactory(configuration);
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.template = new StringRedisTemplate(this.connectionFactory);
	}

	/**
	 * Delete every key of the database: only for a database no other test class uses.
	 */
	public void flush() {
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
