package dev.purista.core.store;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.purista.core.error.UnhandledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class StoreOptionsTests {

	@Test
	void stateDefaultsEnableGetSetAndRemoveWithoutCache() {
		assertThat(StoreOptions.stateDefaults()).isEqualTo(new StoreOptions(true, true, true, false, null));
	}

	@Test
	void configDefaultsEnableOnlyGetWithoutCache() {
		assertThat(StoreOptions.configDefaults()).isEqualTo(new StoreOptions(true, false, false, false, null));
	}

	@Test
	void secretDefaultsEnableOnlyGetWithoutCache() {
		assertThat(StoreOptions.secretDefaults()).isEqualTo(new StoreOptions(true, false, false, false, null));
	}

	@Test
	void withersChangeOnlyTheirOwnFlag() {
		StoreOptions options = new StoreOptions(false, false, false, false, null);
		assertThat(options.withEnableGet(true)).isEqualTo(new StoreOptions(true, false, false, false, null));
		assertThat(options.withEnableSet(true)).isEqualTo(new StoreOptions(false, true, false, false, null));
		assertThat(options.withEnableRemove(true)).isEqualTo(new StoreOptions(false, false, true, false, null));
		assertThat(options.withEnableCache(true)).isEqualTo(new StoreOptions(false, false, false, true, null));
		assertThat(options.withCacheTtl(Duration.ofSeconds(30)))
			.isEqualTo(new StoreOptions(false, false, false, false, Duration.ofSeconds(30)));
		assertThat(options.withCacheTtl(Duration.ofSeconds(30)).withCacheTtl(null)).isEqualTo(options);
	}

	@Test
	void negativeCacheTtlIsRejectedWithTheValueAndAnExample() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoreOptions.secretDefaults().withCacheTtl(Duration.ofSeconds(-1)))
			.withMessageContaining("PT-1S")
			.withMessageContaining("PT5M");
	}

	@Test
	void disabledOperationsFailWith401AndPuristasMessagePerKind() {
		StoreOptions none = new StoreOptions(false, false, false, false, null);
		assertDisabled(() -> none.checkGetEnabled(StoreKind.STATE), "get state from store is disabled by config");
		assertDisabled(() -> none.checkSetEnabled(StoreKind.STATE), "set state at store is disabled by config");
		assertDisabled(() -> none.checkRemoveEnabled(StoreKind.STATE),
				"remove state from store is disabled by config");
		assertDisabled(() -> none.checkGetEnabled(StoreKind.CONFIG), "get config from store is disabled by config");
		assertDisabled(() -> none.checkSetEnabled(StoreKind.CONFIG), "set config at store is disabled by config");
		assertDisabled(() -> none.checkRemoveEnabled(StoreKind.CONFIG),
				"remove config from store is disabled by config");
		assertDisabled(() -> none.checkGetEnabled(StoreKind.SECRET), "get secret from store is disabled by config");
		assertDisabled(() -> none.checkSetEnabled(StoreKind.SECRET), "set secret at store is disabled by config");
		assertDisabled(() -> none.checkRemoveEnabled(StoreKind.SECRET),
				"remove secret from store is disabled by config");
	}

	@Test
	void enabledOperationsPassTheCheck() {
		StoreOptions all = StoreOptions.stateDefaults();
		assertThatNoException().isThrownBy(() -> {
			all.checkGetEnabled(StoreKind.STATE);
			all.checkSetEnabled(StoreKind.STATE);
			all.checkRemoveEnabled(StoreKind.STATE);
		});
	}

	@Test
	void storeKindsCarryPuristasTypeNames() {
		assertThat(StoreKind.values()).extracting(StoreKind::typeName)
			.containsExactly("StateStore", "ConfigStore", "SecretStore");
	}

	private static void assertDisabled(Runnable check, String message) {
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(check::run)
			.withMessage(message)
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(401);
				assertThat(ex.isHandled()).isFalse();
			});
	}

}
