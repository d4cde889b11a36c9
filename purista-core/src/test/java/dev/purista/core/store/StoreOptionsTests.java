package dev.purista.core.store;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.purista.core.error.UnhandledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class StoreOptionsTests {

	@Test
	void stateDefaultsEnableGetSetAndRemoveWithoutCache() {
		assertThat(StoreOptions.stateDefaults())
			.isEqualTo(StoreOptions.builder().enableGet(true).enableSet(true).enableRemove(true).build());
	}

	@Test
	void configDefaultsEnableOnlyGetWithoutCache() {
		assertThat(StoreOptions.configDefaults()).isEqualTo(StoreOptions.builder().enableGet(true).build());
	}

	@Test
	void secretDefaultsEnableOnlyGetWithoutCache() {
		assertThat(StoreOptions.secretDefaults()).isEqualTo(StoreOptions.builder().enableGet(true).build());
	}

	@Test
	void copiesChangeOnlyTheirOwnFlag() {
		StoreOptions options = StoreOptions.builder().build();
		assertThat(options.toBuilder().enableGet(true).build())
			.isEqualTo(StoreOptions.builder().enableGet(true).build());
		assertThat(options.toBuilder().enableSet(true).build())
			.isEqualTo(StoreOptions.builder().enableSet(true).build());
		assertThat(options.toBuilder().enableRemove(true).build())
			.isEqualTo(StoreOptions.builder().enableRemove(true).build());
		assertThat(options.toBuilder().enableCache(true).build())
			.isEqualTo(StoreOptions.builder().enableCache(true).build());
		assertThat(options.toBuilder().cacheTtl(Duration.ofSeconds(30)).build())
			.isEqualTo(StoreOptions.builder().cacheTtl(Duration.ofSeconds(30)).build());
		assertThat(options.toBuilder().cacheTtl(Duration.ofSeconds(30)).build().toBuilder().cacheTtl(null).build())
			.isEqualTo(options);
	}

	@Test
	void builderStartsWithEveryOperationDisabledAndNoCache() {
		StoreOptions options = StoreOptions.builder().build();

		assertThat(options.enableGet()).isFalse();
		assertThat(options.enableSet()).isFalse();
		assertThat(options.enableRemove()).isFalse();
		assertThat(options.enableCache()).isFalse();
		assertThat(options.cacheTtl()).isNull();
	}

	@Test
	void enableGetLandsOnEnableGetOnly() {
		assertOnly(StoreOptions.builder().enableGet(true).build(), true, false, false, false);
	}

	@Test
	void enableSetLandsOnEnableSetOnly() {
		assertOnly(StoreOptions.builder().enableSet(true).build(), false, true, false, false);
	}

	@Test
	void enableRemoveLandsOnEnableRemoveOnly() {
		assertOnly(StoreOptions.builder().enableRemove(true).build(), false, false, true, false);
	}

	@Test
	void enableCacheLandsOnEnableCacheOnly() {
		assertOnly(StoreOptions.builder().enableCache(true).build(), false, false, false, true);
	}

	@Test
	void cacheTtlLandsOnCacheTtlOnly() {
		StoreOptions options = StoreOptions.builder().cacheTtl(Duration.ofMinutes(5)).build();

		assertThat(options.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
		assertOnly(options, false, false, false, false);
	}

	@Test
	void toBuilderKeepsEverySetting() {
		StoreOptions options = StoreOptions.builder()
			.enableGet(true)
			.enableRemove(true)
			.enableCache(true)
			.cacheTtl(Duration.ofSeconds(7))
			.build();

		assertThat(options.toBuilder().build()).isEqualTo(options);
		assertThat(options.toBuilder().enableSet(true).build().enableSet()).isTrue();
		assertThat(options.enableSet()).isFalse();
	}

	@Test
	void toBuilderCopiesEachFlagToItsOwnSetter() {
		assertThat(List.of(StoreOptions.builder().enableGet(true).build(),
				StoreOptions.builder().enableSet(true).build(), StoreOptions.builder().enableRemove(true).build(),
				StoreOptions.builder().enableCache(true).build(),
				StoreOptions.builder().cacheTtl(Duration.ofSeconds(3)).build()))
			.allSatisfy((options) -> assertThat(options.toBuilder().build()).isEqualTo(options));
	}

	@Test
	void zeroCacheTtlIsAccepted() {
		assertThat(StoreOptions.builder().cacheTtl(Duration.ZERO).build().cacheTtl()).isEqualTo(Duration.ZERO);
	}

	@Test
	void negativeCacheTtlIsRejectedByTheBuilder() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoreOptions.builder().cacheTtl(Duration.ofMillis(-1)).build())
			.withMessage("cacheTtl must not be negative but was PT-0.001S; use for example PT5M, or null to cache "
					+ "forever");
	}

	@Test
	void equalsHashCodeAndToStringCoverEveryField() {
		StoreOptions options = StoreOptions.builder()
			.enableGet(true)
			.enableSet(true)
			.enableCache(true)
			.cacheTtl(Duration.ofSeconds(1))
			.build();

		assertThat(options).isEqualTo(options.toBuilder().build()).hasSameHashCodeAs(options.toBuilder().build());
		assertThat(options).isNotEqualTo(options.toBuilder().enableGet(false).build())
			.isNotEqualTo(options.toBuilder().enableSet(false).build())
			.isNotEqualTo(options.toBuilder().enableRemove(true).build())
			.isNotEqualTo(options.toBuilder().enableCache(false).build())
			.isNotEqualTo(options.toBuilder().cacheTtl(null).build());
		assertThat(options).hasToString(
				"StoreOptions[enableGet=true, enableSet=true, enableRemove=false, enableCache=true, cacheTtl=PT1S]");
	}

	@Test
	void negativeCacheTtlIsRejectedWithTheValueAndAnExample() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoreOptions.secretDefaults().toBuilder().cacheTtl(Duration.ofSeconds(-1)).build())
			.withMessageContaining("PT-1S")
			.withMessageContaining("PT5M");
	}

	@Test
	void disabledOperationsFailWith401AndPuristasMessagePerKind() {
		StoreOptions none = StoreOptions.builder().build();
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

	private static void assertOnly(StoreOptions options, boolean enableGet, boolean enableSet, boolean enableRemove,
			boolean enableCache) {
		assertThat(options.enableGet()).as("enableGet").isEqualTo(enableGet);
		assertThat(options.enableSet()).as("enableSet").isEqualTo(enableSet);
		assertThat(options.enableRemove()).as("enableRemove").isEqualTo(enableRemove);
		assertThat(options.enableCache()).as("enableCache").isEqualTo(enableCache);
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
