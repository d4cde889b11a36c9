package dev.purista.nats.autoconfigure;

import java.security.NoSuchAlgorithmException;

import io.nats.client.Options;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.queue.NatsQueueBridge;
import dev.purista.nats.queue.NatsQueueBridgeOptions;

/**
 * The NATS event bridge, selected with {@code purista.event-bridge.type=nats}, and the JetStream queue bridge,
 * selected with {@code purista.queue-bridge.type=nats} (options from {@code purista.nats.queue.*}, adjusted by
 * {@link NatsQueueBridgeOptionsCustomizer} beans), each on its own NATS connection configured by
 * {@code purista.nats.*} (servers, credentials, TLS through an SSL bundle, reconnect settings) and adjusted by
 * {@link NatsOptionsCustomizer} beans; the bridge names the connection after its instance id. PURISTA's lifecycle
 * starts the bridge (connecting to NATS) before the services and destroys it (closing the connection) after they
 * drained; a server that cannot be reached ends the start with a failure analysis. Runs after
 * {@link PuristaFoundationAutoConfiguration}, whose codec and properties it uses, and before
 * {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of. Its options can be adjusted
 * with {@link NatsEventBridgeOptionsCustomizer} beans.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class)
@EnableConfigurationProperties(PuristaNatsProperties.class)
@Conditional(PuristaNatsAutoConfiguration.NatsSelected.class)
public final class PuristaNatsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Options puristaNatsOptions(PuristaNatsProperties properties, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<NatsOptionsCustomizer> customizers) {
		Options.Builder builder = new Options.Builder()
			.servers(properties.getServers().toArray(String[]::new))
			.connectionTimeout(properties.getConnectionTimeout())
			.reconnectWait(properties.getReconnectWait())
			.maxReconnects(properties.getMaxReconnects())
			.pingInterval(properties.getPingInterval())
			.reconnectBufferSize(properties.getReconnectBufferSize().toBytes());
		if (properties.getUsername() != null) {
			builder.userInfo(properties.getUsername(),
					(properties.getPassword() != null) ? properties.getPassword() : "");
		}
		if (properties.getToken() != null) {
			builder.token(properties.getToken().toCharArray());
		}
		if (properties.getCredentialsFile() != null) {
			builder.credentialPath(properties.getCredentialsFile());
		}
		configureTls(builder, properties.getSsl(), sslBundles);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(EventBridge.class)
	@ConditionalOnProperty(name = "purista.event-bridge.type", havingValue = "nats")
	NatsEventBridge puristaNatsEventBridge(Options natsOptions, MessageCodec codec, PuristaProperties purista,
			PuristaNatsProperties nats, ObjectProvider<NatsEventBridgeOptionsCustomizer> customizers) {
		NatsEventBridgeOptions.Builder options = NatsEventBridgeOptions.builder()
			.subjectPrefix(nats.getSubjectPrefix())
			.instanceId(purista.getEventBridge().getInstanceId())
			.defaultCommandTimeout(purista.getEventBridge().getDefaultCommandTimeout())
			.commandResponsePublishTwice(nats.getCommandResponsePublishTwice())
			.handlerThreads(nats.getHandlerThreads())
			.handlerExecution(nats.getHandlerExecution())
			.settleTimeout(nats.getSettleTimeout())
			.flushTimeout(nats.getFlushTimeout())
			.jetStreamAckWait(nats.getJetstreamAckWait())
			.maxMessages(nats.getMaxMessages())
			.outboundBuffer(purista.getEventBridge().getOutboundBuffer().toLimits());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return new NatsEventBridge(natsOptions, codec, options.build());
	}

	@Bean
	@ConditionalOnMissingBean(QueueBridge.class)
	@ConditionalOnProperty(name = "purista.queue-bridge.type", havingValue = "nats")
	NatsQueueBridge puristaNatsQueueBridge(Options natsOptions, MessageCodec codec, PuristaNatsProperties nats,
			ObjectProvider<NatsQueueBridgeOptionsCustomizer> customizers) {
		PuristaNatsProperties.Queue queue = nats.getQueue();
		NatsQueueBridgeOptions.Builder options = NatsQueueBridgeOptions.builder()
			.subjectPrefix(queue.getSubjectPrefix())
			.defaultLeaseTtl(queue.getDefaultLeaseTtl())
			.defaultMaxAttempts(queue.getDefaultMaxAttempts())
			.storageType(queue.getStorage())
			.releaseBatchSize(queue.getReleaseBatchSize())
			.idempotencyPendingTimeout(queue.getIdempotencyPendingTimeout())
			.pollInterval(queue.getPollInterval());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return new NatsQueueBridge(natsOptions, codec, options.build());
	}

	@Bean
	BrokerConnectionFailureDescriber puristaNatsConnectionFailureDescriber(Options natsOptions) {
		return new NatsConnectionFailureDescriber(
				natsOptions.getServers().stream().map((uri) -> uri.getHost() + ":" + uri.getPort()).toList());
	}

	private static void configureTls(Options.Builder builder, PuristaNatsProperties.Ssl ssl,
			ObjectProvider<SslBundles> sslBundles) {
		boolean enabled = (ssl.getEnabled() != null) ? ssl.getEnabled() : ssl.getBundle() != null;
		if (!enabled) {
			return;
		}
		if (ssl.getBundle() != null) {
			builder.sslContext(sslBundles.getObject().getBundle(ssl.getBundle()).createSslContext());
			return;
		}
		try {
			builder.secure();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("purista.nats.ssl.enabled=true but the JVM has no default TLS context", ex);
		}
	}

	/**
	 * Matches when the event bridge, the queue bridge or the state store is NATS.
	 */
	static final class NatsSelected extends AnyNestedCondition {

		NatsSelected() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "purista.event-bridge.type", havingValue = "nats")
		static final class EventBridgeIsNats {

		}

		@ConditionalOnProperty(name = "purista.queue-bridge.type", havingValue = "nats")
		static final class QueueBridgeIsNats {

		}

		@ConditionalOnProperty(name = "purista.state-store.type", havingValue = "nats")
		static final class StateStoreIsNats {

		}

	}

}
