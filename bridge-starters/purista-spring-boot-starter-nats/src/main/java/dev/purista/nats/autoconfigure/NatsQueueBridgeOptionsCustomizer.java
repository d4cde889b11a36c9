package dev.purista.nats.autoconfigure;

import dev.purista.nats.queue.NatsQueueBridgeOptions;

/**
 * Adjusts the {@link NatsQueueBridgeOptions} of the auto-configured
 * {@link dev.purista.nats.queue.NatsQueueBridge} after {@code purista.nats.queue.*} was applied. Beans of this
 * type are called in their {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface NatsQueueBridgeOptionsCustomizer {

	/**
	 * Adjust the options.
	 * @param options the builder, already holding the properties' values
	 */
	void customize(NatsQueueBridgeOptions.Builder options);

}
