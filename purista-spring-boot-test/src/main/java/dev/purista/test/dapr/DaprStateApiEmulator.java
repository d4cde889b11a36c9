package dev.purista.test.dapr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local emulator of the Dapr sidecar's HTTP state, configuration and secrets APIs for tests:
 * <strong>not Dapr</strong> (no {@code daprd} can run here), but an HTTP server on {@code 127.0.0.1} answering
 * the requests a Dapr client sends:
 * <ul>
 * <li>{@code GET /v1.0/state/<store>/<key>}: {@code 200} with the stored JSON, or {@code 204} without body for
 * a key that does not exist;</li>
 * <li>{@code POST /v1.0/state/<store>} with a JSON array of {@code {"key":…,"value":…}}: stores each value as
 * JSON, {@code 204};</li>
 * <li>{@code DELETE /v1.0/state/<store>/<key>}: {@code 204}, also for a key that does not exist;</li>
 * <li>{@code GET /v1.0/healthz}: {@code 204};</li>
 * <li>{@code GET /v1.0-alpha1/configuration/<store>?key=<key>[&key=…]} (and the same under {@code /v1.0/}): the
 * configuration API, {@code 200} with Dapr's object of the items found,
 * {@code {"<key>":{"value":…,"version":…,"metadata":{}}}} (all items without a {@code key}); items are set with
 * {@link #putConfiguration(String, String, String)}, there is no write request;</li>
 * <li>{@code GET /v1.0/secrets/<store>/<name>}: the secrets API, {@code 200} with {@code {"<name>":"<value>"}}, or
 * {@code 204} without body for a secret that does not exist (as Dapr's API reference says); secrets are set with
 * {@link #putSecret(String, String, String)}.</li>
 * </ul>
 * Errors are answered as Dapr does, with a JSON body {@code {"errorCode":…,"message":…}}: an unknown store
 * (when the emulator was started with store names) is {@code 400 ERR_STATE_STORE_NOT_FOUND}, a malformed
 * body {@code 400 ERR_MALFORMED_REQUEST}, a missing or wrong {@code dapr-api-token} (when one is required)
 * {@code 401}. Etags, consistency options, transactions, bulk reads, queries and TTLs are not emulated.
 * <p>
 * Every request is recorded ({@link #requests()}: method, path, query, headers and body), so tests can pin
 * the exact requests a client sends. Faults can be injected for every following request
 * ({@link #inject(Fault)}): a status (503, 500), a delay, or a dropped connection (the sidecar is down).
 * <p>
 * Thread-safe. Start with {@link #start(String...)}, stop with {@link #close()}.
 */
public final class DaprStateApiEmulator implements AutoCloseable {

	private static final String STATE_PREFIX = "/v1.0/state/";

	private static final String HEALTHZ = "/v1.0/healthz";

	private static final String SECRETS_PREFIX = "/v1.0/secrets/";

	private static final List<String> CONFIGURATION_PREFIXES = List.of("/v1.0-alpha1/configuration/",
			"/v1.0/configuration/");

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Map<String, String>> stores = new ConcurrentHashMap<>();

	private final Map<String, Map<String, ConfigurationItem>> configurations = new ConcurrentHashMap<>();

	private final AtomicLong configurationVersions = new AtomicLong();

	private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

	private final Set<String> storeNames;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService executor;

	private volatile @Nullable Fault fault;

	private volatile @Nullable String requiredApiToken;

	private DaprStateApiEmulator(HttpServer server, ExecutorService executor, Set<String> storeNames) {
		this.server = server;
		this.executor = executor;
		this.storeNames = storeNames;
	}

	/**
	 * Start an emulator on a free port of {@code 127.0.0.1}.
	 * @param storeNames the state stores the emulated sidecar has; none to accept every store name
	 * @return the running emulator
	 * @throws IOException if the server cannot be started
	 */
	public static DaprStateApiEmulator start(String... storeNames) throws IOException {
		// answer without Nagle's delay (read once, when the JDK's first HttpServer starts)
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "dapr-state-api-emulator");
			thread.setDaemon(true);
			return thread;
		});
		DaprStateApiEmulator emulator = new DaprStateApiEmulator(server, executor, Set.of(storeNames));
		server.createContext("/", emulator::handle);
		server.setExecutor(executor);
		server.start();
		return emulator;
	}

	/**
	 * The sidecar's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + httpPort());
	}

	/**
	 * The port the emulated sidecar listens on, what {@code DAPR_HTTP_PORT} says for a real one.
	 * @return the port
	 */
	public int httpPort() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Answer {@code 401} to every request (health included, as Dapr does) whose {@code dapr-api-token} header is
	 * not the given token.
	 * @param apiToken the token, or {@code null} to require none
	 */
	public void requireApiToken(@Nullable String apiToken) {
		this.requiredApiToken = apiToken;
	}

	/**
	 * Store JSON directly, without a request (for test set-up, e.g. a value TypeScript PURISTA wrote).
	 * @param store the state store's name
	 * @param key the key
	 * @param jsonValue the value as JSON text
	 */
	public void putState(String store, String key, String jsonValue) {
		this.stores.computeIfAbsent(store, (name) -> new ConcurrentHashMap<>()).put(key, jsonValue);
	}

	/**
	 * The JSON stored under a key, read directly (for assertions).
	 * @param store the state store's name
	 * @param key the key
	 * @return the JSON text, empty if the key does not exist
	 */
	public Optional<String> state(String store, String key) {
		Map<String, String> entries = this.stores.get(store);
		return Optional.ofNullable((entries != null) ? entries.get(key) : null);
	}

	/**
	 * Set a configuration item directly (Dapr's configuration API has no write request; a real sidecar reads
	 * the items from its configuration store component, e.g. Redis). Every call gives the item a new version.
	 * @param store the configuration store's name
	 * @param key the item's key
	 * @param jsonValue the item's value as JSON text; Dapr's values are strings, e.g. {@code "\"on\""}
	 */
	public void putConfiguration(String store, String key, String jsonValue) {
		JsonNode value = this.json.readTree(jsonValue);
		this.configurations.computeIfAbsent(store, (name) -> new ConcurrentHashMap<>())
			.put(key, new ConfigurationItem(value, Long.toString(this.configurationVersions.incrementAndGet())));
	}

	/**
	 * Remove a configuration item directly.
	 * @param store the configuration store's name
	 * @param key the item's key
	 */
	public void removeConfiguration(String store, String key) {
		Map<String, ConfigurationItem> items = this.configurations.get(store);
		if (items != null) {
			items.remove(key);
		}
	}

	/**
	 * Set a secret directly (Dapr's secrets API has no write request; a real sidecar reads the secret from its
	 * secret store component).
	 * @param store the secret store's name
	 * @param name the secret's name
	 * @param value the secret's value
	 */
	public void putSecret(String store, String name, String value) {
		this.secrets.computeIfAbsent(store, (key) -> new ConcurrentHashMap<>()).put(name, value);
	}

	/**
	 * Remove a secret directly.
	 * @param store the secret store's name
	 * @param name the secret's name
	 */
	public void removeSecret(String store, String name) {
		Map<String, String> entries = this.secrets.get(store);
		if (entries != null) {
			entries.remove(name);
		}
	}

	/**
	 * The requests received, in order.
	 * @return a snapshot of the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Forget the recorded requests.
	 */
	public void clearRequests() {
		this.requests.clear();
	}

	/**
	 * Remove all state, configuration items, recorded requests, faults and the required token.
	 */
	public void reset() {
		this.stores.clear();
		this.configurations.clear();
		this.secrets.clear();
		this.requests.clear();
		this.fault = null;
		this.requiredApiToken = null;
	}

	/**
	 * Answer every following request with a fault, until {@link #clearFaults()}. Requests are still recorded.
	 * @param fault the fault
	 */
	public void inject(Fault fault) {
		this.fault = fault;
	}

	/**
	 * Stop injecting faults.
	 */
	public void clearFaults() {
		this.fault = null;
	}

	/**
	 * Stop the server and interrupt delayed answers.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		URI uri = exchange.getRequestURI();
		Map<String, String> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
				Map.copyOf(headers), new String(body, StandardCharsets.UTF_8)));
		Fault current = this.fault;
		if (current != null) {
			if (current.delay() != null) {
				sleep(current.delay());
			}
			if (current.dropConnection()) {
				// no answer at all: the client sees the connection closed, as when the sidecar is gone
				exchange.close();
				return;
			}
			if (current.status() != 0) {
				send(exchange, current.status(), error(current.errorCode(), "injected fault"));
				return;
			}
		}
		try {
			Answer answer = answer(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers, body);
			send(exchange, answer.status(), answer.body());
		}
		catch (RuntimeException ex) {
			send(exchange, 500, error("ERR_INTERNAL", ex.getClass().getSimpleName()));
		}
	}

	private Answer answer(String method, String path, @Nullable String query, Map<String, String> headers,
			byte[] body) {
		String token = this.requiredApiToken;
		if (token != null && !token.equals(headers.get("dapr-api-token"))) {
			return new Answer(401, error("ERR_API_TOKEN", "authentication error: api token mismatch"));
		}
		if (path.equals(HEALTHZ) && method.equals("GET")) {
			return new Answer(204, new byte[0]);
		}
		for (String prefix : CONFIGURATION_PREFIXES) {
			if (path.startsWith(prefix) && method.equals("GET")) {
				return configuration(path.substring(prefix.length()), query);
			}
		}
		if (path.startsWith(SECRETS_PREFIX) && method.equals("GET")) {
			return secret(path.substring(SECRETS_PREFIX.length()));
		}
		if (!path.startsWith(STATE_PREFIX)) {
			return new Answer(404, error("ERR_NOT_FOUND", "not emulated: " + method + " " + path));
		}
		String[] segments = path.substring(STATE_PREFIX.length()).split("/", 2);
		String store = segments[0];
		if (!this.storeNames.isEmpty() && !this.storeNames.contains(store)) {
			return new Answer(400, error("ERR_STATE_STORE_NOT_FOUND", "state store " + store + " is not found"));
		}
		String key = (segments.length > 1) ? segments[1] : null;
		if (key == null && method.equals("POST")) {
			return save(store, body);
		}
		if (key != null && method.equals("GET")) {
			Optional<String> value = state(store, key);
			return value.map((jsonValue) -> new Answer(200, jsonValue.getBytes(StandardCharsets.UTF_8)))
				.orElseGet(() -> new Answer(204, new byte[0]));
		}
		if (key != null && method.equals("DELETE")) {
			Map<String, String> entries = this.stores.get(store);
			if (entries != null) {
				entries.remove(key);
			}
			return new Answer(204, new byte[0]);
		}
		return new Answer(405, error("ERR_METHOD_NOT_ALLOWED", "not emulated: " + method + " " + path));
	}

	private Answer save(String store, byte[] body) {
		JsonNode request;
		try {
			request = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return malformed("body is not JSON");
		}
		if (request == null || !request.isArray()) {
			return malformed("body must be an array of state items");
		}
		Map<String, String> items = new LinkedHashMap<>();
		for (JsonNode item : request) {
			JsonNode key = item.get("key");
			if (key == null || !key.isString() || key.asString().isEmpty() || !item.has("value")) {
				return malformed("every state item needs a key and a value");
			}
			items.put(key.asString(), this.json.writeValueAsString(item.get("value")));
		}
		items.forEach((key, value) -> putState(store, key, value));
		return new Answer(204, new byte[0]);
	}

	private Answer configuration(String store, @Nullable String query) {
		if (store.isEmpty() || store.contains("/")) {
			return new Answer(404, error("ERR_NOT_FOUND", "not emulated: configuration " + store));
		}
		Map<String, ConfigurationItem> items = this.configurations.getOrDefault(store, Map.of());
		List<String> keys = queryValues(query, "key");
		Map<String, Object> found = new LinkedHashMap<>();
		(keys.isEmpty() ? List.copyOf(items.keySet()) : keys).forEach((key) -> {
			ConfigurationItem item = items.get(key);
			if (item != null) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("value", item.value());
				entry.put("version", item.version());
				entry.put("metadata", Map.of());
				found.put(key, entry);
			}
		});
		return new Answer(200, this.json.writeValueAsBytes(found));
	}

	private Answer secret(String storeAndName) {
		String[] segments = storeAndName.split("/", 2);
		if (segments.length < 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
			return new Answer(404, error("ERR_NOT_FOUND", "not emulated: secrets " + storeAndName));
		}
		String value = this.secrets.getOrDefault(segments[0], Map.of()).get(segments[1]);
		if (value == null) {
			return new Answer(204, new byte[0]);
		}
		return new Answer(200, this.json.writeValueAsBytes(Map.of(segments[1], value)));
	}

	private static List<String> queryValues(@Nullable String query, String name) {
		if (query == null || query.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(query.split("&"))
			.map((parameter) -> parameter.split("=", 2))
			.filter((pair) -> pair.length == 2 && URLDecoder.decode(pair[0], StandardCharsets.UTF_8).equals(name))
			.map((pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
			.toList();
	}

	private Answer malformed(String message) {
		return new Answer(400, error("ERR_MALFORMED_REQUEST", message));
	}

	private byte[] error(String errorCode, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errorCode", errorCode);
		body.put("message", message);
		return this.json.writeValueAsBytes(body);
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		try (exchange) {
			if (body.length > 0) {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
			}
			exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	/**
	 * A request the emulator received.
	 * @param method the HTTP method
	 * @param path the decoded path, e.g. {@code /v1.0/state/statestore/user:42}
	 * @param query the raw query, e.g. {@code metadata.contentType=application/json}; {@code null} if none
	 * @param headers the headers, names in lower case, several values joined with a comma
	 * @param body the body as UTF-8 text, empty if none
	 */
	public record RecordedRequest(String method, String path, @Nullable String query, Map<String, String> headers,
			String body) {

		/**
		 * The value of a header.
		 * @param name the header's name, in any case
		 * @return the value, {@code null} if the header was not sent
		 */
		public @Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "");
		}

	}

	/**
	 * A fault the emulator answers with instead of the request's answer.
	 * @param status the HTTP status to answer with, or {@code 0} to answer normally after the delay
	 * @param errorCode Dapr's error code in the body
	 * @param delay how long to wait before answering, or {@code null}
	 * @param dropConnection whether to close the connection without answering
	 */
	public record Fault(int status, String errorCode, @Nullable Duration delay, boolean dropConnection) {

		/**
		 * The sidecar answers {@code 503} (for example while it is not ready yet).
		 * @return the fault
		 */
		public static Fault serviceUnavailable() {
			return new Fault(503, "ERR_SERVICE_UNAVAILABLE", null, false);
		}

		/**
		 * The sidecar answers {@code 500 ERR_STATE_GET} as it does when its state store component fails.
		 * @return the fault
		 */
		public static Fault internalError() {
			return new Fault(500, "ERR_STATE_GET", null, false);
		}

		/**
		 * Wait before answering normally (a delay longer than the client's read timeout makes it time out).
		 * @param delay the delay
		 * @return the fault
		 */
		public static Fault delay(Duration delay) {
			return new Fault(0, "", delay, false);
		}

		/**
		 * Close every connection without answering, as a sidecar that went away.
		 * @return the fault
		 */
		public static Fault down() {
			return new Fault(0, "", null, true);
		}

	}

	private record Answer(int status, byte[] body) {

	}

	private record ConfigurationItem(JsonNode value, String version) {

	}

}
