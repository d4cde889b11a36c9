package dev.purista.test.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local emulator of AWS Secrets Manager for tests: <strong>not AWS</strong>, but an HTTP server on
 * {@code 127.0.0.1} speaking the service's JSON 1.1 protocol (requests dispatched on {@code X-Amz-Target}), so
 * the real AWS SDK client, its signing, serialization, error parsing and retries run against it. Point the client
 * at {@link #endpoint()} with any static credentials and region, for example with Spring Cloud AWS:
 * <pre class="code">
 * spring.cloud.aws.secretsmanager.endpoint=http://127.0.0.1:PORT
 * spring.cloud.aws.region.static=eu-central-1
 * spring.cloud.aws.credentials.access-key=test
 * spring.cloud.aws.credentials.secret-key=test
 * </pre>
 * It implements {@code GetSecretValue}, {@code CreateSecret}, {@code UpdateSecret}, {@code DeleteSecret} and
 * {@code DescribeSecret} on secret strings, keeps secrets in memory (by name or ARN), gives every write a new
 * {@code VersionId}, and answers errors as AWS does: status 400 with {@code __type}
 * {@code ResourceNotFoundException} or {@code ResourceExistsException}. Signatures are not checked, versions
 * and stages other than the current one, binary secrets, tags, policies and rotation are not emulated.
 * Deleting a secret that does not exist answers {@code ResourceNotFoundException}.
 * <p>
 * Faults can be injected for every following request ({@link #inject(Fault)}): throttling, a 5xx status, or a
 * delay before answering (longer than the client's timeout, to test timeouts). {@link #calls()} records the
 * operations and secret names received, never values.
 * <p>
 * Thread-safe. Start with {@link #start()}, stop with {@link #close()}.
 */
public final class SecretsManagerEmulator implements AutoCloseable {

	private static final String TARGET_PREFIX = "secretsmanager.";

	private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

	private static final String REGION = "us-east-1";

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final String ACCOUNT = "000000000000";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Secret> secrets = new LinkedHashMap<>();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService executor;

	private volatile @Nullable Fault fault;

	private SecretsManagerEmulator(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start an emulator on a free port of {@code 127.0.0.1}.
	 * @return the running emulator
	 * @throws IOException if the server cannot be started
	 */
	public static SecretsManagerEmulator start() throws IOException {
		// answer without Nagle's delay (read once, when the JDK's first HttpServer starts)
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "secrets-manager-emulator");
			thread.setDaemon(true);
			return thread;
		});
		SecretsManagerEmulator emulator = new SecretsManagerEmulator(server, executor);
		server.createContext("/", emulator::handle);
		server.setExecutor(executor);
		server.start();
		return emulator;
	}

	/**
	 * The URL to point the client at ({@code endpointOverride}, {@code spring.cloud.aws.secretsmanager.endpoint}).
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Create or replace a secret directly, without a request (for test set-up).
	 * @param name the secret's name
	 * @param value the secret string
	 */
	public synchronized void putSecret(String name, String value) {
		Secret existing = this.secrets.get(name);
		this.secrets.put(name, new Secret(name, (existing != null) ? existing.arn() : arnOf(name), value,
				UUID.randomUUID().toString(), Instant.now()));
	}

	/**
	 * The current value of a secret, read directly (for assertions).
	 * @param name the secret's name
	 * @return the secret string, empty if the secret does not exist
	 */
	public synchronized Optional<String> secretValue(String name) {
		Secret secret = this.secrets.get(name);
		return Optional.ofNullable((secret != null) ? secret.value() : null);
	}

	/**
	 * Remove every secret, recorded call and fault.
	 */
	public synchronized void reset() {
		this.secrets.clear();
		this.calls.clear();
		this.fault = null;
	}

	/**
	 * The requests received, in order: operation and secret name (or id), never values.
	 * @return a snapshot of the calls
	 */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * Forget the recorded calls.
	 */
	public void clearCalls() {
		this.calls.clear();
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
		try (exchange) {
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String operation = (target != null && target.startsWith(TARGET_PREFIX))
					? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
			JsonNode request = (body.length > 0) ? this.json.readTree(body) : this.json.createObjectNode();
			String secretId = text(request, "SecretId");
			this.calls.add(new Call(operation, (secretId != null) ? secretId : text(request, "Name"), parameters(request)));
			Fault current = this.fault;
			if (current != null) {
				if (current.delay() != null) {
					sleep(current.delay());
				}
				if (current.status() != 0) {
					send(exchange, current.status(), error(current.type(), "injected fault"));
					return;
				}
			}
			Answer answer = answer(operation, request);
			send(exchange, answer.status(), answer.body());
		}
		catch (RuntimeException ex) {
			send(exchange, 500, error("InternalServiceError", ex.getClass().getSimpleName()));
		}
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized Answer answer(String operation, JsonNode request) {
		return switch (operation) {
			case "GetSecretValue" -> getSecretValue(request);
			case "DescribeSecret" -> describeSecret(request);
			case "CreateSecret" -> createSecret(request);
			case "UpdateSecret", "PutSecretValue" -> updateSecret(request);
			case "DeleteSecret" -> deleteSecret(request);
			default -> new Answer(400, error("UnknownOperationException", "operation not emulated: " + operation));
		};
	}

	private Answer getSecretValue(JsonNode request) {
		Secret secret = find(text(request, "SecretId"));
		if (secret == null) {
			return notFound();
		}
		Map<String, Object> body = identity(secret);
		body.put("SecretString", secret.value());
		body.put("VersionStages", List.of("AWSCURRENT"));
		body.put("CreatedDate", secret.createdDate().getEpochSecond());
		return ok(body);
	}

	private Answer describeSecret(JsonNode request) {
		Secret secret = find(text(request, "SecretId"));
		if (secret == null) {
			return notFound();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ARN", secret.arn());
		body.put("Name", secret.name());
		body.put("VersionIdsToStages", Map.of(secret.versionId(), List.of("AWSCURRENT")));
		return ok(body);
	}

	private Answer createSecret(JsonNode request) {
		String name = text(request, "Name");
		String value = text(request, "SecretString");
		if (name == null || value == null) {
			return new Answer(400, error("InvalidParameterException", "Name and SecretString are required"));
		}
		if (this.secrets.containsKey(name)) {
			return new Answer(400, error("ResourceExistsException",
					"The operation failed because the secret " + name + " already exists."));
		}
		Secret secret = new Secret(name, arnOf(name), value, versionId(request), Instant.now());
		this.secrets.put(name, secret);
		return ok(identity(secret));
	}

	private Answer updateSecret(JsonNode request) {
		Secret secret = find(text(request, "SecretId"));
		if (secret == null) {
			return notFound();
		}
		String value = text(request, "SecretString");
		Secret updated = new Secret(secret.name(), secret.arn(), (value != null) ? value : secret.value(),
				versionId(request), secret.createdDate());
		this.secrets.put(secret.name(), updated);
		return ok(identity(updated));
	}

	private Answer deleteSecret(JsonNode request) {
		Secret secret = find(text(request, "SecretId"));
		if (secret == null) {
			return notFound();
		}
		this.secrets.remove(secret.name());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ARN", secret.arn());
		body.put("Name", secret.name());
		body.put("DeletionDate", Instant.now().getEpochSecond());
		return ok(body);
	}

	private @Nullable Secret find(@Nullable String secretId) {
		if (secretId == null) {
			return null;
		}
		Secret byName = this.secrets.get(secretId);
		if (byName != null) {
			return byName;
		}
		return this.secrets.values().stream().filter((secret) -> secret.arn().equals(secretId)).findFirst().orElse(null);
	}

	private static Map<String, Object> identity(Secret secret) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ARN", secret.arn());
		body.put("Name", secret.name());
		body.put("VersionId", secret.versionId());
		return body;
	}

	private static String versionId(JsonNode request) {
		String token = text(request, "ClientRequestToken");
		return (token != null) ? token : UUID.randomUUID().toString();
	}

	private static String arnOf(String name) {
		return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-"
				+ UUID.randomUUID().toString().substring(0, 6);
	}

	private static Map<String, String> parameters(JsonNode request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : request.properties()) {
			if (!field.getKey().startsWith("Secret") || field.getKey().equals("SecretId")) {
				parameters.put(field.getKey(), field.getValue().isString() ? field.getValue().asString()
						: field.getValue().toString());
			}
		}
		return Map.copyOf(parameters);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private Answer ok(Map<String, Object> body) {
		return new Answer(200, this.json.writeValueAsBytes(body));
	}

	private Answer notFound() {
		return new Answer(400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
	}

	private byte[] error(String type, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("__type", type);
		body.put("message", message);
		return this.json.writeValueAsBytes(body);
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * A request the emulator received.
	 * @param operation the operation, e.g. {@code GetSecretValue}
	 * @param secretId the {@code SecretId}, or the {@code Name} for {@code CreateSecret}; {@code null} if none
	 * @param parameters the request's top-level parameters as text, without {@code SecretString} and
	 * {@code SecretBinary} (values are never recorded), e.g. {@code ForceDeleteWithoutRecovery=true}
	 */
	public record Call(String operation, @Nullable String secretId, Map<String, String> parameters) {

		/**
		 * The calls as {@code Operation(secretId)} strings, for compact assertions.
		 * @param calls the calls
		 * @return the strings
		 */
		public static List<String> describe(List<Call> calls) {
			List<String> described = new ArrayList<>();
			calls.forEach((call) -> described.add(call.toString()));
			return described;
		}

		@Override
		public String toString() {
			return this.operation + "(" + this.secretId + ")";
		}

	}

	/**
	 * A fault the emulator answers with instead of the operation's answer.
	 * @param status the HTTP status to answer with, or {@code 0} to answer normally after the delay
	 * @param type the {@code __type} of the error
	 * @param delay how long to wait before answering, or {@code null}
	 */
	public record Fault(int status, String type, @Nullable Duration delay) {

		/**
		 * Throttling as AWS answers it: status 400, {@code ThrottlingException}.
		 * @return the fault
		 */
		public static Fault throttling() {
			return new Fault(400, "ThrottlingException", null);
		}

		/**
		 * An internal error: status 500, {@code InternalServiceError}.
		 * @return the fault
		 */
		public static Fault internalError() {
			return new Fault(500, "InternalServiceError", null);
		}

		/**
		 * Service unavailable: status 503, {@code ServiceUnavailable}.
		 * @return the fault
		 */
		public static Fault serviceUnavailable() {
			return new Fault(503, "ServiceUnavailable", null);
		}

		/**
		 * A client error the SDK does not retry: status 400, {@code AccessDeniedException}.
		 * @return the fault
		 */
		public static Fault accessDenied() {
			return new Fault(400, "AccessDeniedException", null);
		}

		/**
		 * Wait before answering normally (use a delay longer than the client's timeout to make it time out).
		 * @param delay the delay
		 * @return the fault
		 */
		public static Fault delay(Duration delay) {
			return new Fault(0, "", delay);
		}

	}

	private record Secret(String name, String arn, String value, String versionId, Instant createdDate) {

		@Override
		public String toString() {
			return "Secret[name=" + this.name + ", versionId=" + this.versionId + "]";
		}

	}

	private record Answer(int status, byte[] body) {

	}

}
