package dev.purista.boot.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the embedded Tomcat rejects before any application code runs answer PURISTA's JSON error body below
 * the base path (and when the request line cannot be read at all), never Tomcat's HTML page; other paths keep
 * Tomcat's page as Spring Boot configures it.
 */
@SpringBootTest(classes = PuristaContainerErrorTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.max-http-request-header-size=4KB", "management.health.purista.enabled=false" })
class PuristaContainerErrorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void encodedSlashBelowTheBasePathAnswersPuristaJson() throws IOException {
		assertPuristaError(get("/api/v1/a%2Fb"), 400, "Bad Request");
	}

	@Test
	void invalidEscapeBelowTheBasePathAnswersPuristaJson() throws IOException {
		assertPuristaError(get("/api/v1/%zz"), 400, "Bad Request");
	}

	@Test
	void headersBeyondTheMaximumSizeAnswerPuristaJson() throws IOException {
		RawResponse response = raw("GET /api/v1/ping HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(6000)
				+ "\r\nConnection: close\r\n\r\n");
		// Tomcat answers 400 (not 431) for a header block over server.max-http-request-header-size
		assertPuristaError(response, 400, "Bad Request");
	}

	@Test
	void unsupportedHttpVersionAnswers505PuristaJson() throws IOException {
		RawResponse response = raw("GET /api/v1/ping HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertPuristaError(response, 505, "HTTP Version Not Supported");
	}

	@Test
	void requestLineTooBrokenToNameATargetAnswersPuristaJson() throws IOException {
		RawResponse response = raw("G(T /api/v1/ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertPuristaError(response, 400, "Bad Request");
	}

	@Test
	void safeTraceIdOfARejectedRequestIsEchoed() throws IOException {
		RawResponse response = raw("GET /api/v1/a%2Fb HTTP/1.1\r\nHost: localhost\r\nx-trace-id: order-42\r\n"
				+ "Connection: close\r\n\r\n");
		assertPuristaError(response, 400, "Bad Request");
		assertThat(response.header("x-trace-id")).isEqualTo("order-42");
		assertThat(response.json().path("traceId").asString()).isEqualTo("order-42");
	}

	@Test
	void rejectedRequestOutsideTheBasePathKeepsTomcatsPageWithoutServerInfo() throws IOException {
		RawResponse response = get("/other/a%2Fb");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.header("x-trace-id")).isNull();
		assertThat(response.body()).doesNotContain("Apache Tomcat");
	}

	@Test
	void errorAnsweredBySpringMvcIsStillItsJson() throws IOException {
		RawResponse response = raw("GET /api/v1/nowhere HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
		assertThat(JSON.convertValue(response.json(), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of("status",
				404, "message", "Route not found", "data", Map.of("method", "GET", "route", "/api/v1/nowhere")));
	}

	@Test
	void hostHasOnlyPuristasErrorReportValve() {
		Valve[] valves = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getHost().getPipeline().getValves();
		assertThat(Arrays.stream(valves).filter(ErrorReportValve.class::isInstance))
			.singleElement()
			.isInstanceOfSatisfying(PuristaErrorReportValve.class, (valve) -> {
				assertThat(valve.isShowReport()).isFalse();
				assertThat(valve.isShowServerInfo()).isFalse();
			});
	}

	private static void assertPuristaError(RawResponse response, int status, String message) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
		assertThat(response.body()).doesNotContain("Apache Tomcat").doesNotContainIgnoringCase("<html");
		JsonNode body = response.json();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("status", "message", "traceId");
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("message").asString()).isEqualTo(message);
		assertThat(body.path("traceId").asString()).matches("[A-Za-z0-9._-]{1,64}")
			.isEqualTo(response.header("x-trace-id"));
	}

	private RawResponse get(String target) throws IOException {
		return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
	}

	/**
	 * Send a request as written, for what HTTP clients refuse to send, and read the status line, the headers and
	 * a body of {@code Content-Length} bytes.
	 */
	private RawResponse raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return RawResponse.read(socket.getInputStream());
		}
	}

	/**
	 * A response read from a socket.
	 *
	 * @param head the status line and headers
	 * @param body the body
	 */
	private record RawResponse(String head, String body) {

		static RawResponse read(InputStream input) throws IOException {
			StringBuilder head = new StringBuilder();
			while (head.indexOf("\r\n\r\n") < 0) {
				int next = input.read();
				if (next < 0) {
					break;
				}
				head.append((char) next);
			}
			String length = header(head.toString(), "Content-Length");
			String body = (length != null)
					? new String(input.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8) : "";
			return new RawResponse(head.toString(), body);
		}

		int status() {
			return Integer.parseInt(this.head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
		}

		@Nullable String header(String name) {
			return header(this.head, name);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		private static @Nullable String header(String head, String name) {
			Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ": *([^\r\n]*)")
				.matcher(head);
			return matcher.find() ? matcher.group(1) : null;
		}

	}

	@PuristaService(name = "Container", version = "1")
	static class PingService {

		@Command(http = @Http(method = "GET", path = "ping"))
		public String ping() {
			return "pong";
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		PingService pingService() {
			return new PingService();
		}

	}

}
