package dev.purista.redis.autoconfigure;

import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.RedisConnectionFailureException;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;

/**
 * Recognises Redis connection failures of Spring Data Redis: Redis refused the credentials (it answered
 * {@code WRONGPASS}, {@code NOAUTH} or refused {@code AUTH}), has no database of the configured index (it
 * answered {@code ERR DB index is out of range} to {@code SELECT}), did not complete a TLS handshake (TLS against
 * a plain port, which ends with Lettuce's TLS handshake timeout, or a certificate it does not trust:
 * {@link SSLException}), or could not be reached ({@link RedisConnectionFailureException}).
 */
final class RedisConnectionFailureDescriber implements BrokerConnectionFailureDescriber {

	static final String TECHNOLOGY = "Redis";

	private static final List<String> AUTHENTICATION_ERRORS = List.of("WRONGPASS", "NOAUTH", "ERR AUTH",
			"ERR INVALID PASSWORD", "ERR CLIENT SENT AUTH");

	private static final List<String> DATABASE_OUT_OF_RANGE = List.of("ERR DB INDEX IS OUT OF RANGE");

	private final String address;

	/**
	 * Create the describer.
	 * @param address the address the connection factory tries
	 */
	RedisConnectionFailureDescriber(String address) {
		this.address = address;
	}

	/**
	 * Create the describer for the addresses of Boot's connection details.
	 * @param details Boot's Redis connection details
	 * @return the describer
	 */
	static RedisConnectionFailureDescriber of(DataRedisConnectionDetails details) {
		if (details.getCluster() != null) {
			return new RedisConnectionFailureDescriber(nodes(details.getCluster().getNodes()));
		}
		if (details.getSentinel() != null) {
			return new RedisConnectionFailureDescriber(nodes(details.getSentinel().getNodes()));
		}
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		return new RedisConnectionFailureDescriber(standalone.getHost() + ":" + standalone.getPort());
	}

	private static String nodes(List<DataRedisConnectionDetails.Node> nodes) {
		return String.join(", ", nodes.stream().map((node) -> node.host() + ":" + node.port()).toList());
	}

	@Override
	public @Nullable BrokerConnectionFailureException describe(Throwable failure) {
		if (refusedCredentials(failure)) {
			return new BrokerConnectionFailureException(Reason.AUTHENTICATION, TECHNOLOGY, this.address,
					"spring.data.redis.username and spring.data.redis.password (or the user info of "
							+ "spring.data.redis.url)",
					"spring.data.redis.password=<secret>, or spring.data.redis.url=redis://purista:<secret>@redis.internal:6379",
					failure);
		}
		if (answered(failure, DATABASE_OUT_OF_RANGE)) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, this.address,
					"spring.data.redis.database to the index of a database Redis has (0 up to one less than "
							+ "the server's databases setting, 16 by default), or the path of "
							+ "spring.data.redis.url",
					"spring.data.redis.database=0, or spring.data.redis.url=redis://redis.internal:6379/0", failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, SSLException.class) != null) {
			return new BrokerConnectionFailureException(Reason.SETTINGS, TECHNOLOGY, this.address,
					"spring.data.redis.ssl.enabled only where Redis speaks TLS on spring.data.redis.port (or use a "
							+ "rediss:// spring.data.redis.url), and spring.data.redis.ssl.bundle for the "
							+ "certificates to trust",
					"spring.data.redis.ssl.enabled=false for a plain port, or spring.data.redis.port=6380 and "
							+ "spring.data.redis.ssl.bundle=redis for Redis's TLS port",
					failure);
		}
		if (BrokerConnectionFailureDescriber.findCause(failure, RedisConnectionFailureException.class) != null) {
			return new BrokerConnectionFailureException(Reason.UNREACHABLE, TECHNOLOGY, this.address,
					"spring.data.redis.host and spring.data.redis.port, or spring.data.redis.url (how long a "
							+ "connection attempt may take: spring.data.redis.connect-timeout)",
					"spring.data.redis.host=redis.internal and spring.data.redis.port=6379, or "
							+ "spring.data.redis.url=redis://redis.internal:6379",
					failure);
		}
		return null;
	}

	private static boolean refusedCredentials(Throwable failure) {
		return answered(failure, AUTHENTICATION_ERRORS);
	}

	/**
	 * Whether Redis answered one of the given errors: a message in the failure's causes starts with one of them.
	 */
	private static boolean answered(Throwable failure, List<String> errors) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			String message = String.valueOf(candidate.getMessage()).toUpperCase(Locale.ROOT);
			if (errors.stream().anyMatch(message::startsWith)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

}
