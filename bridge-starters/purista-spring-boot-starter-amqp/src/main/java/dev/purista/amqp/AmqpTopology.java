package dev.purista.amqp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.HeadersExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import dev.purista.core.error.PuristaException;

/**
 * The exchange, queues and bindings one {@link AmqpEventBridge} declared, declared again on every new connection,
 * and whether that connection is up. Retry and dead-letter queues are declared when first used, and again after
 * a reconnect when used again.
 */
final class AmqpTopology {

	private static final Log logger = LogFactory.getLog(AmqpTopology.class);

	private final ConnectionFactory connectionFactory;

	private final RabbitAdmin admin;

	private final String exchange;

	private final String owner;

	private final Map<String, Declaration> declarations = new ConcurrentHashMap<>();

	private final Map<String, Boolean> declaredOnDemand = new ConcurrentHashMap<>();

	private final AtomicBoolean connected = new AtomicBoolean();

	private final ConnectionListener restorer = new Restorer();

	private final ConnectionEvents events;

	private volatile boolean restoring;

	/**
	 * Create the topology of one bridge.
	 * @param connectionFactory the connection factory the bridge consumes on
	 * @param exchange the headers exchange
	 * @param owner the bridge's name and instance id, for log messages
	 * @param events what to tell the bridge when the connection is lost and when it is back
	 */
	AmqpTopology(ConnectionFactory connectionFactory, String exchange, String owner, ConnectionEvents events) {
		this.connectionFactory = connectionFactory;
		this.events = events;
		this.admin = new RabbitAdmin(connectionFactory);
		this.exchange = exchange;
		this.owner = owner;
	}

	/**
	 * Track the connection from now on and declare the exchange.
	 * @throws AmqpException if RabbitMQ cannot be reached
	 */
	void attach() {
		this.connectionFactory.addConnectionListener(this.restorer);
		declareExchange();
	}

	/**
	 * Declare everything again on each new connection from now on (not before: the first connection is the
	 * bridge's start, which declares as it goes).
	 */
	void restoreOnReconnect() {
		this.restoring = true;
	}

	/**
	 * Stop tracking the connection and forget every declaration.
	 */
	void detach() {
		this.restoring = false;
		this.connectionFactory.removeConnectionListener(this.restorer);
		this.declarations.clear();
	}

	/**
	 * Whether the connection is up (after a reconnect: and everything was declared again).
	 * @return {@code true} while connected
	 */
	boolean isConnected() {
		return this.connected.get();
	}

	/**
	 * Declare a queue and its bindings to the exchange, and again after every reconnect.
	 * @param queue the queue
	 * @param bindings its bindings
	 * @throws AmqpException if RabbitMQ refuses
	 */
	void declare(Queue queue, List<Binding> bindings) {
		Declaration declaration = new Declaration(queue, bindings);
		this.declarations.put(queue.getName(), declaration);
		declaration.declareWith(this.admin);
	}

