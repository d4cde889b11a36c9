package dev.purista.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * What {@link KeyValueStateStore} and {@link KeyValueConfigStore} do on top of any {@link KeyValueStorage}: the
 * calls they make, the JSON text they write and their errors. The contract suites in purista-spring-boot-test
 * cover the store behaviour.
 */
class KeyValueStoreTests {

	private final RecordingStorage storage = new RecordingStorage();

	private final KeyValueStateStore state = new KeyValueStateStore("TestStateStore", this.storage,
			new MessageCodec(), StoreOptions.stateDefaults());

	@Test
	void setWritesTheValueAsJsonTextUnderTheNameAsGiven() {
		this.state.setState("user:42", Map.of("name", "Ada"));
		this.state.setState("nothing", null);
		assertThat(this.storage.values).containsEntry("user:42", "{\"name\":\"Ada\"}").containsEntry("nothing", "null");
	}

	@Test
	void getOfSeveralNamesAsksTheStorageOnceForEachDistinctName() {
		this.storage.values.put("a", "1");
		Map<String, ?> values = this.state.getState("a", "missing", "a");
		assertThat(this.storage.gets).containsExactly(List.of("a", "missing"));
		assertThat(values).containsOnlyKeys("a", "missing");
		assertThat(values.get("a")).isInstanceOf(JsonNode.class).hasToString("1");
	}

	@Test
	void getOfNoNamesDoesNotAskTheStorage() {
		assertThat(this.state.getState()).isEmpty();
		assertThat(this.storage.gets).isEmpty();
	}

	@Test
	void disabledOperationsDoNotReachTheStorage() {
		KeyValueConfigStore config = new KeyValueConfigStore("TestConfigStore", this.storage, new MessageCodec(),
				StoreOptions.builder().build());
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> config.getConfig("a"))
			.withMessage("get config from store is disabled by config");
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> config.setConfig("a", 1))
			.withMessage("set config at store is disabled by config");
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> config.removeConfig("a"))
			.withMessage("remove config from store is disabled by config");
		assertThat(this.storage.calls).isZero();
	}

	@Test
	void storedTextThatIsNotJsonFailsWith500NamingTheEntryAndTheStore() {
		this.storage.values.put("broken", "{not json");
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> this.state.getState("broken"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500))
			.withMessage("state 'broken' in TestStateStore is not valid JSON");
	}

	@Test
	void valueThatCannotBeWrittenAsJsonFailsWith500AndIsNotStored() {
		assertThatExceptionOfType(UnhandledException.class)
			.isThrownBy(() -> this.state.setState("unwritable", new Unwritable()))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500))
			.withMessage("state 'unwritable' cannot be written as JSON");
		assertThat(this.storage.values).isEmpty();
	}

	@Test
	void nullNamesAreRejectedBeforeTheStorageIsAsked() {
		assertThatNullPointerException().isThrownBy(() -> this.state.getState("a", null));
		assertThatNullPointerException().isThrownBy(() -> this.state.setState(null, 1));
		assertThatNullPointerException().isThrownBy(() -> this.state.removeState(null));
		assertThat(this.storage.calls).isZero();
	}

	@Test
	void healthIsTheStoragesHealth() {
		assertThat(this.state.isHealthy()).isTrue();
		this.storage.healthy = false;
		assertThat(this.state.isHealthy()).isFalse();
	}

	@Test
	void toStringNamesTheStoreAndItsOptionsButNoValues() {
		this.state.setState("secretish", "value-not-shown");
		assertThat(this.state.toString()).startsWith("TestStateStore[options=").doesNotContain("value-not-shown");
	}

	/** A storage that records the calls it gets. */
	static final class RecordingStorage implements KeyValueStorage {

		final Map<String, String> values = new LinkedHashMap<>();

		final List<List<String>> gets = new ArrayList<>();

		int calls;

		boolean healthy = true;

		@Override
		public Map<String, String> get(List<String> keys) {
			this.calls++;
			this.gets.add(List.copyOf(keys));
			Map<String, String> found = new LinkedHashMap<>();
			keys.stream().filter(this.values::containsKey).forEach((key) -> found.put(key, this.values.get(key)));
			return found;
		}

		@Override
		public void put(String key, String json) {
			this.calls++;
			this.values.put(key, json);
		}

		@Override
		public void delete(String key) {
			this.calls++;
			this.values.remove(key);
		}

		@Override
		public boolean isHealthy() {
			return this.healthy;
		}

		@Override
		public String toString() {
			return "RecordingStorage";
		}

	}

	/** A value Jackson cannot write: its getter throws. */
	static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

}
