package dev.purista.dapr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StatusCode;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreKind;
import dev.purista.core.store.StoreOptions;

/**
 * A read-only secret store on the Dapr sidecar's HTTP secrets API, sending the request TypeScript PURISTA's
 * {@code DaprSecretStore} ({@code @purista/dapr-sdk}) sends: one {@code GET /v1.0/secrets/<store>/<name>} per
 * name. Dapr answers {@code {"<name>":"<value>"}}; the value of the requested name is returned, a name Dapr has
 * no secret for ({@code 204}, {@code 404} or no such field) reads as {@code null}. Unlike TypeScript, the other
 * fields of a multi-valued secret (e.g. a Kubernetes secret's keys) are not added to the result, which has an
 * entry for every requested name only.
 * <p>
 * Dapr has no request to write secrets: as in TypeScript, set and remove fail with 401 while disabled (the
 * secret store default) and with 501 ({@code setting or changing of secrets is not available},
 * {@code removing of secrets is not available}) when enabled. Headers as {@link DaprHttpClients} sends them;
 * unlike TypeScript, a token never replaces the API version in the path. Errors and health as
 * {@link DaprStateStore}; error messages never contain secret values. Thread-safe; reading blocks for one
 * request per name.
 */
public class DaprSecretStore implements SecretStore {

	/** The store's name. */
	public static final String NAME = "DaprSecretStore";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RestClient client;

	private final String secretStoreName;

	private final StoreOptions options;

	private final DaprFailures failures;

	/**
	 * Create a store.
	 * @param client the client for the sidecar, e.g. from {@link DaprHttpClients#create}
	 * @param secretStoreName the name of Dapr's secret store component
	 * @param options which operations are enabled; PURISTA's secret store default enables only reading
	 */
	public DaprSecretStore(RestClient client, String secretStoreName, StoreOptions options) {
		this.client = Objects.requireNonNull(client, "client");
		this.secretStoreName = Objects.requireNonNull(secretStoreName, "secretStoreName");
		this.options = Objects.requireNonNull(options, "options");
		this.failures = new DaprFailures(NAME, "Dapr secret store '" + secretStoreName + "'");
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The options the store honours.
	 * @return the options
	 */
	public StoreOptions options() {
		return this.options;
	}

	/**
	 * Whether the sidecar's {@code GET /v1.0/healthz} answers 2xx now. Never throws.
	 */
	@Override
	public boolean isHealthy() {
		return DaprFailures.sidecarHealthy(this.client);
	}

	@Override
	public Map<String, @Nullable String> getSecret(String... names) {
		this.options.checkGetEnabled(StoreKind.SECRET);
		Map<String, @Nullable String> values = new LinkedHashMap<>();
		for (String name : names) {
			values.put(Objects.requireNonNull(name, "name"), read(name));
		}
		return values;
	}

	private @Nullable String read(String name) {
		ResponseEntity<String> response;
		try {
			response = this.client.get()
				.uri("/v1.0/secrets/{store}/{name}", this.secretStoreName, name)
				.retrieve()
				.toEntity(String.class);
		}
		catch (HttpClientErrorException.NotFound ex) {
			return null;
		}
		catch (RestClientException ex) {
			throw this.failures.failure("read secret '" + name + "'", ex);
		}
		String body = response.getBody();
		if (response.getStatusCode().value() == 204 || body == null || body.isBlank()) {
			return null;
		}
		JsonNode answer;
		try {
			answer = json.readTree(body);
		}
		catch (JacksonException ex) {
			// the body may hold the secret: neither it nor the parser's message goes into the error
			throw new UnhandledException(this.failures.message("read secret '" + name + "'")
					+ "Dapr's answer is not JSON");
		}
		JsonNode value = (answer != null) ? answer.get(name) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * Always fails: Dapr's secrets API has no write request.
	 * @throws UnhandledException 401 while writing is disabled (the default), else 501 "setting or changing of
	 * secrets is not available", as in TypeScript
	 */
	@Override
	public void setSecret(String name, String value) {
		this.options.checkSetEnabled(StoreKind.SECRET);
		throw new UnhandledException(StatusCode.NOT_IMPLEMENTED.code(),
				"setting or changing of secrets is not available", null, null);
	}

	/**
	 * Always fails: Dapr's secrets API has no delete request.
	 * @throws UnhandledException 401 while removing is disabled (the default), else 501 "removing of secrets is
	 * not available", as in TypeScript
	 */
	@Override
	public void removeSecret(String name) {
		this.options.checkRemoveEnabled(StoreKind.SECRET);
		throw new UnhandledException(StatusCode.NOT_IMPLEMENTED.code(), "removing of secrets is not available", null,
				null);
	}

	@Override
	public String toString() {
		return "DaprSecretStore[" + this.secretStoreName + "]";
	}

}
