package dev.purista.nats.autoconfigure;

import io.nats.client.Options;

/**
 * Callback to adjust the NATS connection {@link Options} that {@link PuristaNatsAutoConfiguration} builds from
 * {@code purista.nats.*}, for what the properties do not cover (an auth handler, a server pool, an error
 * listener, socket settings). Customizers run after the properties were applied, in
 * {@link org.springframework.core.Ordered order}, so a later one wins. The bridge still names the connection after
 * its instance id unless a customizer names it.
 */
@FunctionalInterface
public interface NatsOptionsCustomizer {

	/**
	 * Adjust the options.
	 * @param builder the builder, holding the configured properties
	 */
	void customize(Options.Builder builder);

}
