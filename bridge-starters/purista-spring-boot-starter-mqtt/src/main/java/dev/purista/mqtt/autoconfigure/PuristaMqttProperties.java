package dev.purista.mqtt.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttTopics;

/**
 * Settings of PURISTA's MQTT broker and event bridge. The instance id (also the MQTT client identifier) and the
 * default command timeout are {@code purista.event-bridge.*}.
 */
@ConfigurationProperties("purista.mqtt")
public class PuristaMqttProperties {

	/**
	 * URI of the MQTT 5 broker, 'tcp://host:port' (user info in the URI is used as credentials unless username
	 * and password are set).
	 */
	private URI serverUri = URI.create("tcp://localhost:1883");

	/**
	 * Login user of the MQTT broker.
	 */
	private @Nullable String username;

	/**
	 * Login password of the MQTT broker.
	 */
	private @Nullable String password;

	/**
	 * First level of every PURISTA topic; TypeScript's topicPrefix.
	 */
	private String topicPrefix = MqttTopics.DEFAULT_PREFIX;

	/**
	 * Group of the shared subscriptions of commands and shared subscriptions; TypeScript's shareTopicName.
	 */
	private String shareGroup = MqttTopics.DEFAULT_SHARE_GROUP;

	/**
	 * Message expiry of events, info messages and commands with an event name.
	 */
	private Duration messageExpiry = MqttEventBridgeOptions.DEFAULT_MESSAGE_EXPIRY;

	/**
	 * How long the broker keeps the session after a disconnect (zero ends it with the connection).
	 */
	private Duration sessionExpiry = Duration.ZERO;

	/**
	 * How many threads run command and subscription handlers.
	 */
	private int handlerThreads = MqttEventBridgeOptions.DEFAULT_HANDLER_THREADS;

	/**
	 * How long shutting the bridge down waits for pending invocations.
	 */
	private Duration settleTimeout = MqttEventBridgeOptions.DEFAULT_SETTLE_TIMEOUT;

	/**
	 * How long connecting, subscribing and unsubscribing may take.
	 */
	private Duration operationTimeout = MqttEventBridgeOptions.DEFAULT_OPERATION_TIMEOUT;

	/**
	 * Whether the connections start a new session (MQTT 5 clean start) instead of resuming the one the broker kept
	 * (only with a session expiry above zero).
	 */
	private boolean cleanStart = true;

	/**
	 * TLS to the broker.
	 */
	private final Ssl ssl = new Ssl();

	public URI getServerUri() {
		return this.serverUri;
	}

	public void setServerUri(URI serverUri) {
		this.serverUri = serverUri;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public String getTopicPrefix() {
		return this.topicPrefix;
	}

	public void setTopicPrefix(String topicPrefix) {
		this.topicPrefix = topicPrefix;
	}

	public String getShareGroup() {
		return this.shareGroup;
	}

	public void setShareGroup(String shareGroup) {
		this.shareGroup = shareGroup;
	}

	public Duration getMessageExpiry() {
		return this.messageExpiry;
	}

	public void setMessageExpiry(Duration messageExpiry) {
		this.messageExpiry = messageExpiry;
	}

	public Duration getSessionExpiry() {
		return this.sessionExpiry;
	}

	public void setSessionExpiry(Duration sessionExpiry) {
		this.sessionExpiry = sessionExpiry;
	}

	public int getHandlerThreads() {
		return this.handlerThreads;
	}

	public void setHandlerThreads(int handlerThreads) {
		this.handlerThreads = handlerThreads;
	}

	public Duration getSettleTimeout() {
		return this.settleTimeout;
	}

	public void setSettleTimeout(Duration settleTimeout) {
		this.settleTimeout = settleTimeout;
	}

	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	public void setOperationTimeout(Duration operationTimeout) {
		this.operationTimeout = operationTimeout;
	}

	public boolean isCleanStart() {
		return this.cleanStart;
	}

	public void setCleanStart(boolean cleanStart) {
		this.cleanStart = cleanStart;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * TLS to the MQTT broker.
	 */
	public static class Ssl {

		/**
		 * Whether to connect with TLS. Enabled automatically when a bundle is set or the server URI's scheme is
		 * mqtts or ssl; without a bundle, the JVM's default trust store is used.
		 */
		private @Nullable Boolean enabled;

		/**
		 * SSL bundle (spring.ssl.bundle.*) with the certificates to trust and, for mutual TLS, to present.
		 */
		private @Nullable String bundle;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
