package dev.purista.test.broker;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a test finds its broker: a URI such as {@code amqp://guest:guest@127.0.0.1:5673}, with the host,
 * port and credentials split out.
 *
 * @param broker the broker
 * @param uri the address, always with a host and a port
 * @param source where the address came from
 */
public record BrokerAddress(Broker broker, URI uri, Source source) {

	/**
	 * Creates an address, checking that the URI has a host and a port.
	 * @param broker the broker
	 * @param uri the address
	 * @param source where the address came from
	 */
	public BrokerAddress {
		Objects.requireNonNull(broker, "broker");
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(source, "source");
		if (uri.getHost() == null || uri.getPort() < 0) {
			throw new IllegalArgumentException("broker address " + uri + " needs a host and a port");
		}
	}

	/**
	 * Returns the host name or IP address.
	 * @return the host
	 */
	public String host() {
		return Objects.requireNonNull(this.uri.getHost());
	}

	/**
	 * Returns the port.
	 * @return the port
	 */
	public int port() {
		return this.uri.getPort();
	}

	/**
	 * Returns the user name of the address, such as {@code guest}, or {@code null} when it has none.
	 * @return the user name or {@code null}
	 */
	public @Nullable String username() {
		String userInfo = this.uri.getUserInfo();
		if (userInfo == null) {
			return null;
		}
		int colon = userInfo.indexOf(':');
		return (colon < 0) ? userInfo : userInfo.substring(0, colon);
	}

	/**
	 * Returns the password of the address, or {@code null} when it has none.
	 * @return the password or {@code null}
	 */
	public @Nullable String password() {
		String userInfo = this.uri.getUserInfo();
		if (userInfo == null) {
			return null;
		}
		int colon = userInfo.indexOf(':');
		return (colon < 0) ? null : userInfo.substring(colon + 1);
	}

	/**
	 * Returns the address as a string, such as {@code nats://127.0.0.1:4223}.
	 * @return the URI as a string
	 */
	public String url() {
		return this.uri.toString();
	}

	@Override
	public String toString() {
		String shown = (this.uri.getUserInfo() != null) ? this.uri.getScheme() + "://***@" + host() + ":" + port()
				: url();
		return this.broker.displayName() + " at " + shown + " (" + this.source.description + ")";
	}

	/**
	 * Where an address came from.
	 */
	public enum Source {

		/**
		 * A {@code PURISTA_TEST_<BROKER>_URL} environment variable.
		 */
		ENVIRONMENT("from the environment"),

		/**
		 * A container Testcontainers started for this test run.
		 */
		TESTCONTAINERS("started by Testcontainers");

		private final String description;

		Source(String description) {
			this.description = description;
		}

	}

}
