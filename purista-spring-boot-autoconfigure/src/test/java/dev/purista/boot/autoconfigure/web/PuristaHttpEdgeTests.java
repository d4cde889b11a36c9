package dev.purista.boot.autoconfigure.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.service.CommandContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP edge answers honest statuses with PURISTA's error body (503 with {@code Retry-After}, 504, 413) and
 * does not trust what a client sends: oversized bodies are refused before they are read and unsafe
 * {@code x-trace-id} values are replaced.
 */
@SpringBootTest(classes = PuristaHttpEdgeTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "purista.event-bridge.default-command-timeout=500ms", "purista.http.max-request-size=1KB",
				"management.health.purista.enabled=false" })
@AutoConfigureRestTestClient
class PuristaHttpEdgeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CompletableFuture<String> NEVER = new CompletableFuture<>();

	private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

	private static final String W3C_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Autowired
	private RestTestClient client;

	@Autowired
	private EventBridge eventBridge;

	@LocalServerPort
	private int port;

	@BeforeEach
	void forgetReceived() {
		RECEIVED.clear();
	}

	@AfterAll
	static void releaseSlowCommand() {
		NEVER.complete("late");
	}

	@Test
	void invocationTimeoutAnswers504WithPuristaBody() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/slow", null, "x-trace-id", "trace-504");
		assertThat(response.status()).isEqualTo(504);
		assertThat(JSON.convertValue(response.body(), Map.class)).containsExactlyInAnyOrderEntriesOf(
				Map.of("status", 504, "message", "Gateway Timeout", "traceId", "trace-504"));
		assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
	}

	@Test
	@DirtiesContext
	void bridgeThatStoppedTakingWorkAnswers503WithRetryAfter() {
		this.eventBridge.stopIntake();
		WebResponse response = send(HttpMethod.POST, "/api/v1/echo", "{\"a\":1}", "x-trace-id", "trace-503");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER))
			.isEqualTo(Integer.toString(PuristaRouterFunction.RETRY_AFTER_SECONDS));
		assertThat(JSON.convertValue(response.body(), Map.class)).containsExactlyInAnyOrderEntriesOf(
				Map.of("status", 503, "message", "Service Unavailable", "traceId", "trace-503"));
		assertThat(RECEIVED).isEmpty();
	}

	@Test
	void bodyWithinTheLimitIsAccepted() {
		WebResponse response = send(HttpMethod.POST, "/api/v1/echo", "{\"a\":\"" + "x".repeat(900) + "\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(RECEIVED).hasSize(1);
	}

	@Test
	void bodyOverTheLimitByContentLengthAnswers413WithoutRunningTheCommand() {
		WebResponse response = send(HttpMethod.POST, "/api/v1/echo", "{\"a\":\"" + "x".repeat(2000) + "\"}",
				"x-trace-id", "trace-413");
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body().path("status").asInt()).isEqualTo(413);
		assertThat(response.body().path("message").asString()).isEqualTo("Payload Too Large");
		assertThat(response.body().path("data").path("maxRequestSize").asLong()).isEqualTo(1024);
		assertThat(response.body().path("traceId").asString()).isEqualTo("trace-413");
		assertThat(RECEIVED).isEmpty();
	}

	@Test
	void declaredOversizedBodyIsRefusedBeforeItIsRead() throws IOException {
		// the body is never sent: only an answer from the Content-Length alone arrives within the socket timeout
		String response = raw("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 20000000\r\nConnection: close\r\n\r\n{\"a\":");
		assertThat(response).startsWith("HTTP/1.1 413").contains("{\"status\":413,\"message\":\"Payload Too Large\"");
		assertThat(RECEIVED).isEmpty();
	}

	@Test
	void chunkedBodyOverTheLimitAnswers413WithoutRunningTheCommand() throws IOException, InterruptedException {
		byte[] body = ("{\"a\":\"" + "x".repeat(64 * 1024) + "\"}").getBytes();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/echo"))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.request().headers().firstValue(HttpHeaders.CONTENT_LENGTH)).isEmpty();
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(JSON.readTree(response.body()).path("message").asString()).isEqualTo("Payload Too Large");
		assertThat(RECEIVED).isEmpty();
	}

	@Test
	void traceIdWithMarkupIsReplacedNotEchoed() {
		assertReplaced("<script>alert(1)</script>");
	}

	@Test
	void overlongTraceIdIsReplaced() {
		assertReplaced("a".repeat(6000));
	}

	@Test
	void allZeroTraceIdIsReplaced() {
		assertReplaced("0".repeat(32));
	}

	@Test
	void w3cTraceIdIsKeptAndPropagated() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/whoami", null, "x-trace-id", W3C_TRACE_ID);
		assertThat(response.headers().getFirst("x-trace-id")).isEqualTo(W3C_TRACE_ID);
		assertThat(response.body().path("traceId").asString()).isEqualTo(W3C_TRACE_ID);
	}

	@Test
	void shortSafeTokenIsKept() {
		WebResponse response = send(HttpMethod.GET, "/api/v1/whoami", null, "x-trace-id", "order-42_retry.1");
		assertThat(response.headers().getFirst("x-trace-id")).isEqualTo("order-42_retry.1");
		assertThat(response.body().path("traceId").asString()).isEqualTo("order-42_retry.1");
	}

	@Test
	void routingErrorsAnswerPuristaJsonEvenToBrowsers() {
		WebResponse wrongMethod = send(HttpMethod.PUT, "/api/v1/whoami", "{}", HttpHeaders.ACCEPT, "text/html");
		assertThat(wrongMethod.status()).isEqualTo(404);
		assertPuristaError(wrongMethod, 404);
		WebResponse malformed = send(HttpMethod.POST, "/api/v1/echo", "{\"a\":", HttpHeaders.ACCEPT, "text/html");
		assertPuristaError(malformed, 400);
		WebResponse unsupported = WebResponse.of(this.client.post()
			.uri("/api/v1/echo")
			.header(HttpHeaders.CONTENT_TYPE, "text/plain")
			.header(HttpHeaders.ACCEPT, "text/html")
			.body("a=1")
			.exchange()
			.returnResult());
		assertPuristaError(unsupported, 400);
		assertThat(RECEIVED).isEmpty();
	}

	@Test
	void methodTheContainerRefusesAnswersPuristaJson() throws IOException {
		String response = raw("TRACE /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 405").containsIgnoringCase("Content-Type: application/json")
			.contains("{\"status\":405,\"message\":\"Method Not Allowed\",\"data\":{")
			.contains("\"route\":\"/api/v1/echo\"");
	}

	@Test
	void brokenChunkedBodyAnswersPuristaJson() throws IOException {
		String response = raw("POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n");
		assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
			.contains("{\"status\":400,");
		assertThat(RECEIVED).isEmpty();
	}

	@Test
	void malformedQueryStringAnswers400WithPuristaBody() throws IOException {
		String response = raw("GET /api/v1/whoami?a=%zz HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
			.contains("{\"status\":400,\"message\":\"Query string is not well-formed\"");
	}

	/**
	 * Send a request as written, for what HTTP clients refuse to send, and read the whole response.
	 */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return readResponse(socket.getInputStream());
		}
	}

	/**
	 * Read the status line, the headers and a body of {@code Content-Length} bytes, without waiting for the
	 * connection to close.
	 */
	private static String readResponse(InputStream input) throws IOException {
		StringBuilder response = new StringBuilder();
		int headerEnd;
		while ((headerEnd = response.indexOf("\r\n\r\n")) < 0) {
			int next = input.read();
			if (next < 0) {
				return response.toString();
			}
			response.append((char) next);
		}
		Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(response);
		if (length.find()) {
			response.append(new String(input.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
		}
		return response.toString();
	}

	private void assertReplaced(String given) {
		WebResponse response = send(HttpMethod.GET, "/api/v1/whoami", null, "x-trace-id", given);
		String traceId = response.headers().getFirst("x-trace-id");
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(given);
		assertThat(response.body().path("traceId").asString()).isEqualTo(traceId);
	}

	private static void assertPuristaError(WebResponse response, int status) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.headers().getContentType()).hasToString("application/json;charset=utf-8");
		assertThat(response.body().path("status").asInt()).isEqualTo(status);
		assertThat(response.body().path("message").asString()).isNotBlank();
	}

	private WebResponse send(HttpMethod method, String uri, @Nullable String json, String... headers) {
		return WebResponse.send(this.client, method, uri, json, headers);
	}

	@PuristaService(name = "Edge", version = "1")
	static class EdgeService {

		@Command(http = @Http(method = "POST", path = "echo"))
		public Map<String, Object> echo(Map<String, Object> payload) {
			RECEIVED.add(String.valueOf(payload.get("a")).substring(0, 1));
			return payload;
		}

		@Command(http = @Http(method = "GET", path = "slow"))
		public CompletableFuture<String> slow() {
			return NEVER;
		}

		@Command(http = @Http(method = "GET", path = "whoami"))
		public Map<String, @Nullable String> whoAmI(CommandContext context) {
			Map<String, @Nullable String> identity = new LinkedHashMap<>();
			identity.put("traceId", context.traceId());
			return identity;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		EdgeService edgeService() {
			return new EdgeService();
		}

	}

}
