package dev.purista.dapr;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTP requests {@link DaprStateStore} sends, pinned against what TypeScript PURISTA's
 * {@code DaprStateStore} ({@code @purista/dapr-sdk}) sends, as the {@link DaprStateApiEmulator} records them.
 */
class DaprStateStoreRequestTests {

	private static final String JSON_UTF8 = "application/json; charset=utf-8";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static DaprStateApiEmulator emulator;

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = DaprStateApiEmulator.start("statestore", "other-store");
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
	}

	private static DaprStateStore store(@Nullable String apiToken) {
		return store("statestore", apiToken);
	}

	private static DaprStateStore store(String stateStoreName, @Nullable String apiToken) {
		return new DaprStateStore(DaprHttpClients.create(emulator.endpoint(), apiToken, Duration.ofSeconds(2),
				Duration.ofSeconds(5)), stateStoreName, new MessageCodec(), StoreOptions.stateDefaults());
	}

	@Test
	void setPostsOneKeyValueItemWithTheValueAsJson() {
		store(null).setState("user:42", Map.of("name", "Ada", "age", 36));

		RecordedRequest request = single();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1.0/state/statestore");
		assertThat(request.query()).isNull();
		assertThat(request.header("content-type")).isEqualTo(JSON_UTF8);
		assertThat(request.header("dapr-api-token")).isNull();
		assertThat(json.readTree(request.body()))
			.isEqualTo(json.readTree("[{\"key\":\"user:42\",\"value\":{\"name\":\"Ada\",\"age\":36}}]"));
		assertThat(emulator.state("statestore", "user:42").map(json::readTree))
			.contains(json.readTree("{\"name\":\"Ada\",\"age\":36}"));
	}

	@Test
	void setOfAStringSendsAJsonString() {
		store(null).setState("greeting", "hello \"you\"");

		assertThat(json.readTree(single().body()))
			.isEqualTo(json.readTree("[{\"key\":\"greeting\",\"value\":\"hello \\\"you\\\"\"}]"));
	}

	@Test
	void getSendsOneGetPerNameAskingForJson() {
		emulator.putState("statestore", "a", "{\"tags\":[\"x\",\"y\"]}");
		emulator.putState("statestore", "b", "7");

		Map<String, @Nullable Object> state = store(null).getState("a", "b", "missing");

		assertThat(state).containsKeys("a", "b", "missing").containsEntry("missing", null);
		assertThat(state.get("a")).hasToString("{\"tags\":[\"x\",\"y\"]}");
		assertThat(state.get("b")).hasToString("7");
		assertThat(emulator.requests()).map(RecordedRequest::toString)
			.containsExactly("GET /v1.0/state/statestore/a?metadata.contentType=application/json",
					"GET /v1.0/state/statestore/b?metadata.contentType=application/json",
					"GET /v1.0/state/statestore/missing?metadata.contentType=application/json");
		assertThat(emulator.requests()).allSatisfy((request) -> {
			assertThat(request.header("content-type")).isEqualTo(JSON_UTF8);
			assertThat(request.body()).isEmpty();
		});
	}

	@Test
	void removeSendsDelete() {
		emulator.putState("statestore", "gone", "1");

		store(null).removeState("gone");

		assertThat(single()).hasToString("DELETE /v1.0/state/statestore/gone");
		assertThat(emulator.state("statestore", "gone")).isEmpty();
	}

	@Test
	void stateStoreNameIsTheComponentInThePath() {
		store("other-store", null).setState("k", 1);

		assertThat(single().path()).isEqualTo("/v1.0/state/other-store");
		assertThat(emulator.state("other-store", "k")).contains("1");
	}

	@Test
	void apiTokenIsSentAsHeaderOnEveryRequestAndThePathKeepsV10() {
		emulator.requireApiToken("s3cret");
		DaprStateStore store = store("s3cret");

		store.setState("k", true);
		assertThat(store.getState("k").get("k")).hasToString("true");
		store.removeState("k");
		assertThat(store.isHealthy()).isTrue();

		assertThat(emulator.requests()).hasSize(4).allSatisfy((request) -> {
			assertThat(request.header("dapr-api-token")).isEqualTo("s3cret");
			assertThat(request.path()).startsWith("/v1.0/");
		});
	}

	@Test
	void wrongApiTokenIsAClearErrorNotAnOutage() {
		emulator.requireApiToken("s3cret");

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store("wrong").getState("k"))
			.isNotInstanceOf(StoreUnavailableException.class)
			.withMessage("DaprStateStore could not read key 'k' in Dapr state store 'statestore': "
					+ "Dapr answered 401 ERR_API_TOKEN")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
	}

	@Test
	void unknownStateStoreIsAClearError() {
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store("nope", null).setState("k", 1))
			.withMessage("DaprStateStore could not write key 'k' in Dapr state store 'nope': "
					+ "Dapr answered 400 ERR_STATE_STORE_NOT_FOUND");
	}

	@Test
	void healthAsksTheSidecarsHealthEndpoint() {
		assertThat(store(null).isHealthy()).isTrue();

		assertThat(single()).hasToString("GET /v1.0/healthz");
	}

	private static RecordedRequest single() {
		List<RecordedRequest> requests = emulator.requests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
