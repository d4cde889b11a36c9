package dev.purista.amqp;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

/**
 * A connection factory for the RabbitMQ found by {@link BrokerResolution} (skipped without one, failing in CI),
 * with simple publisher confirms as PURISTA's AMQP starter sets them.
 */
public final class RabbitTestSupport implements AutoCloseable {

	/** Where RabbitMQ runs. */
	public final BrokerAddress address;

	/** The connection factory. */
	public final CachingConnectionFactory connectionFactory;

	/** A template on {@link #connectionFactory}. */
	public final RabbitTemplate template;

	/** An admin on {@link #connectionFactory}, to look at and delete queues. */
	public final RabbitAdmin admin;

	/**
	 * Connect to the RabbitMQ {@link BrokerResolution} finds.
	 */
	public RabbitTestSupport() {
		this.address = BrokerResolution.require(Broker.RABBITMQ);
		this.connectionFactory = new CachingConnectionFactory(this.address.host(), this.address.port());
		if (this.address.username() != null) {
			this.connectionFactory.setUsername(this.address.username());
			this.connectionFactory.setPassword(this.address.password());
		}
		this.connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		this.template = new RabbitTemplate(this.connectionFactory);
		this.admin = new RabbitAdmin(this.connectionFactory);
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

}
