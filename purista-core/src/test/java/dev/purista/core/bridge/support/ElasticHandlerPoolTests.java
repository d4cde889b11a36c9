package dev.purista.core.bridge.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class ElasticHandlerPoolTests {

	private static final Duration GROW_AFTER = Duration.ofMillis(50);

	private final CountDownLatch release = new CountDownLatch(1);

	private ElasticHandlerPool pool;

	@AfterEach
	void shutDown() throws InterruptedException {
		this.release.countDown();
		if (this.pool != null) {
			this.pool.shutdownNow();
			assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void shortTasksRunOnTheBaseThreadsOnly() {
		// growing only after 5 s of waiting: a busy machine delaying the queue does not count as blocking
		this.pool = new ElasticHandlerPool("test-short-", 2, 16, Duration.ofSeconds(5));
		Set<String> threads = ConcurrentHashMap.newKeySet();
		AtomicInteger done = new AtomicInteger();
		IntStream.range(0, 2000).forEach((i) -> this.pool.execute(() -> {
			threads.add(Thread.currentThread().getName());
			done.incrementAndGet();
		}));
		await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 2000);
		assertThat(threads).hasSizeLessThanOrEqualTo(2).allMatch((name) -> name.startsWith("test-short-"));
		assertThat(this.pool.getLargestPoolSize()).isEqualTo(2);
	}

	@Test
	void queuedTaskRunsWhileTheBaseThreadsBlock() {
		this.pool = new ElasticHandlerPool("test-grow-", 2, 16, GROW_AFTER);
		blockThreads(2);
		AtomicBoolean ran = new AtomicBoolean();
		this.pool.execute(() -> ran.set(true));
		await().atMost(Duration.ofSeconds(5)).untilTrue(ran);
		assertThat(this.pool.getPoolSize()).isEqualTo(3);
	}

	@Test
	void handlerWaitingForATaskQueuedBehindItIsNotDeadlocked() {
		this.pool = new ElasticHandlerPool("test-nested-", 1, 4, GROW_AFTER);
		AtomicBoolean outerDone = new AtomicBoolean();
		this.pool.execute(() -> {
			CountDownLatch inner = new CountDownLatch(1);
			this.pool.execute(inner::countDown);
			try {
				outerDone.set(inner.await(10, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		await().atMost(Duration.ofSeconds(5)).untilTrue(outerDone);
	}

	@Test
	void growsNoFurtherThanTheMaximumAndKeepsTheRestQueued() {
		this.pool = new ElasticHandlerPool("test-max-", 1, 3, GROW_AFTER);
		blockThreads(3);
		List<Integer> ran = new CopyOnWriteArrayList<>();
		IntStream.range(0, 5).forEach((i) -> this.pool.execute(() -> ran.add(i)));
		await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(ran::isEmpty);
		assertThat(this.pool.getPoolSize()).isEqualTo(3);
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 5);
		assertThat(ran).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
	}

	@Test
	void returnsToTheBaseSizeOnceNothingWaits() {
		this.pool = new ElasticHandlerPool("test-shrink-", 1, 8, GROW_AFTER);
		blockThreads(4);
		assertThat(this.pool.getCorePoolSize()).isGreaterThanOrEqualTo(4);
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.pool.getPoolSize() == 1);
	}

	@Test
	void extraThreadsEndWhileShortTasksKeepComing() {
		this.pool = new ElasticHandlerPool("test-busy-", 1, 8, GROW_AFTER);
		blockThreads(4);
		this.release.countDown();
		ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
		try {
			feeder.scheduleAtFixedRate(() -> IntStream.range(0, 4).forEach((i) -> this.pool.execute(() -> {
			})), 0, 1, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.getPoolSize() == 1);
		}
		finally {
			feeder.shutdownNow();
		}
	}

	@Test
	void boundsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ElasticHandlerPool("x-", 0, 4, GROW_AFTER))
			.withMessageContaining("baseThreads must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new ElasticHandlerPool("x-", 4, 2, GROW_AFTER))
			.withMessageContaining("maxThreads must be at least baseThreads (4)");
		assertThatIllegalArgumentException().isThrownBy(() -> new ElasticHandlerPool("x-", 1, 2, Duration.ZERO))
			.withMessageContaining("growAfter must be positive");
	}

	/**
	 * Occupy the given number of threads with tasks that block until {@link #release}, waiting until all run.
	 */
	private void blockThreads(int count) {
		CountDownLatch running = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			this.pool.execute(() -> {
				running.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> running.getCount() == 0);
	}

}
