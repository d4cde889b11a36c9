package dev.purista.nats.autoconfigure;

import io.nats.client.Options;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.nats.store.NatsStateStore;

/**
 * The NATS state store, selected with {@code purista.state-store.type=nats}: a JetStream key-value bucket
 * ({@code purista.nats.state-store.*}) on a connection of its own from the {@code Options} that
 * {@link PuristaNatsAutoConfiguration} builds from {@code purista.nats.*}. The store connects on first use and
 * its connection is closed with the context. Runs after {@link PuristaNatsAutoConfiguration} and before
 * {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of.
 */
@AutoConfiguration(after = { PuristaFoundationAutoConfiguration.class, PuristaNatsAutoConfiguration.class },
		before = PuristaAutoConfiguration.class)
@ConditionalOnProperty(name = "purista.state-store.type", havingValue = "nats")
@EnableConfigurationProperties(PuristaNatsStateStoreProperties.class)
public final class PuristaNatsStateStoreAutoConfiguration {

	@Bean(destroyMethod = "destroy")
	@ConditionalOnBean(Options.class)
	@ConditionalOnMissingBean(StateStore.class)
	NatsStateStore puristaNatsStateStore(Options natsOptions, MessageCodec codec,
			PuristaNatsStateStoreProperties properties) {
		return new NatsStateStore(natsOptions, properties.getBucket(), properties.getStorage(), codec,
				StoreOptions.stateDefaults());
	}

}
