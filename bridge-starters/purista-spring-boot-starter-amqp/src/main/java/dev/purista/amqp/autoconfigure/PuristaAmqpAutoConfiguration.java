package dev.purista.amqp.autoconfigure;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.AmqpNames;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.MessageCodec;

/**
 * The AMQP event bridge, selected with {@code purista.event-bridge.type=amqp} (the {@code staging} and
 * {@code production} presets), on Spring Boot's RabbitMQ connection ({@code spring.rabbitmq.*}; the starter
 * defaults {@code spring.rabbitmq.publisher-confirm-type} to {@code simple}). PURISTA's lifecycle starts it
 * before the services and destroys it after they drained.
 */
@AutoConfiguration(before = PuristaAutoConfiguration.class,
		afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties({ PuristaAmqpProperties.class, PuristaProperties.class })
public final class PuristaAmqpAutoConfiguration {

	@Bean
	@ConditionalOnBean(ConnectionFactory.class)
	@ConditionalOnMissingBean(EventBridge.class)
	@ConditionalOnProperty(name = "purista.event-bridge.type", havingValue = "amqp")
	AmqpEventBridge puristaAmqpEventBridge(ConnectionFactory connectionFactory, MessageCodec codec,
			PuristaProperties purista, PuristaAmqpProperties amqp) {
		AmqpEventBridgeOptions options = new AmqpEventBridgeOptions(
				new AmqpNames(amqp.getExchange(), amqp.getNamePrefix()), purista.getEventBridge().getInstanceId(),
				purista.getEventBridge().getDefaultCommandTimeout(), amqp.getConsumersPerQueue(), amqp.getPrefetch(),
				amqp.getConfirmTimeout(), amqp.getSettleTimeout());
		return new AmqpEventBridge(connectionFactory, codec, options);
	}

}
