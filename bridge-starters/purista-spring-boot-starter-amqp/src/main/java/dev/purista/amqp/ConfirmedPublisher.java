package dev.purista.amqp;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes what must not be lost silently (events, subscription retries and dead letters) on the confirming
 * connection factory, waiting for the broker's confirm when that factory has simple publisher confirms.
 */
final class ConfirmedPublisher {

	private final ConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final Duration confirmTimeout;

	private final AmqpTopology topology;

	/**
	 * Create a publisher.
	 * @param connectionFactory the confirming connection factory
	 * @param confirmTimeout how long to wait for a confirm
	 * @param topology where retry and dead-letter queues are declared
	 */
	ConfirmedPublisher(ConnectionFactory connectionFactory, Duration confirmTimeout, AmqpTopology topology) {
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "confirmingConnectionFactory");
		this.template = new RabbitTemplate(connectionFactory);
		this.confirmTimeout = confirmTimeout;
		this.topology = topology;
	}

	/**
	 * Publish a message and wait for its confirm.
	 * @param exchange the exchange ({@code ""} for the default exchange)
	 * @param routingKey the routing key
	 * @param message the message
	 * @throws org.springframework.amqp.AmqpException if it cannot be published or is not confirmed in time
	 */
	void publish(String exchange, String routingKey, Message message) {
		if (this.connectionFactory.isSimplePublisherConfirms()) {
			this.template.invoke((operations) -> {
				operations.send(exchange, routingKey, message);
				operations.waitForConfirmsOrDie(this.confirmTimeout.toMillis());
				return null;
			});
		}
		else {
			this.template.send(exchange, routingKey, message);
		}
	}

	/**
	 * Publish a received subscription message again for its next attempt: straight to its queue, or after a
	 * delay through the queue's retry queue.
	 * @param received the received message
	 * @param queue the subscription's queue
	 * @param nextAttempt the attempt the copy will be
	 * @param delay the delay ({@link Duration#ZERO} for none)
	 * @param durable whether the subscription is durable
	 */
	void retry(Message received, String queue, int nextAttempt, Duration delay, boolean durable) {
		Message again = AmqpMessageConverter.copyWithHeader(received, AmqpHeaders.RETRY_ATTEMPT, nextAttempt);
		String target = (delay.toMillis() > 0) ? this.topology.retryQueue(queue, delay, durable) : queue;
		publish("", target, again);
	}

	/**
	 * Copy a received message to a dead-letter queue (declared if need be) with the reason in header
	 * {@link AmqpHeaders#DEAD_LETTER_REASON}.
	 * @param received the received message
	 * @param deadLetterQueue the dead-letter queue
	 * @param reason why, or {@code null}
	 */
	void deadLetter(Message received, String deadLetterQueue, @Nullable String reason) {
		this.topology.deadLetterQueue(deadLetterQueue);
		publish("", deadLetterQueue, AmqpMessageConverter.copyWithHeader(received, AmqpHeaders.DEAD_LETTER_REASON,
				(reason != null) ? reason : "dead-lettered"));
	}

}
