package dev.purista.redis.autoconfigure;

import dev.purista.redis.queue.RedisQueueBridgeOptions;

/**
 * Callback to adjust the options of the {@link dev.purista.redis.queue.RedisQueueBridge} that
 * {@link PuristaRedisQueueAutoConfiguration} builds, instead of replacing the whole bridge bean. Customizers run
 * after the {@code purista.redis.queue.*} properties were applied, in {@link org.springframework.core.Ordered
 * order}, so a later one wins.
 */
@FunctionalInterface
public interface RedisQueueBridgeOptionsCustomizer {

	/**
	 * Adjust the options.
	 * @param builder the builder, holding the defaults and the configured properties
	 */
	void customize(RedisQueueBridgeOptions.Builder builder);

}
