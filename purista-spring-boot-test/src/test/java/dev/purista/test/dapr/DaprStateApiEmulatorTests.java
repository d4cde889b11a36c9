package dev.purista.test.dapr;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.test.dapr.DaprStateApiEmulator.Fault;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The {@link DaprStateApiEmulator} answers as Dapr's HTTP state API does, records requests and injects faults.
 */
class DaprStateApiEmulatorTests {

	private static DaprStateApiEmulator emulator;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void start() throws IOException {
		emulator = DaprStateApiEmulator.start("statestore");
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void reset() {
		emulator.reset();
	}

	@Test
	void savedValuesAreReadBackAsJsonAndMissingKeysAre204() throws Exception {
		HttpResponse<String> saved = send("POST", "/v1.0/state/statestore",
				"[{\"key\":\"a\",\"value\":{\"n\":1}},{\"key\":\"b\",\"value\":\"text\"}]");
		assertThat(saved.statusCode()).isEqualTo(204);

		assertThat(send("GET", "/v1.0/state/statestore/a", null).body()).isEqualTo("{\"n\":1}");
		assertThat(emulator.state("statestore", "b")).contains("\"text\"");
		HttpResponse<String> missing = send("GET", "/v1.0/state/statestore/missing", null);
		assertThat(missing.statusCode()).isEqualTo(204);
		assertThat(missing.body()).isEmpty();
	}

	@Test
	void deleteRemovesAndSucceedsForMissingKeys() throws Exception {
		emulator.putState("statestore", "a", "1");

		assertThat(send("DELETE", "/v1.0/state/statestore/a", null).statusCode()).isEqualTo(204);
		assertThat(send("DELETE", "/v1.0/state/statestore/a", null).statusCode()).isEqualTo(204);
		assertThat(emulator.state("statestore", "a")).isEmpty();
	}

	@Test
	void errorsAreAnsweredAsDaprDoes() throws Exception {
		HttpResponse<String> unknownStore = send("POST", "/v1.0/state/nope", "[{\"key\":\"a\",\"value\":1}]");
		assertThat(unknownStore.statusCode()).isEqualTo(400);
		assertThat(unknownStore.body()).contains("\"errorCode\":\"ERR_STATE_STORE_NOT_FOUND\"");

		HttpResponse<String> malformed = send("POST", "/v1.0/state/statestore", "{\"key\":\"a\",\"value\":1}");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("ERR_MALFORMED_REQUEST");
		assertThat(send("POST", "/v1.0/state/statestore", "[{\"value\":1}]").statusCode()).isEqualTo(400);
		assertThat(emulator.state("statestore", "a")).isEmpty();
	}

	@Test
	void requiredApiTokenIsChecked() throws Exception {
		emulator.requireApiToken("t");

		assertThat(send("GET", "/v1.0/healthz", null).statusCode()).isEqualTo(401);
		HttpRequest withToken = HttpRequest.newBuilder(uri("/v1.0/healthz")).header("dapr-api-token", "t").build();
		assertThat(this.http.send(withToken, BodyHandlers.ofString()).statusCode()).isEqualTo(204);
	}

	@Test
	void requestsAreRecordedWithMethodPathQueryHeadersAndBody() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/state/statestore/k?metadata.contentType=application/json"))
			.header("Dapr-Api-Token", "x")
			.build();
		this.http.send(request, BodyHandlers.ofString());
		send("POST", "/v1.0/state/statestore", "[{\"key\":\"k\",\"value\":2}]");

		assertThat(emulator.requests()).map(RecordedRequest::toString)
			.containsExactly("GET /v1.0/state/statestore/k?metadata.contentType=application/json",
					"POST /v1.0/state/statestore");
		assertThat(emulator.requests().get(0).header("dapr-api-token")).isEqualTo("x");
		assertThat(emulator.requests().get(1).body()).isEqualTo("[{\"key\":\"k\",\"value\":2}]");
	}

	@Test
	void faultsReplaceTheAnswerUntilCleared() throws Exception {
		emulator.inject(Fault.serviceUnavailable());
		HttpResponse<String> unavailable = send("GET", "/v1.0/healthz", null);
		assertThat(unavailable.statusCode()).isEqualTo(503);
		emulator.inject(Fault.internalError());
		assertThat(send("GET", "/v1.0/state/statestore/k", null).body()).contains("ERR_STATE_GET");
		emulator.inject(Fault.down());
		assertThatIOException().isThrownBy(() -> send("GET", "/v1.0/healthz", null));

		emulator.clearFaults();
		assertThat(send("GET", "/v1.0/healthz", null).statusCode()).isEqualTo(204);
		// recorded too; the JDK client retries a GET whose connection was dropped once, so it may arrive twice
		assertThat(emulator.requests()).hasSizeBetween(4, 5);
	}

	@Test
	void configurationItemsAreAnsweredAsAnObjectByKeyUnderBothApiVersions() throws Exception {
		emulator.putConfiguration("configStore", "feature", "\"on\"");
		emulator.putConfiguration("configStore", "limit", "\"10\"");
		emulator.putConfiguration("otherStore", "feature", "\"off\"");

		HttpResponse<String> alpha = send("GET", "/v1.0-alpha1/configuration/configStore?key=feature&key=missing",
				null);
		assertThat(alpha.statusCode()).isEqualTo(200);
		assertThat(alpha.body()).isEqualTo("{\"feature\":{\"value\":\"on\",\"version\":\"1\",\"metadata\":{}}}");
		assertThat(send("GET", "/v1.0/configuration/configStore?key=limit", null).body())
			.isEqualTo("{\"limit\":{\"value\":\"10\",\"version\":\"2\",\"metadata\":{}}}");
		assertThat(send("GET", "/v1.0/configuration/configStore", null).body()).contains("\"feature\"", "\"limit\"");

		emulator.removeConfiguration("configStore", "feature");
		assertThat(send("GET", "/v1.0-alpha1/configuration/configStore?key=feature", null).body()).isEqualTo("{}");
		assertThat(emulator.requests()).map(RecordedRequest::toString)
			.startsWith("GET /v1.0-alpha1/configuration/configStore?key=feature&key=missing");
	}

	@Test
	void secretsAreAnsweredByNameAndMissingOnesAre204() throws Exception {
		emulator.putSecret("secretStore", "db-password", "pa55");

		HttpResponse<String> found = send("GET", "/v1.0/secrets/secretStore/db-password", null);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).isEqualTo("{\"db-password\":\"pa55\"}");
		emulator.removeSecret("secretStore", "db-password");
		HttpResponse<String> missing = send("GET", "/v1.0/secrets/secretStore/db-password", null);
		assertThat(missing.statusCode()).isEqualTo(204);
		assertThat(missing.body()).isEmpty();
	}

	@Test
	void configurationRequestsAnswerInjectedFaults() throws Exception {
		emulator.putConfiguration("configStore", "feature", "\"on\"");
		emulator.inject(Fault.serviceUnavailable());

		assertThat(send("GET", "/v1.0-alpha1/configuration/configStore?key=feature", null).statusCode())
			.isEqualTo(503);
	}

	@Test
	void delayedAnswersTimeOutAClientWithAShorterTimeout() {
		emulator.inject(Fault.delay(Duration.ofSeconds(2)));
		HttpRequest request = HttpRequest.newBuilder(uri("/v1.0/healthz")).timeout(Duration.ofMillis(200)).build();

		assertThatIOException().isThrownBy(() -> this.http.send(request, BodyHandlers.ofString()));
	}

	private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody())
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create(emulator.endpoint() + path);
	}

}
