package dev.purista.test.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract every {@link SecretStore} must pass: string round trips; multi-name reads with an entry for
 * every name; overwrite and remove; PURISTA's 401 errors and exact messages for disabled operations and the
 * secret store defaults (only reading enabled); results isolated from the store; concurrent use from many
 * threads without lost writes; and secret values kept out of {@code toString()} and error messages.
 * <p>
 * Extend it and implement {@link #createStore(StoreOptions)}; tests that write enable set and remove
 * explicitly. Stores are destroyed after each test.
 */
public abstract class AbstractSecretStoreTests {

	private static final int THREADS = JsonValueStoreContract.THREADS;

	private static final int OPERATIONS_PER_THREAD = JsonValueStoreContract.OPERATIONS_PER_THREAD;

	private final List<SecretStore> stores = new ArrayList<>();

	/**
	 * Create the store under test: new and empty, honouring the given enable flags (and cache options, if
	 * it caches).
	 * @param options the options the store must honour
	 * @return the store
	 */
	protected abstract SecretStore createStore(StoreOptions options);

	private SecretStore store(StoreOptions options) {
		SecretStore store = createStore(options);
		this.stores.add(store);
		return store;
	}

	private SecretStore writableStore() {
		return store(StoreOptions.secretDefaults().toBuilder().enableSet(true).enableRemove(true).build());
	}

	@AfterEach
	void destroyStores() {
		this.stores.forEach(SecretStore::destroy);
	}

	@ParameterizedTest
	@ValueSource(strings = { "s3cr3t", "", " padded ", "grüße 🚀 \"quoted\"", "line one\nline two",
			"{\"looks\":\"like json\"}", "42" })
	void setThenGetReturnsTheSameString(String value) {
		SecretStore store = writableStore();
		store.setSecret("secret", value);
		assertThat(store.getSecret("secret")).containsExactlyEntriesOf(Map.of("secret", value));
	}

	@Test
	void getOfSeveralNamesReturnsAnEntryForEveryNameWithNullForMissingOnes() {
		SecretStore store = writableStore();
		store.setSecret("first", "one");
		store.setSecret("second", "two");
		Map<String, @Nullable String> values = store.getSecret("first", "missing", "second");
		assertThat(values).containsOnlyKeys("first", "missing", "second")
			.containsEntry("first", "one")
			.containsEntry("missing", null)
			.containsEntry("second", "two");
	}

	@Test
	void getOfUnknownNameReturnsNullEntry() {
		assertThat(writableStore().getSecret("unknown")).containsOnlyKeys("unknown").containsEntry("unknown", null);
	}

	@Test
	void getOfNoNamesReturnsEmptyMap() {
		assertThat(writableStore().getSecret()).isEmpty();
	}

	@Test
	void setOverwritesThePreviousValue() {
		SecretStore store = writableStore();
		store.setSecret("secret", "old");
		assertThat(store.getSecret("secret")).containsEntry("secret", "old");
		store.setSecret("secret", "new");
		assertThat(store.getSecret("secret")).containsEntry("secret", "new");
	}

	@Test
	void removeMakesTheSecretMissingAndKeepsOthers() {
		SecretStore store = writableStore();
		store.setSecret("removed", "gone soon");
		store.setSecret("kept", "still here");
		assertThat(store.getSecret("removed")).containsEntry("removed", "gone soon");
		store.removeSecret("removed");
		assertThat(store.getSecret("removed", "kept")).containsEntry("removed", null)
			.containsEntry("kept", "still here");
	}

	@Test
	void removeOfUnknownNameSucceeds() {
		SecretStore store = writableStore();
		store.removeSecret("unknown");
		assertThat(store.getSecret("unknown")).containsEntry("unknown", null);
	}

	@Test
	void setAfterRemoveStoresTheNewValue() {
		SecretStore store = writableStore();
		store.setSecret("secret", "first");
		store.removeSecret("secret");
		store.setSecret("secret", "second");
		assertThat(store.getSecret("secret")).containsEntry("secret", "second");
	}

	@Test
	void mutatingAReturnedMapDoesNotChangeTheStore() {
		SecretStore store = writableStore();
		store.setSecret("secret", "original");
		Map<String, @Nullable String> returned = store.getSecret("secret");
		try {
			returned.put("secret", "changed");
			returned.put("added", "added");
		}
		catch (UnsupportedOperationException ex) {
			// an unmodifiable result is fine too
		}
		assertThat(store.getSecret("secret", "added")).containsEntry("secret", "original")
			.containsEntry("added", null);
	}

	@Test
	void secretDefaultsEnableOnlyGet() {
		StoreOptions defaults = StoreOptions.secretDefaults();
		assertThat(defaults).isEqualTo(StoreOptions.builder().enableGet(true).build());
		SecretStore store = store(defaults);
		assertThat(store.getSecret("secret")).containsEntry("secret", null);
		assertDisabled(() -> store.setSecret("secret", "x"), "set secret at store is disabled by config");
		assertDisabled(() -> store.removeSecret("secret"), "remove secret from store is disabled by config");
	}

	@Test
	void getWhenGetIsDisabledFailsWith401() {
		SecretStore store = store(StoreOptions.secretDefaults().toBuilder().enableGet(false).build());
		assertDisabled(() -> store.getSecret("secret"), "get secret from store is disabled by config");
	}

	@Test
	void getWhenGetIsDisabledFailsWith401EvenForAValueJustSet() {
		SecretStore store = store(StoreOptions.secretDefaults().toBuilder().enableGet(false).enableSet(true).build());
		store.setSecret("secret", "value");
		assertDisabled(() -> store.getSecret("secret"), "get secret from store is disabled by config");
	}

	@Test
	void setWhenSetIsDisabledFailsWith401WithoutTheValueInTheError() {
		SecretStore store = store(StoreOptions.secretDefaults().toBuilder().enableSet(false).build());
		String value = uniqueSecretValue();
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> store.setSecret("secret", value))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(401);
				assertThat(ex.getMessage()).isEqualTo("set secret at store is disabled by config");
				assertThat(String.valueOf(ex.getData())).doesNotContain(value);
			});
	}

	@Test
	void removeWhenRemoveIsDisabledFailsWith401AndKeepsTheSecret() {
		SecretStore store = store(
				StoreOptions.secretDefaults().toBuilder().enableSet(true).enableRemove(false).build());
		store.setSecret("secret", "kept");
		assertDisabled(() -> store.removeSecret("secret"), "remove secret from store is disabled by config");
		assertThat(store.getSecret("secret")).containsEntry("secret", "kept");
	}

	@Test
	void everyOperationWhenAllAreDisabledFailsWith401() {
		SecretStore store = store(StoreOptions.builder().build());
		assertDisabled(() -> store.getSecret("secret"), "get secret from store is disabled by config");
		assertDisabled(() -> store.setSecret("secret", "x"), "set secret at store is disabled by config");
		assertDisabled(() -> store.removeSecret("secret"), "remove secret from store is disabled by config");
	}

	@Test
	void toStringNeverContainsSecretValues() {
		SecretStore store = writableStore();
		String first = uniqueSecretValue();
		String second = uniqueSecretValue();
		store.setSecret("first", first);
		store.setSecret("second", second);
		store.getSecret("first", "second");
		assertThat(store.toString()).doesNotContain(first).doesNotContain(second);
	}

	@Test
	void nameIsNotBlank() {
		assertThat(writableStore().name()).isNotBlank();
	}

	@Test
	void manyThreadsOnDistinctAndSharedNamesLoseNoWrites() throws Exception {
		SecretStore store = writableStore();
		Concurrently.run(THREADS, (thread) -> {
			for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
				String own = "thread-" + thread + "-" + i;
				store.setSecret(own, "value-" + thread + "-" + i);
				store.setSecret("shared", "shared-" + thread + "-" + i);
				Map<String, @Nullable String> values = store.getSecret(own, "shared");
				assertThat(values.get(own)).isEqualTo("value-" + thread + "-" + i);
				assertThat(values.get("shared")).startsWith("shared-");
				if (i % 4 == 0) {
					store.removeSecret(own);
				}
			}
		});
		for (int thread = 0; thread < THREADS; thread++) {
			String[] names = new String[OPERATIONS_PER_THREAD];
			for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
				names[i] = "thread-" + thread + "-" + i;
			}
			Map<String, @Nullable String> values = store.getSecret(names);
			for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
				assertThat(values.get(names[i])).as(names[i])
					.isEqualTo((i % 4 == 0) ? null : "value-" + thread + "-" + i);
			}
		}
		// the last write to "shared" is some thread's last iteration
		assertThat(store.getSecret("shared").get("shared")).endsWith("-" + (OPERATIONS_PER_THREAD - 1));
	}

	private static void assertDisabled(Runnable operation, String message) {
		JsonValueStoreContract.assertDisabled(operation, message);
	}

	private static String uniqueSecretValue() {
		return "s3cr3t-" + UUID.randomUUID();
	}

}
