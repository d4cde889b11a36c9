package dev.purista.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SecretStore} that caches the secrets of another one, as PURISTA's {@code SecretStoreBaseClass} does
 * when {@code enableCache} is set. Each name has its own entry with the time it was cached; the entry is valid
 * while {@code createdAt + cacheTtl >= now}, and forever without a TTL. Setting a secret updates its entry,
 * removing it evicts the entry. A read sends only the names without a valid entry to the delegate, in one call;
 * a name the delegate does not know is not cached.
 * <p>
 * The enable flags of the options are checked before the cache is consulted, so a disabled operation fails
 * with PURISTA's 401 error even when the value is cached. Pass the options the delegate was created with.
 * <p>
 * Thread-safe. Sets and removes of the same name are serialized, so the cache ends with the value the delegate
 * ends with, and a read that overlaps a set or remove never caches the value it read over the newer one. Reads
 * of cached values do not block; misses block as long as the delegate does, sets and removes also wait for
 * other writes of the same name. Secret values
 * are never logged and never appear in {@link #toString()}.
 */
public class CachingSecretStore implements SecretStore {

	private static final Log logger = LogFactory.getLog(CachingSecretStore.class);

	private static final int WRITE_LOCK_STRIPES = 64;

	private final SecretStore delegate;

	private final StoreOptions options;

	private final Clock clock;

	private final ConcurrentHashMap<String, CachedSecret> cache = new ConcurrentHashMap<>();

	/** Counts sets and removes, so that a read does not cache a value a concurrent write replaced. */
	private final AtomicLong writes = new AtomicLong();

	/** Serialize writes per name, so that the cache ends with the value the delegate ends with. */
	private final ReentrantLock[] writeLocks = new ReentrantLock[WRITE_LOCK_STRIPES];

	/**
	 * Create a caching store using the system clock.
	 * @param delegate the store that holds the secrets
	 * @param options the delegate's options: enable flags and {@code cacheTtl}
	 */
	public CachingSecretStore(SecretStore delegate, StoreOptions options) {
		this(delegate, options, Clock.systemUTC());
	}

	/**
	 * Create a caching store.
	 * @param delegate the store that holds the secrets
	 * @param options the delegate's options: enable flags and {@code cacheTtl}
	 * @param clock the clock deciding when entries expire
	 */
	public CachingSecretStore(SecretStore delegate, StoreOptions options, Clock clock) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.options = Objects.requireNonNull(options, "options");
		this.clock = Objects.requireNonNull(clock, "clock");
		for (int i = 0; i < this.writeLocks.length; i++) {
			this.writeLocks[i] = new ReentrantLock();
		}
	}

	/**
	 * Wrap a store with a cache if its options enable caching.
	 * @param delegate the store that holds the secrets
	 * @param options the delegate's options
	 * @return a {@code CachingSecretStore} if {@link StoreOptions#enableCache()} is set, else {@code delegate}
	 */
	public static SecretStore wrapIfEnabled(SecretStore delegate, StoreOptions options) {
		return options.enableCache() ? new CachingSecretStore(delegate, options) : delegate;
	}

	/**
	 * The delegate's name: the cache is transparent.
	 * @return the name
	 */
	@Override
	public String name() {
		return this.delegate.name();
	}

	/**
	 * The delegate's health: the cache is transparent.
	 * @return whether the delegate is healthy
	 */
	@Override
	public boolean isHealthy() {
		return this.delegate.isHealthy();
	}

	/**
	 * The store that holds the secrets.
	 * @return the delegate
	 */
	public SecretStore delegate() {
		return this.delegate;
	}

	/**
	 * Read secrets, from the cache where it has a valid entry and from the delegate, in one call, for the rest.
	 * @param names the names
	 * @return a map with an entry for every name, {@code null} for missing ones
	 * @throws dev.purista.core.error.UnhandledException 401 if reading is disabled
	 */
	@Override
	public Map<String, @Nullable String> getSecret(String... names) {
		this.options.checkGetEnabled(StoreKind.SECRET);
		Instant now = this.clock.instant();
		Map<String, @Nullable String> result = new LinkedHashMap<>();
		Set<String> misses = new LinkedHashSet<>();
		for (String name : names) {
			CachedSecret cached = this.cache.get(name);
			if (cached != null && cached.isValidAt(now, this.options.cacheTtl())) {
				result.put(name, cached.value());
			}
			else {
				result.put(name, null);
				misses.add(name);
			}
		}
		if (misses.isEmpty()) {
			return Collections.unmodifiableMap(result);
		}
		long writesBefore = this.writes.get();
		List<String> toFetch = new ArrayList<>(misses);
		if (logger.isDebugEnabled()) {
			logger.debug(name() + ": fetching " + toFetch + " (not cached or expired)");
		}
		Map<String, @Nullable String> fresh = this.delegate.getSecret(toFetch.toArray(String[]::new));
		Instant fetchedAt = this.clock.instant();
		for (String name : toFetch) {
			String value = fresh.get(name);
			result.put(name, value);
			this.cache.compute(name, (key, current) -> {
				if (this.writes.get() != writesBefore) {
					return current;
				}
				return (value != null) ? new CachedSecret(value, fetchedAt) : null;
			});
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Store a secret in the delegate, then cache it.
	 * @param name the name
	 * @param value the secret value
	 * @throws dev.purista.core.error.UnhandledException 401 if writing is disabled
	 */
	@Override
	public void setSecret(String name, String value) {
		this.options.checkSetEnabled(StoreKind.SECRET);
		ReentrantLock lock = writeLockFor(name);
		lock.lock();
		try {
			this.delegate.setSecret(name, value);
			Instant now = this.clock.instant();
			this.cache.compute(name, (key, current) -> {
				this.writes.incrementAndGet();
				return new CachedSecret(value, now);
			});
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Evict a secret from the cache and remove it from the delegate.
	 * @param name the name
	 * @throws dev.purista.core.error.UnhandledException 401 if removing is disabled
	 */
	@Override
	public void removeSecret(String name) {
		this.options.checkRemoveEnabled(StoreKind.SECRET);
		ReentrantLock lock = writeLockFor(name);
		lock.lock();
		try {
			evict(name);
			this.delegate.removeSecret(name);
			evict(name);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Clear the cache and destroy the delegate.
	 */
	@Override
	public void destroy() {
		this.cache.clear();
		this.delegate.destroy();
	}

	private ReentrantLock writeLockFor(String name) {
		return this.writeLocks[Math.floorMod(name.hashCode(), this.writeLocks.length)];
	}

	private void evict(String name) {
		this.cache.compute(name, (key, current) -> {
			this.writes.incrementAndGet();
			return null;
		});
	}

	@Override
	public String toString() {
		return "CachingSecretStore[delegate=" + this.delegate.name() + ", cacheTtl=" + this.options.cacheTtl()
				+ ", cached=" + this.cache.size() + "]";
	}

	private record CachedSecret(String value, Instant createdAt) {

		boolean isValidAt(Instant now, @Nullable Duration ttl) {
			return ttl == null || !this.createdAt.plus(ttl).isBefore(now);
		}

		@Override
		public String toString() {
			return "CachedSecret[createdAt=" + this.createdAt + "]";
		}

	}

}
