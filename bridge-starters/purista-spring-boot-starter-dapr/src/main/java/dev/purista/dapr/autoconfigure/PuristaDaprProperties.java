package dev.purista.dapr.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of PURISTA's Dapr starter: where the Dapr sidecar's HTTP API is and which of its components to use.
 */
@ConfigurationProperties("purista.dapr")
public class PuristaDaprProperties {

	/** The port Dapr's HTTP API listens on by default. */
	public static final int DEFAULT_HTTP_PORT = 3500;

	/**
	 * Host of the Dapr sidecar.
	 */
	private String host = "127.0.0.1";

	/**
	 * Port of the Dapr sidecar's HTTP API. Defaults to the DAPR_HTTP_PORT environment variable Dapr sets for the
	 * application, else 3500.
	 */
	private @Nullable Integer httpPort;

	/**
	 * API token sent in the dapr-api-token header. Defaults to the DAPR_API_TOKEN environment variable; none when
	 * that is not set either.
	 */
	private @Nullable String apiToken;

	/**
	 * Name of the Dapr state store component the PURISTA state store uses.
	 */
	private String stateStoreName = "statestore";

	/**
	 * Name of the Dapr configuration store component the PURISTA config store reads (TypeScript PURISTA's
	 * default).
	 */
	private String configStoreName = "configStore";

	/**
	 * Name of the Dapr secret store component the PURISTA secret store reads (TypeScript PURISTA's default).
	 */
	private String secretStoreName = "secretStore";

	/**
	 * How long to wait for a connection to the sidecar.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * How long to wait for the sidecar's answer.
	 */
	private Duration readTimeout = Duration.ofSeconds(5);

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public @Nullable Integer getHttpPort() {
		return this.httpPort;
	}

	public void setHttpPort(@Nullable Integer httpPort) {
		this.httpPort = httpPort;
	}

	public @Nullable String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(@Nullable String apiToken) {
		this.apiToken = apiToken;
	}

	public String getStateStoreName() {
		return this.stateStoreName;
	}

	public void setStateStoreName(String stateStoreName) {
		this.stateStoreName = stateStoreName;
	}

	public String getConfigStoreName() {
		return this.configStoreName;
	}

	public void setConfigStoreName(String configStoreName) {
		this.configStoreName = configStoreName;
	}

	public String getSecretStoreName() {
		return this.secretStoreName;
	}

	public void setSecretStoreName(String secretStoreName) {
		this.secretStoreName = secretStoreName;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

}