	/**
	 * Declare a queue of a registration and its binding.
	 * @param queue the queue
	 * @param binding its binding
	 * @throws PuristaException if RabbitMQ refuses, for example because the queue exists with other arguments
	 */
	void declareForRegistration(Queue queue, Binding binding) {
		try {
			declare(queue, List.of(binding));
		}
		catch (AmqpException ex) {
			throw new PuristaException(this.owner + " could not declare queue " + queue.getName()
					+ " on RabbitMQ (does a queue of that name exist with other arguments?): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stop declaring a queue after reconnects (it stays on the broker).
	 * @param queue the queue's name
	 */
	void forget(String queue) {
		this.declarations.remove(queue);
	}

	/**
	 * Declare, if not yet on this connection, the queue a subscription's delayed retries wait in: its messages
	 * expire after the delay back into the subscription's queue.
	 * @param queue the subscription's queue
	 * @param delay the delay
	 * @param durable whether the subscription is durable (a non-durable one's retry queue expires when unused)
	 * @return the retry queue's name
	 */
	String retryQueue(String queue, Duration delay, boolean durable) {
		String name = AmqpNames.retryQueue(queue, delay);
		this.declaredOnDemand.computeIfAbsent(name, (key) -> {
			this.admin.declareQueue(new Queue(name, durable, false, false, retryArguments(queue, delay, durable)));
			return Boolean.TRUE;
		});
		return name;
	}

	/**
	 * Declare a durable dead-letter queue, if not yet on this connection.
	 * @param name the queue's name
	 */
	void deadLetterQueue(String name) {
		this.declaredOnDemand.computeIfAbsent(name, (key) -> {
			this.admin.declareQueue(new Queue(name, true, false, false));
			return Boolean.TRUE;
		});
	}

	private void declareExchange() {
		this.admin.declareExchange(new HeadersExchange(this.exchange, true, false));
	}

	private static Map<String, Object> retryArguments(String queue, Duration delay, boolean durable) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("x-message-ttl", delay.toMillis());
		arguments.put("x-dead-letter-exchange", "");
		arguments.put("x-dead-letter-routing-key", queue);
		if (!durable) {
			arguments.put("x-expires", delay.toMillis() + 60_000);
		}
		return arguments;
	}

	/**
	 * Declares the topology again on every new connection and tracks whether the bridge is connected.
	 */
	private final class Restorer implements ConnectionListener {

		@Override
		public void onCreate(Connection connection) {
			if (!AmqpTopology.this.restoring) {
				AmqpTopology.this.connected.set(true);
				return;
			}
			AmqpTopology.this.declaredOnDemand.clear();
			try {
				declareExchange();
			}
			catch (AmqpException ex) {
				logger.error("Could not declare exchange " + AmqpTopology.this.exchange
						+ " again after reconnecting to RabbitMQ", ex);
			}
			for (Map.Entry<String, Declaration> entry : AmqpTopology.this.declarations.entrySet()) {
				try {
					entry.getValue().declareWith(AmqpTopology.this.admin);
				}
				catch (AmqpException ex) {
					logger.error("Could not declare " + entry.getKey() + " again after reconnecting to RabbitMQ", ex);
				}
			}
			// connected only now: what waited for the connection must find the reply queue declared again
			AmqpTopology.this.connected.set(true);
			logger.info(AmqpTopology.this.owner + " connected; exchange, queues and bindings declared");
			AmqpTopology.this.events.restored();
		}

		@Override
		public void onClose(Connection connection) {
			if (AmqpTopology.this.connected.getAndSet(false)) {
				AmqpTopology.this.events.lost("the connection was closed");
			}
		}

		@Override
		public void onShutDown(ShutdownSignalException signal) {
			if (signal.isHardError() && !signal.isInitiatedByApplication()
					&& AmqpTopology.this.connected.getAndSet(false)) {
				logger.warn(AmqpTopology.this.owner + " lost its RabbitMQ connection: " + signal.getMessage());
				AmqpTopology.this.events.lost(signal.getMessage());
			}
		}

		@Override
		public void onFailed(Exception exception) {
			AmqpTopology.this.connected.set(false);
		}

	}

	/**
	 * What the bridge is told about its connection.
	 */
	interface ConnectionEvents {

		/**
		 * The connection was lost (or closed); its exclusive queues, the reply queue among them, are gone.
		 * @param reason why, for log messages
		 */
		void lost(String reason);

		/**
		 * A new connection is up and everything was declared again on it.
		 */
		void restored();

	}

	/**
	 * What to declare for one queue: the queue and its bindings to the exchange (declared before it).
	 */
	private record Declaration(Queue queue, List<Binding> bindings) {

		void declareWith(RabbitAdmin admin) {
			admin.declareQueue(this.queue);
			this.bindings.forEach(admin::declareBinding);
		}

	}

}
