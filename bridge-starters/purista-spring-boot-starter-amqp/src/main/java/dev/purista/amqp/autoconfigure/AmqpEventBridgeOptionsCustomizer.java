package dev.purista.amqp.autoconfigure;

import dev.purista.amqp.AmqpEventBridgeOptions;

/**
 * Callback to adjust the options of the {@link dev.purista.amqp.AmqpEventBridge} that
 * {@link PuristaAmqpAutoConfiguration} builds, instead of replacing the whole bridge bean. Customizers run after
 * the {@code purista.amqp.*} and {@code purista.event-bridge.*} properties were applied, in
 * {@link org.springframework.core.Ordered order}, so a later one wins.
 */
@FunctionalInterface
public interface AmqpEventBridgeOptionsCustomizer {

	/**
	 * Adjust the options.
	 * @param builder the builder, holding the defaults and the configured properties
	 */
	void customize(AmqpEventBridgeOptions.Builder builder);

}
