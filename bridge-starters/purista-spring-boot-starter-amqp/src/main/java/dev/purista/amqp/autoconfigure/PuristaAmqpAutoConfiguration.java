package dev.purista.amqp.autoconfigure;

import java.util.List;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.AmqpNames;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.MessageCodec;

/**
 * The AMQP event bridge, selected with {@code purista.event-bridge.type=amqp} (the {@code staging} and
 * {@code production} presets), on Spring Boot's RabbitMQ connection ({@code spring.rabbitmq.*}) for its
 * consumers, commands and responses, and on a second connection with simple publisher confirms for events,
 * subscription retries and dead letters ({@code purista.amqp.publisher-confirms}). PURISTA's lifecycle starts
 * the bridge before the services and destroys it after they drained. Runs after
 * {@link PuristaFoundationAutoConfiguration}, whose codec and properties it uses, and before
 * {@link PuristaAutoConfiguration}, whose in-memory fallback it takes the place of. Its options can be adjusted
 * with {@link AmqpEventBridgeOptionsCustomizer} beans.
 */
@AutoConfiguration(after = PuristaFoundationAutoConfiguration.class, before = PuristaAutoConfiguration.class,
		afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(PuristaAmqpProperties.class)
@ConditionalOnProperty(name = "purista.event-bridge.type", havingValue = "amqp")
public final class PuristaAmqpAutoConfiguration {

	/** Name of the connection factory for confirmed publishes. */
	public static final String CONFIRMING_CONNECTION_FACTORY = "puristaAmqpConfirmingConnectionFactory";

	/**
	 * The connection factory events, retries and dead letters are published on: Spring Boot's RabbitMQ client
	 * settings and {@code spring.rabbitmq.*} cache settings with simple publisher confirms, on a connection of
	 * its own. Not a default candidate: whoever injects a {@link ConnectionFactory} still gets Spring Boot's.
	 * @param connectionFactory Spring Boot's connection factory, whose RabbitMQ client settings are shared
	 * @param configurer Spring Boot's configurer of {@code spring.rabbitmq.*}
	 * @return the connection factory
	 */
	@Bean(name = CONFIRMING_CONNECTION_FACTORY, defaultCandidate = false)
	@ConditionalOnSingleCandidate(AbstractConnectionFactory.class)
	@ConditionalOnBean(CachingConnectionFactoryConfigurer.class)
	@ConditionalOnProperty(name = "purista.amqp.publisher-confirms", havingValue = "true", matchIfMissing = true)
	CachingConnectionFactory puristaAmqpConfirmingConnectionFactory(AbstractConnectionFactory connectionFactory,
			CachingConnectionFactoryConfigurer configurer) {
		CachingConnectionFactory confirming = new CachingConnectionFactory(
				connectionFactory.getRabbitConnectionFactory());
		configurer.configure(confirming);
		confirming.setPublisherConfirmType(ConfirmType.SIMPLE);
		confirming.setPublisherReturns(false);
		return confirming;
	}

	@Bean
	@ConditionalOnBean(ConnectionFactory.class)
	@ConditionalOnMissingBean(EventBridge.class)
	AmqpEventBridge puristaAmqpEventBridge(ConnectionFactory connectionFactory,
			@Qualifier(CONFIRMING_CONNECTION_FACTORY) ObjectProvider<ConnectionFactory> confirmingConnectionFactory,
			MessageCodec codec, PuristaProperties purista, PuristaAmqpProperties amqp,
			ObjectProvider<AmqpEventBridgeOptionsCustomizer> customizers) {
		AmqpEventBridgeOptions.Builder options = AmqpEventBridgeOptions.builder()
			.names(new AmqpNames(amqp.getExchange(), amqp.getNamePrefix()))
			.instanceId(purista.getEventBridge().getInstanceId())
			.defaultCommandTimeout(purista.getEventBridge().getDefaultCommandTimeout())
			.consumersPerQueue(amqp.getConsumersPerQueue())
			.prefetch(amqp.getPrefetch())
			.confirmTimeout(amqp.getConfirmTimeout())
			.settleTimeout(amqp.getSettleTimeout())
			.outboundBuffer(purista.getEventBridge().getOutboundBuffer().toLimits());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return new AmqpEventBridge(connectionFactory, confirmingConnectionFactory.getIfAvailable(() -> connectionFactory),
				codec, options.build());
	}

	@Bean
	@ConditionalOnBean(ConnectionFactory.class)
	BrokerConnectionFailureDescriber puristaRabbitConnectionFailureDescriber(ConnectionFactory connectionFactory,
			ObjectProvider<RabbitConnectionDetails> connectionDetails) {
		RabbitConnectionDetails details = connectionDetails.getIfAvailable();
		List<String> addresses = (details != null)
				? details.getAddresses().stream().map((address) -> address.host() + ":" + address.port()).toList()
				: List.of(connectionFactory.getHost() + ":" + connectionFactory.getPort());
		return new RabbitConnectionFailureDescriber(addresses);
	}

}
