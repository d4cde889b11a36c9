package dev.purista.amqp.autoconfigure;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;

/**
 * Recognises RabbitMQ connection failures of Spring AMQP: RabbitMQ refused the credentials
 * ({@link AmqpAuthenticationException}), or could not be reached ({@link AmqpConnectException}, a refused or
 * timed-out connection, an unknown host).
 */
final class RabbitConnectionFailureDescriber implements BrokerConnectionFailureDescriber {

	static final String TECHNOLOGY = "RabbitMQ";

	private final List<String> addresses;

	/**
	 * Create the describer.
	 * @param addresses the addresses the connection factory tries, as {@code host:port}
	 */
	RabbitConnectionFailureDescriber(List<String> addresses) {
		this.addresses = List.copyOf(addresses);
	}

	@Override
	public @Nullable BrokerConnectionFailureException describe(Throwable failure) {
		String address = this.addresses.stream().collect(Collectors.joining(", "));
		if (BrokerConnectionFailureDescriber.findCause(failure, AmqpAuthenticationException.class) != null) {
			return new BrokerConnectionFailureException(Reason.AUTHENTICATION, TECHNOLOGY, address,
					"spring.rabbitmq.username and spring.rabbitmq.password (and spring.rabbitmq.virtual-host)",
					"spring.rabbitmq.username=purista and spring.rabbitmq.password=<secret>", failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, AmqpConnectException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, ConnectException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, NoRouteToHostException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, SocketTimeoutException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, UnknownHostException.class) != null) {
			return new BrokerConnectionFailureException(Reason.UNREACHABLE, TECHNOLOGY, address,
					"spring.rabbitmq.host and spring.rabbitmq.port, or spring.rabbitmq.addresses for several "
							+ "nodes (how long a connection attempt may take: spring.rabbitmq.connection-timeout)",
					"spring.rabbitmq.host=rabbitmq.internal and spring.rabbitmq.port=5672, or "
							+ "spring.rabbitmq.addresses=rabbit1:5672,rabbit2:5672",
					failure);
		}
		return null;
	}

}
