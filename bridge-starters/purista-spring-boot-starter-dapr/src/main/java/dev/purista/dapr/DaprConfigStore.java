package dev.purista.dapr;

import org.springframework.web.client.RestClient;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.KeyValueConfigStore;
import dev.purista.core.store.StoreOptions;

/**
 * A read-only config store on the Dapr sidecar's HTTP configuration API, sending the request TypeScript
 * PURISTA's {@code DaprConfigStore} ({@code @purista/dapr-sdk}) sends: one
 * {@code GET /v1.0-alpha1/configuration/<store>?key=<name>} per name. The item's {@code value} is returned as
 * it is, as TypeScript does, so a value is the string Dapr holds (Dapr's configuration values are strings);
 * a name Dapr has no item for reads as {@code null}. Dapr's answer is read in both shapes: the object by key
 * Dapr 1.11 and later answer ({@code {"<name>":{"value":…,"version":…,"metadata":{}}}}) and the list of items
 * TypeScript parses ({@code [{"key":"<name>","value":…}]}).
 * <p>
 * Dapr has no request to write configuration: as in TypeScript, set and remove fail with 401 while disabled
 * (the config store default) and with 501 ({@code setting or changing of configs is not available},
 * {@code removing of configs is not available}) when enabled. Every request carries
 * {@code content-type: application/json; charset=utf-8} and, with a token, {@code dapr-api-token} (see
 * {@link DaprHttpClients}); unlike TypeScript, a token never replaces the API version in the path.
 * <p>
 * Errors as {@link DaprStateStore}: the sidecar not reachable, timing out or answering 502, 503 or 504 raise
 * {@link dev.purista.core.error.StoreUnavailableException} (503); other failures an
 * {@link dev.purista.core.error.UnhandledException} (500) naming Dapr's answer. Healthy while the sidecar's
 * {@code GET /v1.0/healthz} answers 2xx. Thread-safe; reading blocks for one request per name.
 */
public class DaprConfigStore extends KeyValueConfigStore {

	/** The store's name. */
	public static final String NAME = "DaprConfigStore";

	/**
	 * Create a store.
	 * @param client the client for the sidecar, e.g. from {@link DaprHttpClients#create}
	 * @param configStoreName the name of Dapr's configuration store component
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled; PURISTA's config store default enables only reading
	 */
	public DaprConfigStore(RestClient client, String configStoreName, MessageCodec codec, StoreOptions options) {
		super(NAME, new DaprConfigurationApi(NAME, client, configStoreName), codec, options);
	}

}
