package dev.purista.nats.autoconfigure;

import dev.purista.nats.NatsEventBridgeOptions;

/**
 * Callback to adjust the options of the {@link dev.purista.nats.NatsEventBridge} that
 * {@link PuristaNatsAutoConfiguration} builds, instead of replacing the whole bridge bean. Customizers run after
 * the {@code purista.nats.*} and {@code purista.event-bridge.*} properties were applied, in
 * {@link org.springframework.core.Ordered order}, so a later one wins.
 */
@FunctionalInterface
public interface NatsEventBridgeOptionsCustomizer {

	/**
	 * Adjust the options.
	 * @param builder the builder, holding the defaults and the configured properties
	 */
	void customize(NatsEventBridgeOptions.Builder builder);

}
