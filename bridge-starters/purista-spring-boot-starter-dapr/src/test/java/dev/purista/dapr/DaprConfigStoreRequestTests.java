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

import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.dapr.DaprStateApiEmulator;
import dev.purista.test.dapr.DaprStateApiEmulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTP requests {@link DaprConfigStore} sends and how it reads Dapr's answers, pinned against TypeScript
 * PURISTA's {@code DaprConfigStore} ({@code @purista/dapr-sdk}), as the {@link DaprStateApiEmulator} records
 * them; and its refusal to write, as TypeScript refuses.
 */
class DaprConfigStoreRequestTests {

	private static final String JSON_UTF8 = "application/json; charset=utf-8";

	private static DaprStateApiEmulator emulator;

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = DaprStateApiEmulator.start();
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
	}

	private static DaprConfigStore store(@Nullable String apiToken, StoreOptions options) {
		return new DaprConfigStore(DaprHttpClients.create(emulator.endpoint(), apiToken, Duration.ofSeconds(2),
				Duration.ofSeconds(5)), "configStore", new MessageCodec(), options);
	}

	private static DaprConfigStore store() {
		return store(null, StoreOptions.configDefaults());
	}

	@Test
	void getSendsOneAlpha1ConfigurationRequestPerNameWithTheKeyAsQuery() {
		emulator.putConfiguration("configStore", "feature", "\"on\"");
		emulator.putConfiguration("configStore", "limit", "\"10\"");

		Map<String, @Nullable Object> values = store().getConfig("feature", "limit");

		assertThat(values).containsOnlyKeys("feature", "limit");
		assertThat(values.get("feature")).hasToString("\"on\"");
		assertThat(values.get("limit")).hasToString("\"10\"");
		List<RecordedRequest> requests = emulator.requests();
		assertThat(requests).map(RecordedRequest::toString)
			.containsExactly("GET /v1.0-alpha1/configuration/configStore?key=feature",
					"GET /v1.0-alpha1/configuration/configStore?key=limit");
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.header("content-type")).isEqualTo(JSON_UTF8);
			assertThat(request.header("dapr-api-token")).isNull();
			assertThat(request.body()).isEmpty();
		});
	}

	@Test
	void theValueIsTakenAsDaprHoldsItAString() {
		emulator.putConfiguration("configStore", "settings", "\"{\\\"a\\\":1}\"");

		Object value = store().getConfig("settings").get("settings");

		assertThat(value).hasToString("\"{\\\"a\\\":1}\"");
	}

	@Test
	void aNameWithoutItemReadsAsNull() {
		emulator.putConfiguration("configStore", "other", "\"x\"");

		assertThat(store().getConfig("missing")).containsOnlyKeys("missing").containsEntry("missing", null);
		assertThat(emulator.requests()).map(RecordedRequest::toString)
			.containsExactly("GET /v1.0-alpha1/configuration/configStore?key=missing");
	}

	@Test
	void theTokenIsSentAsHeaderAndTheKeyIsEncodedInTheQuery() {
		emulator.requireApiToken("s3cret");
		emulator.putConfiguration("configStore", "a b&c", "\"v\"");

		Object value = store("s3cret", StoreOptions.configDefaults()).getConfig("a b&c").get("a b&c");

		assertThat(value).hasToString("\"v\"");
		RecordedRequest request = emulator.requests().get(0);
		assertThat(request.path()).isEqualTo("/v1.0-alpha1/configuration/configStore");
		assertThat(request.query()).isEqualTo("key=a%20b%26c");
		assertThat(request.header("dapr-api-token")).isEqualTo("s3cret");
	}

	@Test
	void setAndRemoveAreRefusedWith401ByDefaultWithoutARequest() {
		DaprConfigStore store = store();

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.setConfig("k", "v"))
			.withMessage("set config at store is disabled by config")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.removeConfig("k"))
			.withMessage("remove config from store is disabled by config")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		assertThat(emulator.requests()).isEmpty();
	}

	@Test
	void setAndRemoveWhenEnabledAreNotImplemented501AsInTypeScript() {
		DaprConfigStore store = store(null,
				StoreOptions.configDefaults().toBuilder().enableSet(true).enableRemove(true).build());

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.setConfig("k", "v"))
			.withMessage("setting or changing of configs is not available")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(501));
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.removeConfig("k"))
			.withMessage("removing of configs is not available")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(501));
		assertThat(emulator.requests()).isEmpty();
	}

	@Test
	void getWhenDisabledIsRefusedWith401WithoutARequest() {
		DaprConfigStore store = store(null, StoreOptions.builder().build());

		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.getConfig("k"))
			.withMessage("get config from store is disabled by config")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		assertThat(emulator.requests()).isEmpty();
	}

}
