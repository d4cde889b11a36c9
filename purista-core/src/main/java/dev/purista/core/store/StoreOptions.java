package dev.purista.core.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.purista.core.error.StatusCode;
import dev.purista.core.error.UnhandledException;

/**
 * Which operations a store allows and how it caches (PURISTA's {@code StoreBaseConfig}). A disabled operation
 * fails with an {@link UnhandledException} of status 401 and PURISTA's message, e.g.
 * {@code set config at store is disabled by config}.
 * <p>
 * PURISTA's defaults differ by kind: state stores allow everything ({@link #stateDefaults()}); config and
 * secret stores only allow reading ({@link #configDefaults()}, {@link #secretDefaults()}). Caching is only
 * implemented for secrets (see {@link CachingSecretStore}).
 *
 * @param enableGet whether reading is allowed
 * @param enableSet whether writing is allowed
 * @param enableRemove whether removing is allowed
 * @param enableCache whether values read are cached (secret stores only)
 * @param cacheTtl how long a cached value stays valid; {@code null} keeps it until it is set or removed
 */
public record StoreOptions(boolean enableGet, boolean enableSet, boolean enableRemove, boolean enableCache,
		@Nullable Duration cacheTtl) {

	/**
	 * Create options.
	 * @param enableGet whether reading is allowed
	 * @param enableSet whether writing is allowed
	 * @param enableRemove whether removing is allowed
	 * @param enableCache whether values read are cached (secret stores only)
	 * @param cacheTtl how long a cached value stays valid; {@code null} keeps it until it is set or removed
	 * @throws IllegalArgumentException if {@code cacheTtl} is negative
	 */
	public StoreOptions {
		if (cacheTtl != null && cacheTtl.isNegative()) {
			throw new IllegalArgumentException(
					"cacheTtl must not be negative but was " + cacheTtl + "; use for example PT5M, or null to cache forever");
		}
	}

	/**
	 * PURISTA's defaults for state stores: get, set and remove enabled, no cache.
	 * @return the options
	 */
	public static StoreOptions stateDefaults() {
		return new StoreOptions(true, true, true, false, null);
	}

	/**
	 * PURISTA's defaults for config stores: only get enabled, no cache.
	 * @return the options
	 */
	public static StoreOptions configDefaults() {
		return new StoreOptions(true, false, false, false, null);
	}

	/**
	 * PURISTA's defaults for secret stores: only get enabled, no cache.
	 * @return the options
	 */
	public static StoreOptions secretDefaults() {
		return new StoreOptions(true, false, false, false, null);
	}

	/**
	 * Return a copy with reading enabled or disabled.
	 * @param enableGet whether reading is allowed
	 * @return the new options
	 */
	public StoreOptions withEnableGet(boolean enableGet) {
		return new StoreOptions(enableGet, this.enableSet, this.enableRemove, this.enableCache, this.cacheTtl);
	}

	/**
	 * Return a copy with writing enabled or disabled.
	 * @param enableSet whether writing is allowed
	 * @return the new options
	 */
	public StoreOptions withEnableSet(boolean enableSet) {
		return new StoreOptions(this.enableGet, enableSet, this.enableRemove, this.enableCache, this.cacheTtl);
	}

	/**
	 * Return a copy with removing enabled or disabled.
	 * @param enableRemove whether removing is allowed
	 * @return the new options
	 */
	public StoreOptions withEnableRemove(boolean enableRemove) {
		return new StoreOptions(this.enableGet, this.enableSet, enableRemove, this.enableCache, this.cacheTtl);
	}

	/**
	 * Return a copy with caching enabled or disabled.
	 * @param enableCache whether values read are cached
	 * @return the new options
	 */
	public StoreOptions withEnableCache(boolean enableCache) {
		return new StoreOptions(this.enableGet, this.enableSet, this.enableRemove, enableCache, this.cacheTtl);
	}

	/**
	 * Return a copy with another cache time-to-live.
	 * @param cacheTtl how long a cached value stays valid; {@code null} keeps it until it is set or removed
	 * @return the new options
	 */
	public StoreOptions withCacheTtl(@Nullable Duration cacheTtl) {
		return new StoreOptions(this.enableGet, this.enableSet, this.enableRemove, this.enableCache, cacheTtl);
	}

	/**
	 * Fail unless reading is enabled.
	 * @param kind the kind of store
	 * @throws UnhandledException 401 "get &lt;kind&gt; from store is disabled by config" if reading is disabled
	 */
	public void checkGetEnabled(StoreKind kind) {
		if (!this.enableGet) {
			throw disabled("get " + kind.noun() + " from store is disabled by config");
		}
	}

	/**
	 * Fail unless writing is enabled.
	 * @param kind the kind of store
	 * @throws UnhandledException 401 "set &lt;kind&gt; at store is disabled by config" if writing is disabled
	 */
	public void checkSetEnabled(StoreKind kind) {
		if (!this.enableSet) {
			throw disabled("set " + kind.noun() + " at store is disabled by config");
		}
	}

	/**
	 * Fail unless removing is enabled.
	 * @param kind the kind of store
	 * @throws UnhandledException 401 "remove &lt;kind&gt; from store is disabled by config" if removing is
	 * disabled
	 */
	public void checkRemoveEnabled(StoreKind kind) {
		if (!this.enableRemove) {
			throw disabled("remove " + kind.noun() + " from store is disabled by config");
		}
	}

	private static UnhandledException disabled(String message) {
		return new UnhandledException(StatusCode.UNAUTHORIZED.code(), message, null, null);
	}

}
