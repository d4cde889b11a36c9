package dev.purista.dapr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.KeyValueStorage;

/**
 * JSON text in a Dapr state store, through the sidecar's HTTP state API, with the requests TypeScript PURISTA
 * sends (see {@link DaprStateStore}). Thread-safe; each method blocks for one request per key.
 */
final class DaprStateApi implements KeyValueStorage {

	private static final Log logger = LogFactory.getLog(DaprStateApi.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String KEY_PATH = "/v1.0/state/{store}/{key}";

	private final String storeName;

	private final RestClient client;

	private final String stateStoreName;

	DaprStateApi(String storeName, RestClient client, String stateStoreName) {
		this.storeName = storeName;
		this.client = Objects.requireNonNull(client, "client");
		this.stateStoreName = Objects.requireNonNull(stateStoreName, "stateStoreName");
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
		try {
			HttpStatusCode status = this.client.get().uri("/v1.0/healthz").retrieve().toBodilessEntity().getStatusCode();
			return status.is2xxSuccessful();
		}
		catch (RestClientException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Dapr sidecar not healthy: " + ex);
			}
			return false;
		}
	}

	private RuntimeException failure(String operation, RestClientException ex) {
		String message = this.storeName + " could not " + operation + " in Dapr state store '" + this.stateStoreName
				+ "': ";
		if (ex instanceof RestClientResponseException response) {
			int status = response.getStatusCode().value();
			String answer = "Dapr answered " + status + errorCode(response);
			if (status == 502 || status == 503 || status == 504) {
				return new StoreUnavailableException(message + answer, ex);
			}
			return new UnhandledException(message + answer, ex);
		}
		if (ex instanceof ResourceAccessException) {
			return new StoreUnavailableException(message + "Dapr sidecar not reached ("
					+ describeCause(ex) + ")", ex);
		}
		return new UnhandledException(message + ex.getMessage(), ex);
	}

	private static String errorCode(RestClientResponseException response) {
		try {
			JsonNode body = json.readTree(response.getResponseBodyAsString());
			JsonNode code = (body != null) ? body.get("errorCode") : null;
			return (code != null && code.isString()) ? " " + code.asString() : "";
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	private static String describeCause(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return "DaprStateApi[" + this.stateStoreName + "]";
	}

}
