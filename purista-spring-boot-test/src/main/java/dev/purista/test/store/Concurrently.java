package dev.purista.test.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same task on several threads released at once, and fails with the first task's exception.
 */
final class Concurrently {

	/**
	 * How long the threads may take: a bound that turns a deadlock into a failure, not a performance target. A
	 * store behind HTTP (the AWS store against its emulator: 8 threads x 1000 rounds of signed requests) needs
	 * 40-75 s on a loaded 2-core machine.
	 */
	static final long TIMEOUT_SECONDS = 180;

	private Concurrently() {
	}

	static void run(int threads, ThreadTask task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int thread = i;
				futures.add(executor.submit(() -> {
					ready.countDown();
					start.await();
					task.run(thread);
					return null;
				}));
			}
			ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			start.countDown();
			for (Future<?> future : futures) {
				future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	interface ThreadTask {

		void run(int thread) throws Exception;

	}

}
