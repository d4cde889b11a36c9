package dev.purista.nats.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import io.nats.client.AuthenticationException;
import org.jspecify.annotations.Nullable;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;
import dev.purista.nats.NatsConnectionException;

/**
 * Recognises the NATS connection failures of a starting {@link dev.purista.nats.NatsEventBridge}
 * ({@link NatsConnectionException}): the server refused the credentials ({@link AuthenticationException}), did
 * not complete a TLS handshake ({@link SSLException}), or no server could be reached (a refused or timed-out
 * connection, an unknown host, or jnats' "Unable to connect to NATS servers").
 */
final class NatsConnectionFailureDescriber implements BrokerConnectionFailureDescriber {

	static final String TECHNOLOGY = "NATS";

	private final List<String> addresses;

	/**
	 * Create the describer.
	 * @param addresses the servers the connection tries, as {@code host:port}
	 */
	NatsConnectionFailureDescriber(List<String> addresses) {
		this.addresses = List.copyOf(addresses);
	}

	@Override
	public @Nullable BrokerConnectionFailureException describe(Throwable failure) {
		if (BrokerConnectionFailureDescriber.findCause(failure, NatsConnectionException.class) == null) {
			return null;
		}
		String address = String.join(", ", this.addresses);
		if (BrokerConnectionFailureDescriber.findCause(failure, AuthenticationException.class) != null) {
			return new BrokerConnectionFailureException(Reason.AUTHENTICATION, TECHNOLOGY, address,
					"purista.nats.username and purista.nats.password, or purista.nats.token, or "
							+ "purista.nats.credentials-file",
					"purista.nats.username=purista and purista.nats.password=<secret>", failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, SSLException.class) != null) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, address,
					"purista.nats.ssl.enabled only where the NATS server speaks TLS, and purista.nats.ssl.bundle for "
							+ "the certificates to trust",
					"purista.nats.ssl.enabled=false for a plain server, or purista.nats.ssl.bundle=nats for a "
							+ "server with TLS",
					failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, ConnectException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, NoRouteToHostException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, SocketTimeoutException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, UnknownHostException.class) != null
				|| BrokerConnectionFailureDescriber.findCause(failure, IOException.class) != null) {
			return new BrokerConnectionFailureException(Reason.UNREACHABLE, TECHNOLOGY, address,
					"purista.nats.servers (how long a connection attempt may take: purista.nats.connection-timeout)",
					"purista.nats.servers=nats://nats.internal:4222, or "
							+ "purista.nats.servers=nats://nats1:4222,nats://nats2:4222",
					failure);
		}
		return null;
	}

}
