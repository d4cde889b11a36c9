package dev.purista.test.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StoreOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract state and config stores share: both hold JSON values by name. {@link AbstractStateStoreTests}
 * and {@link AbstractConfigStoreTests} only say how to reach their kind of store and add their kind's defaults.
 *
 * @param <S> the store type
 */
abstract class JsonValueStoreContract<S> {

	static final int THREADS = 8;

	static final int OPERATIONS_PER_THREAD = 1000;

	private static final JsonMapper mapper = MessageCodec.defaultMapper();

	private final List<S> stores = new ArrayList<>();

	private final String noun;

	private final StoreOptions writableOptions;

	private final Operations<S> operations;

	/**
	 * Create the contract for one kind of store.
	 * @param noun the word PURISTA uses for an entry in error messages, e.g. {@code state}
	 * @param writableOptions options enabling get, set and remove
	 * @param operations how to reach a store of this kind
	 */
	JsonValueStoreContract(String noun, StoreOptions writableOptions, Operations<S> operations) {
		this.noun = noun;
		this.writableOptions = writableOptions;
		this.operations = operations;
	}

	/**
	 * Create the store under test.
	 * @param options the options the store must honour
	 * @return a new, empty store
	 */
	protected abstract S createStore(StoreOptions options);

	final StoreOptions writableOptions() {
		return this.writableOptions;
	}

	final Map<String, @Nullable Object> get(S store, String... names) {
		return this.operations.get().apply(store, names);
	}

	final void set(S store, String name, @Nullable Object value) {
		this.operations.set().set(store, name, value);
	}

	final void remove(S store, String name) {
		this.operations.remove().accept(store, name);
	}

	final String storeName(S store) {
		return this.operations.name().apply(store);
	}

	final void destroy(S store) {
		this.operations.destroy().accept(store);
	}

	final String getDisabledMessage() {
		return "get " + this.noun + " from store is disabled by config";
	}

	final String setDisabledMessage() {
		return "set " + this.noun + " at store is disabled by config";
	}

	final String removeDisabledMessage() {
		return "remove " + this.noun + " from store is disabled by config";
	}

	final S store(StoreOptions options) {
		S store = createStore(options);
		this.stores.add(store);
		return store;
	}

	final S writableStore() {
		return store(writableOptions());
	}

	@AfterEach
	void destroyStores() {
		this.stores.forEach(this::destroy);
	}

	static Stream<Arguments> jsonValues() {
		Map<String, @Nullable Object> withNull = new LinkedHashMap<>();
		withNull.put("present", "yes");
		withNull.put("absent", null);
		ObjectNode tree = mapper.createObjectNode().put("id", "tree-1");
		tree.putArray("items").add(1).add("two");
		return Stream.of(
				Arguments.of(Named.of("string", "hello PURISTA")),
				Arguments.of(Named.of("empty string", "")),
				Arguments.of(Named.of("unicode string", "grüße 🚀 \"quoted\"\nnext line")),
				Arguments.of(Named.of("int", 42)),
				Arguments.of(Named.of("negative int", -7)),
				Arguments.of(Named.of("long", 1_234_567_890_123L)),
				Arguments.of(Named.of("double", 3.25)),
				Arguments.of(Named.of("decimal", new BigDecimal("19.99"))),
				Arguments.of(Named.of("boolean", true)),
				Arguments.of(Named.of("list", List.of(1, "two", 3.5, false))),
				Arguments.of(Named.of("empty list", List.of())),
				Arguments.of(Named.of("nested map", Map.of("order", Map.of("id", "o-1", "lines",
						List.of(Map.of("sku", "a-1", "quantity", 2), Map.of("sku", "b-2", "quantity", 1))), "paid",
						true))),
				Arguments.of(Named.of("map with null member", withNull)),
				Arguments.of(Named.of("record", new SampleOrder("o-1", 3, List.of("new", "priority"),
						Map.of("channel", "web")))),
				Arguments.of(Named.of("JSON tree", tree)));
	}

	@ParameterizedTest
	@MethodSource("jsonValues")
	void setThenGetReturnsTheValueAsEqualJsonTree(Object value) {
		S store = writableStore();
		set(store, "value", value);
		@Nullable Object stored = get(store, "value").get("value");
		assertThat(stored).isInstanceOf(JsonNode.class).isNotSameAs(value);
		assertThat(normalize(stored)).isEqualTo(normalize(value));
	}

