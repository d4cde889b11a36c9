package dev.purista.test.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link LambdaRuntimeApiEmulator} spoken to over HTTP as a runtime would.
 */
class LambdaRuntimeApiEmulatorTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	private LambdaRuntimeApiEmulator runtimeApi;

	@BeforeEach
	void start() throws IOException {
		this.runtimeApi = LambdaRuntimeApiEmulator.start("orders");
	}

	@AfterEach
	void stop() {
		this.runtimeApi.close();
	}

	@Test
	void nextDeliversTheEventWithTheInvocationHeaders() throws Exception {
		this.runtimeApi.invoke(bytes("{\"a\":1}"), Duration.ofSeconds(20));
		long before = System.currentTimeMillis();

		HttpResponse<String> next = next().join();

		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.body()).isEqualTo("{\"a\":1}");
		assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValueSatisfying(
				(id) -> assertThat(id).isNotBlank());
		assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
			.hasValue("arn:aws:lambda:us-east-1:000000000000:function:orders");
		assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValueSatisfying(
				(trace) -> assertThat(trace).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
		long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
		assertThat(deadline).isBetween(before + 20_000, System.currentTimeMillis() + 20_000);
		assertThat(this.runtimeApi.address()).matches("127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void nextWaitsForAnEvent() {
		CompletableFuture<HttpResponse<String>> next = next();
		await().atMost(WAIT).until(() -> this.runtimeApi.pollingCount() == 1);
		assertThat(next).isNotDone();
		assertThat(this.runtimeApi.queuedCount()).isZero();

		this.runtimeApi.invoke(bytes("late"), Duration.ofSeconds(5));

		assertThat(next).succeedsWithin(WAIT).satisfies((response) -> assertThat(response.body()).isEqualTo("late"));
		assertThat(this.runtimeApi.queuedCount()).isZero();
		assertThat(this.runtimeApi.pollingCount()).isZero();
	}

	@Test
	void aPostedResponseCompletesTheInvocation() throws Exception {
		CompletableFuture<InvocationOutcome> invocation = this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(5));
		String requestId = requestId(next().join());

		HttpResponse<String> posted = post("invocation/" + requestId + "/response", "{\"ok\":true}", null);

		assertThat(posted.statusCode()).isEqualTo(202);
		assertThat(invocation).succeedsWithin(WAIT).satisfies((outcome) -> {
			assertThat(outcome.isError()).isFalse();
			assertThat(outcome.requestId()).isEqualTo(requestId);
			assertThat(outcome.responseText()).isEqualTo("{\"ok\":true}");
		});
	}

	@Test
	void aPostedErrorCompletesTheInvocationWithTheError() throws Exception {
		CompletableFuture<InvocationOutcome> invocation = this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(5));
		String requestId = requestId(next().join());

		HttpResponse<String> posted = post("invocation/" + requestId + "/error",
				"{\"errorMessage\":\"bad\",\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}",
				"Runtime.Unknown");

		assertThat(posted.statusCode()).isEqualTo(202);
		assertThat(invocation).succeedsWithin(WAIT).satisfies((outcome) -> {
			assertThat(outcome.isError()).isTrue();
			assertThat(outcome.error().errorType()).isEqualTo("java.lang.RuntimeException");
			assertThat(outcome.error().errorMessage()).isEqualTo("bad");
			assertThat(outcome.error().stackTrace()).containsExactly("a.B.c(B.java:1)");
			assertThat(outcome.error().functionErrorType()).isEqualTo("Runtime.Unknown");
		});
	}

	@Test
	void anUnknownOrAnsweredRequestIdIsRejected() throws Exception {
		this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(5));
		String requestId = requestId(next().join());
		post("invocation/" + requestId + "/response", "1", null);

		assertThat(post("invocation/" + requestId + "/response", "2", null).statusCode()).isEqualTo(400);
		assertThat(post("invocation/unknown/error", "{}", null).body()).contains("InvalidRequestID");
	}

	@Test
	void anInitErrorIsRecorded() throws Exception {
		assertThat(this.runtimeApi.initError()).isNotDone();

		HttpResponse<String> posted = post("init/error",
				"{\"errorMessage\":\"cannot load\",\"errorType\":\"java.lang.ClassNotFoundException\"}",
				"Runtime.ClassNotFound");

		assertThat(posted.statusCode()).isEqualTo(202);
		assertThat(this.runtimeApi.initError()).succeedsWithin(WAIT).satisfies((error) -> {
			assertThat(error.errorType()).isEqualTo("java.lang.ClassNotFoundException");
			assertThat(error.errorMessage()).isEqualTo("cannot load");
			assertThat(error.functionErrorType()).isEqualTo("Runtime.ClassNotFound");
		});
	}

	private CompletableFuture<HttpResponse<String>> next() {
		return this.http.sendAsync(HttpRequest.newBuilder(uri("invocation/next")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
		if (errorType != null) {
			request.header("Lambda-Runtime-Function-Error-Type", errorType);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://" + this.runtimeApi.address() + "/2018-06-01/runtime/" + path);
	}

	private static String requestId(HttpResponse<String> next) {
		return next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
