package dev.purista.boot.autoconfigure;

import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;

/**
 * Callback to adjust the options of the in-memory event bridge that {@link PuristaAutoConfiguration} builds,
 * instead of replacing the whole {@code EventBridge} bean. Customizers run after the {@code purista.event-bridge.*}
 * properties were applied, in {@link org.springframework.core.Ordered order}, so a later one wins.
 */
@FunctionalInterface
public interface InMemoryEventBridgeOptionsCustomizer {

	/**
	 * Adjust the options.
	 * @param builder the builder, holding the defaults and the configured properties
	 */
	void customize(InMemoryEventBridgeOptions.Builder builder);

}
