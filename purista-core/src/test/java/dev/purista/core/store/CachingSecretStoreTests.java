package dev.purista.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.memory.InMemorySecretStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class CachingSecretStoreTests {

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final StoreOptions OPTIONS = StoreOptions.secretDefaults()
		.toBuilder()
		.enableSet(true)
		.enableRemove(true)
		.enableCache(true)
		.cacheTtl(TTL)
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final CountingSecretStore delegate = new CountingSecretStore();

	private final CachingSecretStore store = new CachingSecretStore(this.delegate, OPTIONS, this.clock);

	@Test
	void getWithinTtlIsServedFromCacheWithoutCallingTheDelegate() {
		this.delegate.put("apiKey", "v1");
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v1");
		this.delegate.put("apiKey", "v2");
		this.clock.advance(TTL.minusSeconds(1));
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v1");
		assertThat(this.delegate.gets).containsExactly(List.of("apiKey"));
	}

	@Test
	void getAtExactlyCreatedAtPlusTtlIsStillServedFromCache() {
		this.delegate.put("apiKey", "v1");
		this.store.getSecret("apiKey");
		this.delegate.put("apiKey", "v2");
		this.clock.advance(TTL);
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v1");
		assertThat(this.delegate.gets).hasSize(1);
	}

	@Test
	void getAfterTtlExpiredFetchesAgainAndCachesTheNewValue() {
		this.delegate.put("apiKey", "v1");
		this.store.getSecret("apiKey");
		this.delegate.put("apiKey", "v2");
		this.clock.advance(TTL.plusMillis(1));
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v2");
		this.clock.advance(TTL);
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v2");
		assertThat(this.delegate.gets).containsExactly(List.of("apiKey"), List.of("apiKey"));
	}

	@Test
	void withoutTtlCachedEntriesNeverExpire() {
		CachingSecretStore forever = new CachingSecretStore(this.delegate,
				OPTIONS.toBuilder().cacheTtl(null).build(), this.clock);
		this.delegate.put("apiKey", "v1");
		forever.getSecret("apiKey");
		this.delegate.put("apiKey", "v2");
		this.clock.advance(Duration.ofDays(3650));
		assertThat(forever.getSecret("apiKey")).containsEntry("apiKey", "v1");
		assertThat(this.delegate.gets).hasSize(1);
	}

	@Test
	void getOfSeveralNamesSendsOnlyTheMissesToTheDelegateInOneCall() {
		this.delegate.put("a", "value-a");
		this.delegate.put("b", "value-b");
		this.delegate.put("c", "value-c");
		this.store.getSecret("a", "b");
		Map<String, @Nullable String> values = this.store.getSecret("a", "c", "b", "d");
		assertThat(values).containsExactly(Map.entry("a", "value-a"), Map.entry("c", "value-c"),
				Map.entry("b", "value-b"), nullEntry("d"));
		assertThat(this.delegate.gets).containsExactly(List.of("a", "b"), List.of("c", "d"));
	}

	@Test
	void getOfSeveralNamesSendsOnlyTheExpiredOnesToTheDelegate() {
		this.delegate.put("old", "old-1");
		this.delegate.put("young", "young-1");
		this.store.getSecret("old");
		this.clock.advance(TTL.dividedBy(2));
		this.store.getSecret("young");
		this.clock.advance(TTL.dividedBy(2).plusMillis(1));
		this.store.getSecret("old", "young");
		assertThat(this.delegate.gets).containsExactly(List.of("old"), List.of("young"), List.of("old"));
	}

	@Test
	void getOfOnlyCachedNamesDoesNotCallTheDelegate() {
		this.delegate.put("a", "value-a");
		this.store.getSecret("a");
		this.store.getSecret("a", "a");
		assertThat(this.delegate.gets).hasSize(1);
	}

	@Test
	void getOfTheSameMissingNameTwiceInOneCallFetchesItOnce() {
		this.delegate.put("a", "value-a");
		assertThat(this.store.getSecret("a", "a")).containsExactly(Map.entry("a", "value-a"));
		assertThat(this.delegate.gets).containsExactly(List.of("a"));
	}

	@Test
	void nameTheDelegateDoesNotKnowIsNotCached() {
		assertThat(this.store.getSecret("later")).containsEntry("later", null);
		this.delegate.put("later", "now-known");
		assertThat(this.store.getSecret("later")).containsEntry("later", "now-known");
		assertThat(this.delegate.gets).hasSize(2);
	}

	@Test
	void setUpdatesTheDelegateAndTheCache() {
		this.store.setSecret("apiKey", "written");
		assertThat(this.delegate.sets.get()).isOne();
		assertThat(this.delegate.peek("apiKey")).isEqualTo("written");
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "written");
		assertThat(this.delegate.gets).isEmpty();
	}

	@Test
	void setRestartsTheTtl() {
		this.store.setSecret("apiKey", "v1");
		this.clock.advance(TTL);
		this.store.setSecret("apiKey", "v2");
		this.clock.advance(TTL);
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v2");
		assertThat(this.delegate.gets).isEmpty();
	}

	@Test
	void setFailingInTheDelegateLeavesTheCacheUnchanged() {
		this.delegate.put("apiKey", "v1");
		this.store.getSecret("apiKey");
		this.delegate.failSets = true;
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.store.setSecret("apiKey", "v2"));
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "v1");
	}

	@Test
	void removeEvictsTheCacheAndRemovesFromTheDelegate() {
		this.delegate.put("apiKey", "v1");
		this.store.getSecret("apiKey");
		this.store.removeSecret("apiKey");
		assertThat(this.delegate.removes.get()).isOne();
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", null);
		assertThat(this.delegate.gets).containsExactly(List.of("apiKey"), List.of("apiKey"));
	}

	@Test
	void getWhenGetIsDisabledFailsWith401EvenIfCached() {
		CachingSecretStore noGet = new CachingSecretStore(this.delegate,
				OPTIONS.toBuilder().enableGet(false).build(), this.clock);
		noGet.setSecret("apiKey", "cached");
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> noGet.getSecret("apiKey"))
			.withMessage("get secret from store is disabled by config")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
	}

	@Test
	void setWhenSetIsDisabledFailsWith401WithoutCallingTheDelegateOrCaching() {
		CachingSecretStore noSet = new CachingSecretStore(this.delegate,
				OPTIONS.toBuilder().enableSet(false).build(), this.clock);
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> noSet.setSecret("apiKey", "x"))
			.withMessage("set secret at store is disabled by config")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		assertThat(this.delegate.sets.get()).isZero();
		assertThat(noSet.getSecret("apiKey")).containsEntry("apiKey", null);
	}

	@Test
	void removeWhenRemoveIsDisabledFailsWith401AndKeepsTheCachedValue() {
		CachingSecretStore noRemove = new CachingSecretStore(this.delegate,
				OPTIONS.toBuilder().enableRemove(false).build(), this.clock);
		noRemove.setSecret("apiKey", "kept");
		assertThatExceptionOfType(UnhandledException.class).isThrownBy(() -> noRemove.removeSecret("apiKey"))
			.withMessage("remove secret from store is disabled by config")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(401));
		assertThat(this.delegate.removes.get()).isZero();
		assertThat(noRemove.getSecret("apiKey")).containsEntry("apiKey", "kept");
		assertThat(this.delegate.gets).isEmpty();
	}

	@Test
	void readOverlappingASetDoesNotCacheTheValueItRead() throws Exception {
		this.delegate.put("apiKey", "old");
		CountDownLatch readDone = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.delegate.beforeGetReturns = () -> {
			readDone.countDown();
			awaitLatch(release);
		};
		CompletableFuture<Map<String, @Nullable String>> read = CompletableFuture
			.supplyAsync(() -> this.store.getSecret("apiKey"));
		assertThat(readDone.await(10, TimeUnit.SECONDS)).isTrue();
		this.delegate.beforeGetReturns = null;
		this.store.setSecret("apiKey", "new");
		release.countDown();
		assertThat(read.get(10, TimeUnit.SECONDS)).containsEntry("apiKey", "old");
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", "new");
		assertThat(this.delegate.gets).hasSize(1);
	}

	@Test
	void readOverlappingARemoveDoesNotCacheTheValueItRead() throws Exception {
		this.delegate.put("apiKey", "old");
		CountDownLatch readDone = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.delegate.beforeGetReturns = () -> {
			readDone.countDown();
			awaitLatch(release);
		};
		CompletableFuture<Map<String, @Nullable String>> read = CompletableFuture
			.supplyAsync(() -> this.store.getSecret("apiKey"));
		assertThat(readDone.await(10, TimeUnit.SECONDS)).isTrue();
		this.delegate.beforeGetReturns = null;
		this.store.removeSecret("apiKey");
		release.countDown();
		assertThat(read.get(10, TimeUnit.SECONDS)).containsEntry("apiKey", "old");
		assertThat(this.store.getSecret("apiKey")).containsEntry("apiKey", null);
		assertThat(this.delegate.gets).hasSize(2);
	}

	@Test
	void overlappingSetsOfOneNameLeaveTheCacheAgreeingWithTheDelegate() throws Exception {
		CountDownLatch firstStored = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		this.delegate.afterNextSetStores.set(() -> {
			firstStored.countDown();
			awaitLatch(releaseFirst);
		});
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> this.store.setSecret("shared", "first"));
		assertThat(firstStored.await(10, TimeUnit.SECONDS)).isTrue();
		Thread second = new Thread(() -> this.store.setSecret("shared", "second"));
		second.start();
		// the second set either waits for the first (serialized) or overtakes it
		await().atMost(Duration.ofSeconds(10))
			.until(() -> second.getState() == Thread.State.WAITING || second.getState() == Thread.State.TERMINATED);
		releaseFirst.countDown();
		first.get(10, TimeUnit.SECONDS);
		second.join(10_000);
		assertThat(second.isAlive()).isFalse();
		assertThat(this.store.getSecret("shared")).containsEntry("shared", this.delegate.peek("shared"));
		assertThat(this.delegate.gets).isEmpty();
	}

	@Test
	void manyThreadsSettingOneNameLeaveTheCacheAgreeingWithTheDelegate() throws Exception {
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 1000; i++) {
						this.store.setSecret("shared", "value-" + thread + "-" + i);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.store.getSecret("shared")).containsEntry("shared", this.delegate.peek("shared"));
		assertThat(this.delegate.gets).isEmpty();
	}

	@Test
	void cachedReadsDoNotWaitForASlowDelegateRead() throws Exception {
		this.delegate.put("cached", "fast");
		this.delegate.put("slow", "slow");
		this.store.getSecret("cached");
		CountDownLatch release = new CountDownLatch(1);
		this.delegate.beforeGetReturns = () -> awaitLatch(release);
		CompletableFuture<Map<String, @Nullable String>> slowRead = CompletableFuture
			.supplyAsync(() -> this.store.getSecret("slow"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.delegate.gets.size() == 2);
		assertThat(this.store.getSecret("cached")).containsEntry("cached", "fast");
		release.countDown();
		assertThat(slowRead.get(10, TimeUnit.SECONDS)).containsEntry("slow", "slow");
	}

	@Test
	void wrapIfEnabledReturnsTheDelegateWhenCachingIsDisabled() {
		assertThat(CachingSecretStore.wrapIfEnabled(this.delegate, OPTIONS.toBuilder().enableCache(false).build()))
			.isSameAs(this.delegate);
	}

	@Test
	void wrapIfEnabledReturnsACachingStoreWhenCachingIsEnabled() {
		assertThat(CachingSecretStore.wrapIfEnabled(this.delegate, OPTIONS)).isInstanceOf(CachingSecretStore.class)
			.extracting(CachingSecretStore.class::cast)
			.extracting(CachingSecretStore::delegate)
			.isSameAs(this.delegate);
	}

	@Test
	void nameIsTheDelegatesName() {
		assertThat(this.store.name()).isEqualTo("InMemorySecretStore");
	}

	@Test
	void toStringNeverContainsCachedSecretValues() {
		this.store.setSecret("apiKey", "s3cr3t-written");
		this.delegate.put("other", "s3cr3t-read");
		this.store.getSecret("other");
		assertThat(this.store.toString()).doesNotContain("s3cr3t");
	}

	@Test
	void destroyDestroysTheDelegate() {
		this.store.destroy();
		assertThat(this.delegate.destroyed).isTrue();
	}

	private static Map.Entry<String, @Nullable String> nullEntry(String key) {
		return new AbstractMap.SimpleEntry<>(key, null);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("latch not released within 10s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An in-memory secret store that records what the cache asks of it.
	 */
	static final class CountingSecretStore implements SecretStore {

		private final InMemorySecretStore secrets = new InMemorySecretStore(
				StoreOptions.secretDefaults().toBuilder().enableSet(true).enableRemove(true).build());

		final List<List<String>> gets = new CopyOnWriteArrayList<>();

		final AtomicInteger sets = new AtomicInteger();

		final AtomicInteger removes = new AtomicInteger();

		volatile boolean failSets;

		volatile boolean destroyed;

		volatile @Nullable Runnable beforeGetReturns;

		/** Runs once, after the next set has stored its value. */
		final AtomicReference<@Nullable Runnable> afterNextSetStores = new AtomicReference<>();

		/** Change a secret behind the cache's back. */
		void put(String name, String value) {
			this.secrets.setSecret(name, value);
		}

		@Nullable String peek(String name) {
			return this.secrets.getSecret(name).get(name);
		}

		@Override
		public String name() {
			return this.secrets.name();
		}

		@Override
		public Map<String, @Nullable String> getSecret(String... names) {
			this.gets.add(Arrays.asList(names));
			Map<String, @Nullable String> result = this.secrets.getSecret(names);
			Runnable hook = this.beforeGetReturns;
			if (hook != null) {
				hook.run();
			}
			return result;
		}

		@Override
		public void setSecret(String name, String value) {
			if (this.failSets) {
				throw new IllegalStateException("delegate is down");
			}
			this.sets.incrementAndGet();
			this.secrets.setSecret(name, value);
			Runnable hook = this.afterNextSetStores.getAndSet(null);
			if (hook != null) {
				hook.run();
			}
		}

		@Override
		public void removeSecret(String name) {
			this.removes.incrementAndGet();
			this.secrets.removeSecret(name);
		}

		@Override
		public void destroy() {
			this.destroyed = true;
		}

	}

	/**
	 * A clock tests move forward by hand.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
