package dev.purista.dapr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StatusCode;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.KeyValueStorage;

/**
 * Configuration items of a Dapr configuration store, read through the sidecar's HTTP configuration API with the
 * request TypeScript PURISTA sends (see {@link DaprConfigStore}); read-only. Thread-safe; reading blocks for one
 * request per key.
 */
final class DaprConfigurationApi implements KeyValueStorage {

	/** The API version TypeScript PURISTA's {@code DaprConfigStore} reads configuration with. */
	static final String API_VERSION = "v1.0-alpha1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DaprFailures failures;

	private final RestClient client;

	private final String configStoreName;

	DaprConfigurationApi(String storeName, RestClient client, String configStoreName) {
		this.client = Objects.requireNonNull(client, "client");
		this.configStoreName = Objects.requireNonNull(configStoreName, "configStoreName");
		this.failures = new DaprFailures(storeName, "Dapr configuration store '" + configStoreName + "'");
	}

	@Override
	public Map<String, String> get(List<String> keys) {
		Map<String, String> found = new LinkedHashMap<>();
		for (String key : keys) {
			JsonNode value = read(key);
			if (value != null) {
				found.put(key, json.writeValueAsString(value));
			}
		}
		return found;
	}

	private @Nullable JsonNode read(String key) {
		String body;
		try {
			body = this.client.get()
				.uri((uri) -> uri.path("/" + API_VERSION + "/configuration/{store}")
					.queryParam("key", "{key}")
					.build(this.configStoreName, key))
				.retrieve()
				.body(String.class);
		}
		catch (RestClientException ex) {
			throw this.failures.failure("read configuration '" + key + "'", ex);
		}
		return valueOf(key, body);
	}

	/**
	 * The value of an item in Dapr's answer: an object by key, {@code {"<key>":{"value":…,"version":…}}}, or the
	 * list of items TypeScript PURISTA parses, {@code [{"key":"<key>","value":…}]}. The value is taken as it is,
	 * as TypeScript does: Dapr's values are strings.
	 */
	private @Nullable JsonNode valueOf(String key, @Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		JsonNode answer;
		try {
			answer = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UnhandledException(this.failures.message("read configuration '" + key + "'")
					+ "Dapr's answer is not JSON", ex);
		}
		if (answer != null && answer.isArray()) {
			for (JsonNode item : answer) {
				JsonNode itemKey = item.get("key");
				if (itemKey != null && itemKey.isString() && itemKey.asString().equals(key) && item.has("value")) {
					return item.get("value");
				}
			}
			return null;
		}
		JsonNode item = (answer != null) ? answer.get(key) : null;
		return (item != null && item.has("value")) ? item.get("value") : null;
	}

	/**
	 * Always fails: Dapr's configuration API has no write request.
	 * @throws UnhandledException 501 "setting or changing of configs is not available", as in TypeScript
	 */
	@Override
	public void put(String key, String jsonValue) {
		throw new UnhandledException(StatusCode.NOT_IMPLEMENTED.code(),
				"setting or changing of configs is not available", null, null);
	}

	/**
	 * Always fails: Dapr's configuration API has no delete request.
	 * @throws UnhandledException 501 "removing of configs is not available", as in TypeScript
	 */
	@Override
	public void delete(String key) {
		throw new UnhandledException(StatusCode.NOT_IMPLEMENTED.code(), "removing of configs is not available",
				null, null);
	}

	/**
	 * Whether the sidecar's {@code GET /v1.0/healthz} answers 2xx now. Never throws.
	 */
	@Override
	public boolean isHealthy() {
		return DaprFailures.sidecarHealthy(this.client);
	}

	@Override
	public String toString() {
		return "DaprConfigurationApi[" + this.configStoreName + "]";
	}

}
