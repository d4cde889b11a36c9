package dev.purista.amqp;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

/**
 * Connection factories for the RabbitMQ found by {@link BrokerResolution} (skipped without one, failing in CI),
 * as PURISTA's AMQP starter arranges them: one with Spring Boot's defaults (no publisher confirms) for consumers,
 * commands and responses, and one with simple publisher confirms for events, retries and dead letters.
 */
public final class RabbitTestSupport implements AutoCloseable {

	/** Where RabbitMQ runs. */
	public final BrokerAddress address;

	/** The connection factory for consumers, commands and responses, without publisher confirms. */
	public final CachingConnectionFactory connectionFactory;

	/** The connection factory for events, retries and dead letters, with simple publisher confirms. */
	public final CachingConnectionFactory confirmingConnectionFactory;

	/** A template on {@link #connectionFactory}. */
	public final RabbitTemplate template;

	/** An admin on {@link #connectionFactory}, to look at and delete queues. */
	public final RabbitAdmin admin;

	/**
	 * Connect to the RabbitMQ {@link BrokerResolution} finds.
	 */
	public RabbitTestSupport() {
		this.address = BrokerResolution.require(Broker.RABBITMQ);
		this.connectionFactory = connectionFactory(this.address.host(), this.address.port(), this.address);
		this.confirmingConnectionFactory = connectionFactory(this.address.host(), this.address.port(), this.address);
		this.confirmingConnectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		this.template = new RabbitTemplate(this.connectionFactory);
		this.admin = new RabbitAdmin(this.connectionFactory);
	}

	/**
	 * Create a bridge on these connection factories, as the AMQP starter does.
	 * @param options the bridge's options
	 * @return the bridge, not started
	 */
	public AmqpEventBridge bridge(AmqpEventBridgeOptions options) {
		return new AmqpEventBridge(this.connectionFactory, this.confirmingConnectionFactory, new MessageCodec(),
				options);
	}

	/**
	 * Create a connection factory with the credentials of a broker address.
	 * @param host the host to connect to
	 * @param port the port to connect to (the broker's, or a proxy's in front of it)
	 * @param credentials where the user name and password come from
	 * @return the connection factory, without publisher confirms
	 */
	public static CachingConnectionFactory connectionFactory(String host, int port, BrokerAddress credentials) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(host, port);
		if (credentials.username() != null) {
			connectionFactory.setUsername(credentials.username());
			connectionFactory.setPassword(credentials.password());
		}
		return connectionFactory;
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
		this.confirmingConnectionFactory.destroy();
	}

}
