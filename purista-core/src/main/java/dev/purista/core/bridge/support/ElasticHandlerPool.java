package dev.purista.core.bridge.support;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run a broker bridge's handlers: a few while handlers finish quickly, more — up to a maximum —
 * while queued handlers wait because the running ones block.
 * <p>
 * A fixed pool of many threads wakes a parked thread for nearly every message when handlers are short, which on
 * a small machine costs about as much as the handler itself. This pool runs on {@code baseThreads} threads; when
 * the oldest queued task has waited longer than {@code growAfter} (the running handlers block: on I/O, or on a
 * command they invoked whose handler is queued behind them), it adds a thread, and again every {@code growAfter}
 * while that lasts, up to {@code maxThreads}. Once no queued task waits longer than half of {@code growAfter} and
 * a thread is idle, it removes a thread every 10 {@code growAfter} (20 checks), down to {@code baseThreads}; a
 * removed thread ends when it finishes its task. Tasks are queued without bound and start in the order they were
 * submitted.
 * <p>
 * Thread-safe. The threads are daemon threads named {@code <threadNamePrefix><n>}.
 */
public final class ElasticHandlerPool extends ThreadPoolExecutor {

	private static final ScheduledExecutorService WATCH = createWatch();

	private static final int CALM_CHECKS_TO_SHRINK = 20;

	private final int baseThreads;

	private final int maxThreads;

	private final long growAfterNanos;

	private final ScheduledFuture<?> watch;

	/** Consecutive checks in which no queued task waited long; read and written by the watch thread only. */
	private int calmChecks;

	/** The threads a broker bridge's pool runs on while handlers do not block ({@link #forBridge}). */
	public static final int BRIDGE_BASE_THREADS = 4;

	/** How long a queued handler of a broker bridge's pool waits before a thread is added ({@link #forBridge}). */
	public static final Duration BRIDGE_GROW_AFTER = Duration.ofMillis(50);

	/**
	 * Create the handler pool of a broker event bridge: {@value #BRIDGE_BASE_THREADS} threads (fewer if the maximum
	 * is lower), one more every 50 ms while the oldest queued handler waits, up to {@code maxThreads}.
	 * @param threadNamePrefix the prefix of its threads' names, e.g. {@code purista-nats-}
	 * @param maxThreads the most threads it grows to (at least 1)
	 * @return the pool
	 */
	public static ElasticHandlerPool forBridge(String threadNamePrefix, int maxThreads) {
		return new ElasticHandlerPool(threadNamePrefix, Math.min(BRIDGE_BASE_THREADS, maxThreads), maxThreads,
				BRIDGE_GROW_AFTER);
	}

	/**
	 * Create a pool and start watching its queue.
	 * @param threadNamePrefix the prefix of its threads' names, e.g. {@code purista-nats-}
	 * @param baseThreads the threads it runs on while handlers do not block (at least 1)
	 * @param maxThreads the most threads it grows to (at least {@code baseThreads})
	 * @param growAfter how long the oldest queued task may wait before a thread is added (positive)
	 * @throws IllegalArgumentException if a bound is out of range
	 */
	public ElasticHandlerPool(String threadNamePrefix, int baseThreads, int maxThreads, Duration growAfter) {
		super(checkBase(baseThreads), baseThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threadFactory(threadNamePrefix));
		checkMax(baseThreads, maxThreads);
		if (growAfter.isNegative() || growAfter.isZero()) {
			throw new IllegalArgumentException("growAfter must be positive, e.g. 50ms, was " + growAfter);
		}
		this.baseThreads = baseThreads;
		this.maxThreads = maxThreads;
		this.growAfterNanos = growAfter.toNanos();
		allowCoreThreadTimeOut(true);
		long period = Math.max(1, this.growAfterNanos / 2);
		this.watch = WATCH.scheduleWithFixedDelay(this::adjust, period, period, TimeUnit.NANOSECONDS);
	}

	private static int checkBase(int baseThreads) {
		if (baseThreads < 1) {
			throw new IllegalArgumentException("baseThreads must be at least 1, was " + baseThreads);
		}
		return baseThreads;
	}

	private static void checkMax(int baseThreads, int maxThreads) {
		if (maxThreads < baseThreads) {
			throw new IllegalArgumentException(
					"maxThreads must be at least baseThreads (" + baseThreads + "), was " + maxThreads);
		}
	}

	private static ThreadFactory threadFactory(String prefix) {
		AtomicInteger threads = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static ScheduledExecutorService createWatch() {
		ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "purista-handler-pool-watch");
			thread.setDaemon(true);
			return thread;
		});
		watch.setRemoveOnCancelPolicy(true);
		return watch;
	}

	/**
	 * The threads the pool runs on while handlers do not block.
	 * @return the base number of threads
	 */
	public int baseThreads() {
		return this.baseThreads;
	}

	/**
	 * The most threads the pool grows to.
	 * @return the maximum number of threads
	 */
	public int maxThreads() {
		return this.maxThreads;
	}

	/**
	 * Queue a task; it runs on one of the pool's threads in submission order.
	 * @param task the task
	 * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
	 */
	@Override
	public void execute(Runnable task) {
		super.execute(new Queued(task, System.nanoTime()));
	}

	@Override
	protected void terminated() {
		this.watch.cancel(false);
		super.terminated();
	}

	/**
	 * Add a thread when the oldest queued task waited too long; remove one after {@value #CALM_CHECKS_TO_SHRINK}
	 * checks in a row in which nothing waited long and a thread was idle. The size is both the core and the
	 * maximum size of the underlying executor, so that a thread above it ends as soon as it finishes its task
	 * (the executor's keep-alive would otherwise keep it while tasks keep coming).
	 */
	private void adjust() {
		if (isShutdown()) {
			return;
		}
		Queued oldest = (Queued) getQueue().peek();
		long waited = (oldest != null) ? System.nanoTime() - oldest.queuedAt : 0;
		int size = getCorePoolSize();
		if (waited > this.growAfterNanos) {
			this.calmChecks = 0;
			if (size < this.maxThreads) {
				// raising the core size starts a thread for the queued tasks at once
				setMaximumPoolSize(size + 1);
				setCorePoolSize(size + 1);
			}
		}
		else if (waited < this.growAfterNanos / 2 && size > this.baseThreads && getActiveCount() < size) {
			this.calmChecks++;
			if (this.calmChecks >= CALM_CHECKS_TO_SHRINK) {
				this.calmChecks = 0;
				setCorePoolSize(size - 1);
				setMaximumPoolSize(size - 1);
			}
		}
		else {
			this.calmChecks = 0;
		}
	}

	/**
	 * A task with the time it was queued.
	 */
	private record Queued(Runnable task, long queuedAt) implements Runnable {

		@Override
		public void run() {
			this.task.run();
		}

	}

	@Override
	public String toString() {
		return "ElasticHandlerPool[threads " + getPoolSize() + " of " + this.baseThreads + ".." + this.maxThreads
				+ ", queued " + getQueue().size() + "]";
	}

}
