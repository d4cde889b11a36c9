package dev.purista.test.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the event API Gateway's HTTP API sends a Lambda function (payload format 2.0) for one request, to pass
 * to {@link LambdaRuntimeApiEmulator#invoke}:
 * <pre class="code">
 * byte[] event = HttpApiEvent.request("POST", "/api/v1/user").jsonBody("{\"email\":\"ada@example.com\"}").toBytes();
 * </pre>
 * The event has {@code version}, {@code routeKey} ({@code $default}), {@code rawPath}, {@code rawQueryString},
 * {@code headers} (names lower-cased, as API Gateway sends them), {@code requestContext} with {@code stage},
 * {@code http.method}, {@code http.path} and, when claims are given, {@code authorizer.jwt.claims}, then
 * {@code body} and {@code isBase64Encoded}. A stage other than {@code $default} prefixes the path, as API Gateway
 * does. Not thread-safe.
 */
public final class HttpApiEvent {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String method;

	private final String path;

	private String query = "";

	private String stage = "$default";

	private final Map<String, String> headers = new LinkedHashMap<>();

	private final Map<String, String> claims = new LinkedHashMap<>();

	private @Nullable String body;

	private boolean base64;

	private HttpApiEvent(String method, String path) {
		this.method = Objects.requireNonNull(method, "method");
		this.path = Objects.requireNonNull(path, "path");
	}

	/**
	 * A request without body, on the {@code $default} stage.
	 * @param method the HTTP method
	 * @param path the path without stage, e.g. {@code /api/v1/user}
	 * @return the builder
	 */
	public static HttpApiEvent request(String method, String path) {
		return new HttpApiEvent(method, path);
	}

	/**
	 * Set the raw query string, without {@code ?}.
	 * @param rawQueryString the query string, e.g. {@code a=1&b=2}
	 * @return this builder
	 */
	public HttpApiEvent query(String rawQueryString) {
		this.query = Objects.requireNonNull(rawQueryString, "rawQueryString");
		return this;
	}

	/**
	 * Set the stage; one other than {@code $default} becomes the first segment of {@code rawPath}.
	 * @param stage the stage name
	 * @return this builder
	 */
	public HttpApiEvent stage(String stage) {
		this.stage = Objects.requireNonNull(stage, "stage");
		return this;
	}

	/**
	 * Add a header.
	 * @param name the name (lower-cased in the event)
	 * @param value the value
	 * @return this builder
	 */
	public HttpApiEvent header(String name, String value) {
		this.headers.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value"));
		return this;
	}

	/**
	 * Add a claim of the JWT authorizer ({@code requestContext.authorizer.jwt.claims}).
	 * @param name the claim
	 * @param value its value
	 * @return this builder
	 */
	public HttpApiEvent jwtClaim(String name, String value) {
		this.claims.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
		return this;
	}

	/**
	 * Set a JSON body with {@code content-type: application/json}.
	 * @param json the body
	 * @return this builder
	 */
	public HttpApiEvent jsonBody(String json) {
		header("content-type", "application/json");
		this.body = Objects.requireNonNull(json, "json");
		this.base64 = false;
		return this;
	}

	/**
	 * Set a body sent base64-encoded, as API Gateway sends binary bodies.
	 * @param content the body's bytes
	 * @return this builder
	 */
	public HttpApiEvent base64Body(byte[] content) {
		this.body = Base64.getEncoder().encodeToString(content);
		this.base64 = true;
		return this;
	}

	/**
	 * The event as JSON.
	 * @return the event
	 */
	public ObjectNode toJson() {
		String rawPath = this.stage.equals("$default") ? this.path : "/" + this.stage + this.path;
		ObjectNode event = JSON.createObjectNode();
		event.put("version", "2.0");
		event.put("routeKey", "$default");
		event.put("rawPath", rawPath);
		event.put("rawQueryString", this.query);
		event.set("headers", JSON.valueToTree(this.headers));
		ObjectNode context = event.putObject("requestContext");
		context.put("stage", this.stage);
		ObjectNode http = context.putObject("http");
		http.put("method", this.method);
		http.put("path", rawPath);
		if (!this.claims.isEmpty()) {
			context.putObject("authorizer").putObject("jwt").set("claims", JSON.valueToTree(this.claims));
		}
		if (this.body != null) {
			event.put("body", this.body);
		}
		event.put("isBase64Encoded", this.base64);
		return event;
	}

	/**
	 * The event as UTF-8 JSON bytes, what {@link LambdaRuntimeApiEmulator#invoke} takes.
	 * @return the event
	 */
	public byte[] toBytes() {
		return JSON.writeValueAsString(toJson()).getBytes(StandardCharsets.UTF_8);
	}

}
