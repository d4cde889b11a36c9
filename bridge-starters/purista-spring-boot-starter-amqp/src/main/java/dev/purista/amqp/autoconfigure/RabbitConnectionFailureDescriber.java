package dev.purista.amqp.autoconfigure;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;

/**
 * Recognises RabbitMQ connection failures of Spring AMQP: RabbitMQ refused the credentials
 * ({@link AmqpAuthenticationException}), closed the connection with {@code 530 NOT_ALLOWED} because the virtual
 * host does not exist or the user has no permissions on it, did not complete a TLS handshake
 * ({@link SSLException}: TLS against a plain port, or a certificate the client does not trust), or could not be
 * reached ({@link AmqpConnectException}, a refused or timed-out connection, an unknown host).
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
		AMQP.Connection.@Nullable Close notAllowed = notAllowed(failure);
		if (notAllowed != null && notAllowed.getReplyText().contains("refused for user")) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, address,
					"spring.rabbitmq.username to a user with permissions on spring.rabbitmq.virtual-host (grant "
							+ "them with rabbitmqctl set_permissions), or spring.rabbitmq.virtual-host to one the "
							+ "user may use",
					"spring.rabbitmq.username=purista after rabbitmqctl set_permissions -p / purista '.*' '.*' "
							+ "'.*'",
					failure);
		}
		if (notAllowed != null) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, address,
					"spring.rabbitmq.virtual-host to a virtual host that exists on the broker (rabbitmqctl "
							+ "add_vhost creates one)",
					"spring.rabbitmq.virtual-host=/ (RabbitMQ's default virtual host)", failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, SSLException.class) != null) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, address,
					"spring.rabbitmq.ssl.enabled only where RabbitMQ speaks TLS on spring.rabbitmq.port, and "
							+ "spring.rabbitmq.ssl.bundle for the certificates to trust",
					"spring.rabbitmq.ssl.enabled=false for a plain port, or spring.rabbitmq.port=5671 and "
							+ "spring.rabbitmq.ssl.bundle=rabbitmq for RabbitMQ's TLS port",
					failure);
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

	/**
	 * The {@code connection.close} with {@code 530 NOT_ALLOWED} RabbitMQ ended the connection with, if it did.
	 */
	private static AMQP.Connection.@Nullable Close notAllowed(Throwable failure) {
		ShutdownSignalException shutdown = BrokerConnectionFailureDescriber.findCause(failure,
				ShutdownSignalException.class);
		if (shutdown != null && shutdown.isHardError() && shutdown.getReason() instanceof AMQP.Connection.Close close
				&& close.getReplyCode() == AMQP.NOT_ALLOWED) {
			return close;
		}
		return null;
	}

}
