package dev.purista.redis.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.RedisConnectionFailureException;

import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureException.Reason;

/**
 * Recognises Redis connection failures of Spring Data Redis: Redis refused the credentials (it answered
 * {@code WRONGPASS}, {@code NOAUTH} or refused {@code AUTH}), or could not be reached
 * ({@link RedisConnectionFailureException}).
 */
final class RedisConnectionFailureDescriber implements BrokerConnectionFailureDescriber {

	static final String TECHNOLOGY = "Redis";

	private static final List<String> AUTHENTICATION_ERRORS = List.of("WRONGPASS", "NOAUTH", "ERR AUTH",
			"ERR INVALID PASSWORD", "ERR CLIENT SENT AUTH");

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
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			String message = String.valueOf(candidate.getMessage()).toUpperCase(Locale.ROOT);
			if (AUTHENTICATION_ERRORS.stream().anyMatch(message::startsWith)) {
				return true;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return false;
	}

}
