package dev.purista.dapr;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link RestClient} PURISTA's Dapr components talk to the sidecar with, with the headers TypeScript
 * PURISTA's Dapr client sends on every request: {@code content-type: application/json; charset=utf-8}, and
 * {@code dapr-api-token} when a token is configured (Dapr's {@code DAPR_API_TOKEN}). Requests go over the JDK's
 * {@link HttpClient}; no Dapr SDK is used.
 */
public final class DaprHttpClients {

	/** The header Dapr reads the API token from. */
	public static final String API_TOKEN_HEADER = "dapr-api-token";

	/** The content type TypeScript PURISTA's Dapr client sends on every request. */
	public static final String CONTENT_TYPE = "application/json; charset=utf-8";

	private DaprHttpClients() {
	}

	/**
	 * Create a client for a sidecar.
	 * @param baseUrl the sidecar's HTTP address, e.g. {@code http://127.0.0.1:3500}
	 * @param apiToken the API token, or {@code null} (or empty) to send none
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer
	 * @return the client
	 */
	public static RestClient create(URI baseUrl, @Nullable String apiToken, Duration connectTimeout,
			Duration readTimeout) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(readTimeout);
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(requestFactory)
			.baseUrl(baseUrl.toString())
			.defaultHeader("content-type", CONTENT_TYPE);
		if (apiToken != null && !apiToken.isEmpty()) {
			builder.defaultHeader(API_TOKEN_HEADER, apiToken);
		}
		return builder.build();
	}

}
