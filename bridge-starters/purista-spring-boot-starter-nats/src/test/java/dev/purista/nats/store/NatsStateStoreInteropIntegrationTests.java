package dev.purista.nats.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;
import dev.purista.nats.NatsTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NatsStateStore} shares TypeScript PURISTA's {@code NatsStateStore} layout on a real nats-server: the
 * default bucket {@code purista-state-store} (created by the store when missing, one value per key), the name as
 * the key and {@code JSONCodec} bytes as the value, read and written here with plain jnats as TypeScript would
 * (names NATS refuses as keys, which TypeScript cannot store, are escaped and read back);
 * a removed value is the bucket's delete marker, which TypeScript reads as missing, and so does Java.
 */
class NatsStateStoreInteropIntegrationTests {

	private final NatsTestSupport nats = new NatsTestSupport();

	private Connection direct;

	private NatsStateStore store;

	@BeforeEach
	void connect() throws Exception {
		this.direct = this.nats.connect();
		deleteDefaultBucket();
		this.store = new NatsStateStore(this.nats.options(), new MessageCodec(), StoreOptions.stateDefaults());
	}

	@AfterEach
	void close() throws Exception {
		if (this.store != null) {
			this.store.destroy();
		}
		deleteDefaultBucket();
		this.direct.close();
	}

	@Test
	void valuesAreJsonBytesUnderTheNameInTypeScriptsDefaultBucket() throws Exception {
		this.store.setState("user.42/profile", Map.of("name", "Ada", "tags", List.of("a", "b")));
		this.store.setState("user-email_ada=1", "42");

		KeyValueStatus status = this.direct.keyValueManagement().getStatus("purista-state-store");
		assertThat(status.getBackingStreamInfo().getConfiguration().getName()).isEqualTo("KV_purista-state-store");
		assertThat(status.getMaxHistoryPerKey()).isEqualTo(1);
		KeyValue typeScript = this.direct.keyValue("purista-state-store");
		assertThat(json(typeScript.get("user.42/profile"))).isIn("{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"]}",
				"{\"tags\":[\"a\",\"b\"],\"name\":\"Ada\"}");
		assertThat(json(typeScript.get("user-email_ada=1"))).isEqualTo("\"42\"");
		assertThat(typeScript.keys()).containsExactlyInAnyOrder("user.42/profile", "user-email_ada=1");
	}

	@Test
	void namesNatsRefusesAsKeysAreEscapedAndReadBack() throws Exception {
		List<String> names = List.of("user:42", "user-email:ada@example.com", "=user=3A42", "with space", "a..b",
				".dot", "dot.", "wild*card>", "grüße", "", "=");
		for (String name : names) {
			this.store.setState(name, Map.of("name", name));
		}

		Map<String, Object> values = this.store.getState(names.toArray(String[]::new));

		assertThat(names).allSatisfy((name) -> assertThat(values.get(name)).as(name)
			.hasToString("{\"name\":\"" + name + "\"}"));
		KeyValue typeScript = this.direct.keyValue("purista-state-store");
		assertThat(json(typeScript.get("=user=3A42"))).isEqualTo("{\"name\":\"user:42\"}");
		assertThat(json(typeScript.get("=user-email=3Aada=40example=2Ecom")))
			.isEqualTo("{\"name\":\"user-email:ada@example.com\"}");
		assertThat(typeScript.keys()).hasSize(names.size());
	}

	@Test
	void valuesWrittenByTypeScriptAreReadAsJsonTrees() throws Exception {
		this.store.setState("created-by-java", true);
		KeyValue typeScript = this.direct.keyValue("purista-state-store");
		typeScript.put("order-1", "{\"lines\":[{\"sku\":\"a-1\",\"quantity\":2}],\"paid\":false}"
			.getBytes(StandardCharsets.UTF_8));
		typeScript.put("empty-bytes", new byte[0]);

		Map<String, Object> values = this.store.getState("order-1", "empty-bytes");

		assertThat(values.get("order-1")).isInstanceOf(JsonNode.class)
			.hasToString("{\"lines\":[{\"sku\":\"a-1\",\"quantity\":2}],\"paid\":false}");
		assertThat(values).containsEntry("empty-bytes", null);
	}

	@Test
	void removeWritesTheDeleteMarkerTypeScriptReadsAsMissing() throws Exception {
		KeyValue typeScript = this.direct.keyValue(createdBucket());
		typeScript.put("session", "{\"open\":true}".getBytes(StandardCharsets.UTF_8));

		this.store.removeState("session");

		List<KeyValueEntry> history = typeScript.history("session");
		assertThat(history).last().extracting(KeyValueEntry::getOperation).isEqualTo(KeyValueOperation.DELETE);
		assertThat(typeScript.get("session")).isNull();
		assertThat(this.store.getState("session")).containsEntry("session", null);
	}

	private String createdBucket() {
		this.store.getState("any");
		return this.store.bucket();
	}

	private static String json(KeyValueEntry entry) {
		assertThat(entry).isNotNull();
		return new String(entry.getValue(), StandardCharsets.UTF_8);
	}

	private void deleteDefaultBucket() throws Exception {
		try {
			this.direct.keyValueManagement().delete(NatsStateStore.DEFAULT_BUCKET);
		}
		catch (JetStreamApiException ex) {
			// not created yet
		}
	}

}