	@Test
	void getOfSeveralNamesReturnsAnEntryForEveryNameWithNullForMissingOnes() {
		S store = writableStore();
		set(store, "first", "one");
		set(store, "second", Map.of("n", 2));
		Map<String, @Nullable Object> values = get(store, "first", "missing", "second");
		assertThat(values).containsOnlyKeys("first", "missing", "second");
		assertThat(values.get("missing")).isNull();
		assertThat(normalize(values.get("first"))).isEqualTo(normalize("one"));
		assertThat(normalize(values.get("second"))).isEqualTo(normalize(Map.of("n", 2)));
	}

	@Test
	void getOfUnknownNameReturnsNullEntry() {
		Map<String, @Nullable Object> values = get(writableStore(), "unknown");
		assertThat(values).containsOnlyKeys("unknown");
		assertThat(values.get("unknown")).isNull();
	}

	@Test
	void getOfNoNamesReturnsEmptyMap() {
		assertThat(get(writableStore())).isEmpty();
	}

	@Test
	void setOfNullThenGetReturnsNull() {
		S store = writableStore();
		set(store, "value", "before");
		set(store, "value", null);
		assertThat(get(store, "value")).containsEntry("value", null);
	}

	@Test
	void setOverwritesThePreviousValue() {
		S store = writableStore();
		set(store, "value", Map.of("version", 1, "old", true));
		set(store, "value", Map.of("version", 2));
		assertThat(normalize(get(store, "value").get("value"))).isEqualTo(normalize(Map.of("version", 2)));
	}

	@Test
	void removeMakesTheValueMissingAndKeepsOthers() {
		S store = writableStore();
		set(store, "removed", "gone soon");
		set(store, "kept", "still here");
		remove(store, "removed");
		Map<String, @Nullable Object> values = get(store, "removed", "kept");
		assertThat(values.get("removed")).isNull();
		assertThat(normalize(values.get("kept"))).isEqualTo(normalize("still here"));
	}

	@Test
	void removeOfUnknownNameSucceeds() {
		S store = writableStore();
		remove(store, "unknown");
		assertThat(get(store, "unknown")).containsEntry("unknown", null);
	}

	@Test
	void setAfterRemoveStoresTheNewValue() {
		S store = writableStore();
		set(store, "value", "first");
		remove(store, "value");
		set(store, "value", "second");
		assertThat(normalize(get(store, "value").get("value"))).isEqualTo(normalize("second"));
	}

	@Test
	void getWhenGetIsDisabledFailsWith401() {
		S store = store(writableOptions().toBuilder().enableGet(false).build());
		assertDisabled(() -> get(store, "value"), getDisabledMessage());
	}

	@Test
	void setWhenSetIsDisabledFailsWith401() {
		S store = store(writableOptions().toBuilder().enableSet(false).build());
		assertDisabled(() -> set(store, "value", Map.of("a", 1)), setDisabledMessage());
	}

	@Test
	void removeWhenRemoveIsDisabledFailsWith401AndKeepsTheValue() {
		S store = store(writableOptions().toBuilder().enableRemove(false).build());
		set(store, "value", "kept");
		assertDisabled(() -> remove(store, "value"), removeDisabledMessage());
		assertThat(normalize(get(store, "value").get("value"))).isEqualTo(normalize("kept"));
	}

	@Test
	void everyOperationWhenAllAreDisabledFailsWith401() {
		S store = store(StoreOptions.builder().build());
		assertDisabled(() -> get(store, "value"), getDisabledMessage());
		assertDisabled(() -> set(store, "value", "x"), setDisabledMessage());
		assertDisabled(() -> remove(store, "value"), removeDisabledMessage());
	}

	@Test
	void mutatingTheSetObjectAfterSetDoesNotChangeTheStoredValue() {
		S store = writableStore();
		Map<String, Object> value = new LinkedHashMap<>();
		List<String> tags = new ArrayList<>(List.of("a"));
		value.put("count", 1);
		value.put("tags", tags);
		set(store, "value", value);
		value.put("count", 2);
		tags.add("b");
		assertThat(normalize(get(store, "value").get("value")))
			.isEqualTo(normalize(Map.of("count", 1, "tags", List.of("a"))));
	}

