package dev.purista.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;

import dev.purista.core.message.MessageCodec;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

/**
 * The NATS server found by {@link BrokerResolution} (skipped without one, failing in CI), with connection options
 * for bridges and plain connections for tests that look at the wire.
 */
public final class NatsTestSupport {

	/** Where NATS runs. */
	public final BrokerAddress address;

	/**
	 * Find the NATS server {@link BrokerResolution} finds.
	 */
	public NatsTestSupport() {
		this.address = BrokerResolution.require(Broker.NATS);
	}

	/**
	 * Connection options for the server, or for a proxy in front of it, that reconnect quickly.
	 * @param port the port to connect to (the server's, or a proxy's)
	 * @return the options
	 */
	public Options options(int port) {
		Options.Builder builder = new Options.Builder().server("nats://" + this.address.host() + ":" + port)
			.reconnectWait(Duration.ofMillis(100))
			.connectionTimeout(Duration.ofSeconds(2));
		if (this.address.username() != null) {
			builder.userInfo(this.address.username(), this.address.password());
		}
		return builder.build();
	}

	/**
	 * Connection options for the server itself.
	 * @return the options
	 */
	public Options options() {
		return options(this.address.port());
	}

	/**
	 * Create a bridge on the server.
	 * @param options the bridge's options
	 * @return the bridge, not started
	 */
	public NatsEventBridge bridge(NatsEventBridgeOptions options) {
		return new NatsEventBridge(options(), new MessageCodec(), options);
	}

	/**
	 * Open a plain connection to the server, as a TypeScript peer or an observer would.
	 * @return the connection
	 */
	public Connection connect() {
		try {
			return Nats.connect(options());
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not connect to " + this.address, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Delete the JetStream streams whose names hold a test's name prefix (the bridges snake-case it, so underscores
	 * are ignored when comparing).
	 * @param testPrefix the test's name prefix
	 */
	public void deleteStreams(String testPrefix) {
		String wanted = testPrefix.toLowerCase(Locale.ROOT).replace("_", "");
		try (Connection connection = connect()) {
			JetStreamManagement management = connection.jetStreamManagement();
			for (String name : management.getStreamNames()) {
				if (name.toLowerCase(Locale.ROOT).replace("_", "").contains(wanted)) {
					management.deleteStream(name);
				}
			}
		}
		catch (IOException | JetStreamApiException ex) {
			throw new IllegalStateException("could not delete the streams of " + testPrefix, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
