package dev.purista.dapr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.store.KeyValueStorage;

/**
 * JSON text in a Dapr state store, through the sidecar's HTTP state API, with the requests TypeScript PURISTA
 * sends (see {@link DaprStateStore}). Thread-safe; each method blocks for one request per key.
 */
final class DaprStateApi implements KeyValueStorage {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String KEY_PATH = "/v1.0/state/{store}/{key}";

	private final DaprFailures failures;

	private final RestClient client;

	private final String stateStoreName;

	DaprStateApi(String storeName, RestClient client, String stateStoreName) {
		this.client = Objects.requireNonNull(client, "client");
		this.stateStoreName = Objects.requireNonNull(stateStoreName, "stateStoreName");
		this.failures = new DaprFailures(storeName, "Dapr state store '" + stateStoreName + "'");
	}

	@Override
	public Map<String, String> get(List<String> keys) {
		Map<String, String> found = new LinkedHashMap<>();
		for (String key : keys) {
			String value = read(key);
			if (value != null && !value.isBlank()) {
				found.put(key, value);
			}
		}
		return found;
	}

	private @Nullable String read(String key) {
		try {
			ResponseEntity<String> response = this.client.get()
				.uri((uri) -> uri.path(KEY_PATH)
					.queryParam("metadata.contentType", "application/json")
					.build(this.stateStoreName, key))
				.retrieve()
				.toEntity(String.class);
			return (response.getStatusCode().value() == 204) ? null : response.getBody();
		}
		catch (RestClientException ex) {
			throw failure("read key '" + key + "'", ex);
		}
	}

	@Override
	public void put(String key, String jsonValue) {
		String body = "[{\"key\":" + json.writeValueAsString(key) + ",\"value\":" + jsonValue + "}]";
		try {
			this.client.post()
				.uri("/v1.0/state/{store}", this.stateStoreName)
				.body(body)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			throw failure("write key '" + key + "'", ex);
		}
	}

	@Override
	public void delete(String key) {
		try {
			this.client.delete().uri(KEY_PATH, this.stateStoreName, key).retrieve().toBodilessEntity();
		}
		catch (RestClientException ex) {
			throw failure("delete key '" + key + "'", ex);
		}
	}

	/**
	 * Whether the sidecar's {@code GET /v1.0/healthz} answers 2xx now. Never throws.
	 */
	@Override
	public boolean isHealthy() {
		return DaprFailures.sidecarHealthy(this.client);
	}

	private RuntimeException failure(String operation, RestClientException ex) {
		return this.failures.failure(operation, ex);
	}

	@Override
	public String toString() {
		return "DaprStateApi[" + this.stateStoreName + "]";
	}

}
