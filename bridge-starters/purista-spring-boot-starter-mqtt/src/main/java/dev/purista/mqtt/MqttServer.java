package dev.purista.mqtt;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where an {@link MqttEventBridge} connects: the broker's host and port, and optional credentials (MQTT 5 simple
 * authentication).
 *
 * @param host the broker host
 * @param port the broker port
 * @param username the user name, or {@code null} to connect without credentials
 * @param password the password, or {@code null}
 */
public record MqttServer(String host, int port, @Nullable String username, @Nullable String password) {

	/** The MQTT port. */
	public static final int DEFAULT_PORT = 1883;

	/** The MQTT port over TLS, for {@code mqtts://} and {@code ssl://} URIs. */
	public static final int DEFAULT_TLS_PORT = 8883;

	/**
	 * Check the values.
	 */
	public MqttServer {
		Objects.requireNonNull(host, "host");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("the MQTT port must be 1..65535, was " + port);
		}
	}

	/**
	 * The broker of a URI such as {@code tcp://user:secret@broker:1883} or {@code mqtt://broker} (port
	 * {@value #DEFAULT_PORT} when absent, {@value #DEFAULT_TLS_PORT} for {@code mqtts://} and {@code ssl://}); user
	 * info in the URI becomes the credentials.
	 * @param uri the broker URI
	 * @return the server
	 * @throws IllegalArgumentException if the URI has no host
	 */
	public static MqttServer of(URI uri) {
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("the MQTT server URI has no host: " + uri);
		}
		String username = null;
		String password = null;
		String userInfo = uri.getUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = (colon < 0) ? userInfo : userInfo.substring(0, colon);
			password = (colon < 0) ? null : userInfo.substring(colon + 1);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		int defaultPort = (scheme.equals("mqtts") || scheme.equals("ssl")) ? DEFAULT_TLS_PORT : DEFAULT_PORT;
		return new MqttServer(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : defaultPort, username, password);
	}

	/**
	 * The broker address without credentials, for messages.
	 * @return {@code host:port}
	 */
	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
