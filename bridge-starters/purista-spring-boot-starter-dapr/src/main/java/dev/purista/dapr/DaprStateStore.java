package dev.purista.dapr;

import org.springframework.web.client.RestClient;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.KeyValueStateStore;
import dev.purista.core.store.StoreOptions;

/**
 * A state store on the Dapr sidecar's HTTP state API, sending the requests TypeScript PURISTA's
 * {@code DaprStateStore} ({@code @purista/dapr-sdk}) sends, so both share the values:
 * <ul>
 * <li>read: {@code GET /v1.0/state/<store>/<name>?metadata.contentType=application/json}, one request per name;
 * {@code 204} (or an empty body) means the name has no value;</li>
 * <li>write: {@code POST /v1.0/state/<store>} with {@code [{"key":<name>,"value":<value>}]}, the value as
 * JSON;</li>
 * <li>remove: {@code DELETE /v1.0/state/<store>/<name>}.</li>
 * </ul>
 * Every request carries {@code content-type: application/json; charset=utf-8} and, with a token, the
 * {@code dapr-api-token} header (see {@link DaprHttpClients}). Unlike TypeScript, the path always starts with
 * {@code v1.0}: TypeScript puts a configured token there instead, which Dapr does not understand.
 * <p>
 * Errors: the sidecar not reachable, timing out or answering 502, 503 or 504 raise
 * {@link dev.purista.core.error.StoreUnavailableException} (503); any other unexpected answer an
 * {@link dev.purista.core.error.UnhandledException} (500) naming the status and Dapr's error code. Healthy while
 * the sidecar's {@code GET /v1.0/healthz} answers 2xx. Thread-safe; methods block for one request per name.
 */
public class DaprStateStore extends KeyValueStateStore {

	/** The store's name. */
	public static final String NAME = "DaprStateStore";

	/**
	 * Create a store.
	 * @param client the client for the sidecar, e.g. from {@link DaprHttpClients#create}
	 * @param stateStoreName the name of Dapr's state store component
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public DaprStateStore(RestClient client, String stateStoreName, MessageCodec codec, StoreOptions options) {
		super(NAME, new DaprStateApi(NAME, client, stateStoreName), codec, options);
	}

}
