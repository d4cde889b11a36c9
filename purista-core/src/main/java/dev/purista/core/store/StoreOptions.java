package dev.purista.core.store;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.purista.core.error.StatusCode;
import dev.purista.core.error.UnhandledException;

/**
 * Which operations a store allows and how it caches (PURISTA's {@code StoreBaseConfig}). A disabled operation
 * fails with an {@link UnhandledException} of status 401 and PURISTA's message, e.g.
 * {@code set config at store is disabled by config}.
 * <p>
 * PURISTA's defaults differ by kind: state stores allow everything ({@link #stateDefaults()}); config and
 * secret stores only allow reading ({@link #configDefaults()}, {@link #secretDefaults()}). Start from the
 * defaults of the store's kind and name what differs:
 * <pre class="code">
 * StoreOptions.secretDefaults().toBuilder().enableCache(true).cacheTtl(Duration.ofMinutes(5)).build();
 * </pre>
 * {@link #builder()} starts with every operation disabled and no cache. Caching is only implemented for
 * secrets (see {@link CachingSecretStore}). Immutable.
 */
public final class StoreOptions {

	private static final StoreOptions STATE_DEFAULTS = builder().enableGet(true)
		.enableSet(true)
		.enableRemove(true)
		.build();

	private static final StoreOptions CONFIG_DEFAULTS = builder().enableGet(true).build();

	private static final StoreOptions SECRET_DEFAULTS = builder().enableGet(true).build();

	private final boolean enableGet;

	private final boolean enableSet;

	private final boolean enableRemove;

	private final boolean enableCache;

	private final @Nullable Duration cacheTtl;

	private StoreOptions(Builder builder) {
		if (builder.cacheTtl != null && builder.cacheTtl.isNegative()) {
			throw new IllegalArgumentException("cacheTtl must not be negative but was " + builder.cacheTtl
					+ "; use for example PT5M, or null to cache forever");
		}
		this.enableGet = builder.enableGet;
		this.enableSet = builder.enableSet;
		this.enableRemove = builder.enableRemove;
		this.enableCache = builder.enableCache;
		this.cacheTtl = builder.cacheTtl;
	}

	/**
	 * PURISTA's defaults for state stores: get, set and remove enabled, no cache.
	 * @return the options
	 */
	public static StoreOptions stateDefaults() {
		return STATE_DEFAULTS;
	}

	/**
	 * PURISTA's defaults for config stores: only get enabled, no cache.
	 * @return the options
	 */
	public static StoreOptions configDefaults() {
		return CONFIG_DEFAULTS;
	}

	/**
	 * PURISTA's defaults for secret stores: only get enabled, no cache.
	 * @return the options
	 */
	public static StoreOptions secretDefaults() {
		return SECRET_DEFAULTS;
	}

	/**
	 * Start building options with every operation disabled and no cache. To start from PURISTA's defaults of
	 * a kind of store, use {@link #toBuilder()} on {@link #stateDefaults()}, {@link #configDefaults()} or
	 * {@link #secretDefaults()}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start building options from these.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		return new Builder().enableGet(this.enableGet)
			.enableSet(this.enableSet)
			.enableRemove(this.enableRemove)
			.enableCache(this.enableCache)
			.cacheTtl(this.cacheTtl);
	}

	/**
	 * Whether reading is allowed.
	 * @return {@code true} when allowed
	 */
	public boolean enableGet() {
		return this.enableGet;
	}

	/**
	 * Whether writing is allowed.
	 * @return {@code true} when allowed
	 */
	public boolean enableSet() {
		return this.enableSet;
	}

	/**
	 * Whether removing is allowed.
	 * @return {@code true} when allowed
	 */
	public boolean enableRemove() {
		return this.enableRemove;
	}

	/**
	 * Whether values read are cached (secret stores only).
	 * @return {@code true} when cached
	 */
	public boolean enableCache() {
		return this.enableCache;
	}

	/**
	 * How long a cached value stays valid.
	 * @return the time-to-live, or {@code null} to keep a value until it is set or removed
	 */
	public @Nullable Duration cacheTtl() {
		return this.cacheTtl;
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

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof StoreOptions that)) {
			return false;
		}
		return this.enableGet == that.enableGet && this.enableSet == that.enableSet
				&& this.enableRemove == that.enableRemove && this.enableCache == that.enableCache
				&& Objects.equals(this.cacheTtl, that.cacheTtl);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.enableGet, this.enableSet, this.enableRemove, this.enableCache, this.cacheTtl);
	}

	@Override
	public String toString() {
		return "StoreOptions[enableGet=" + this.enableGet + ", enableSet=" + this.enableSet + ", enableRemove="
				+ this.enableRemove + ", enableCache=" + this.enableCache + ", cacheTtl=" + this.cacheTtl + "]";
	}

	/**
	 * Builds {@link StoreOptions}; each setter is named after the accessor it sets. Not thread-safe.
	 */
	public static final class Builder {

		private boolean enableGet;

		private boolean enableSet;

		private boolean enableRemove;

		private boolean enableCache;

		private @Nullable Duration cacheTtl;

		private Builder() {
		}

		/**
		 * Set whether reading is allowed (default {@code false}).
		 * @param enableGet whether allowed
		 * @return this builder
		 */
		public Builder enableGet(boolean enableGet) {
			this.enableGet = enableGet;
			return this;
		}

		/**
		 * Set whether writing is allowed (default {@code false}).
		 * @param enableSet whether allowed
		 * @return this builder
		 */
		public Builder enableSet(boolean enableSet) {
			this.enableSet = enableSet;
			return this;
		}

		/**
		 * Set whether removing is allowed (default {@code false}).
		 * @param enableRemove whether allowed
		 * @return this builder
		 */
		public Builder enableRemove(boolean enableRemove) {
			this.enableRemove = enableRemove;
			return this;
		}

		/**
		 * Set whether values read are cached (secret stores only; default {@code false}).
		 * @param enableCache whether cached
		 * @return this builder
		 */
		public Builder enableCache(boolean enableCache) {
			this.enableCache = enableCache;
			return this;
		}

		/**
		 * Set how long a cached value stays valid (default {@code null}).
		 * @param cacheTtl the time-to-live, not negative, or {@code null} to keep a value until it is set or
		 * removed
		 * @return this builder
		 */
		public Builder cacheTtl(@Nullable Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if {@code cacheTtl} is negative
		 */
		public StoreOptions build() {
			return new StoreOptions(this);
		}

	}

}