	@Test
	void mutatingTheSetJsonTreeAfterSetDoesNotChangeTheStoredValue() {
		S store = writableStore();
		ObjectNode value = mapper.createObjectNode().put("count", 1);
		set(store, "value", value);
		value.put("count", 2);
		value.put("added", true);
		assertThat(normalize(get(store, "value").get("value"))).isEqualTo(normalize(Map.of("count", 1)));
	}

	@Test
	void mutatingAReturnedTreeDoesNotChangeTheStoredValue() {
		S store = writableStore();
		set(store, "value", Map.of("count", 1, "tags", List.of("a")));
		Object returned = get(store, "value").get("value");
		assertThat(returned).isInstanceOf(ObjectNode.class);
		ObjectNode tree = (ObjectNode) returned;
		tree.put("count", 99);
		tree.withArray("tags").add("b");
		assertThat(normalize(get(store, "value").get("value")))
			.isEqualTo(normalize(Map.of("count", 1, "tags", List.of("a"))));
	}

	@Test
	void nameIsNotBlank() {
		assertThat(storeName(writableStore())).isNotBlank();
	}

	@Test
	void manyThreadsOnDistinctAndSharedNamesLoseNoWrites() throws Exception {
		S store = writableStore();
		Concurrently.run(THREADS, (thread) -> {
			for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
				String own = "thread-" + thread + "-" + i;
				set(store, own, Map.of("thread", thread, "i", i));
				set(store, "shared", Map.of("thread", thread, "i", i));
				Map<String, @Nullable Object> values = get(store, own, "shared");
				assertThat(normalize(values.get(own))).isEqualTo(normalize(Map.of("thread", thread, "i", i)));
				assertThat(values.get("shared")).isInstanceOf(JsonNode.class);
				if (i % 4 == 0) {
					remove(store, own);
				}
			}
		});
		for (int thread = 0; thread < THREADS; thread++) {
			String[] names = new String[OPERATIONS_PER_THREAD];
			for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
				names[i] = "thread-" + thread + "-" + i;
			}
			Map<String, @Nullable Object> values = get(store, names);
			for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
				if (i % 4 == 0) {
					assertThat(values.get(names[i])).as(names[i]).isNull();
				}
				else {
					assertThat(normalize(values.get(names[i]))).as(names[i])
						.isEqualTo(normalize(Map.of("thread", thread, "i", i)));
				}
			}
		}
		// the last write to "shared" is some thread's last iteration
		JsonNode shared = (JsonNode) get(store, "shared").get("shared");
		assertThat(shared).isNotNull();
		assertThat(shared.get("i").asInt()).isEqualTo(OPERATIONS_PER_THREAD - 1);
	}

	static void assertDisabled(Runnable operation, String message) {
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(operation::run)
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401))
			.withMessage(message);
	}

	/**
	 * Return a value as JSON would carry it, so that values compare equal whatever Java types the store's JSON
	 * library picked (for example an int and a long of the same number).
	 */
	static @Nullable JsonNode normalize(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		return mapper.readTree(mapper.writeValueAsString(value));
	}

	/**
	 * A Java object stored as a value.
	 */
	record SampleOrder(String id, int quantity, List<String> tags, Map<String, String> attributes) {
	}

	/**
	 * How the contract reaches a store of one kind: {@code StateStore} and {@code ConfigStore} have the same
	 * operations under different names.
	 *
	 * @param <S> the store type
	 * @param get reads several values
	 * @param set stores a value
	 * @param remove removes a value
	 * @param name the store's name
	 * @param destroy releases the store
	 */
	record Operations<S>(BiFunction<S, String[], Map<String, @Nullable Object>> get, Setter<S> set,
			BiConsumer<S, String> remove, Function<S, String> name, Consumer<S> destroy) {
	}

	/**
	 * Stores a value in a store.
	 *
	 * @param <S> the store type
	 */
	@FunctionalInterface
	interface Setter<S> {

		void set(S store, String name, @Nullable Object value);

	}

}
