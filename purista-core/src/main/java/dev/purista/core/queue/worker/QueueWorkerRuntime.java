package dev.purista.core.queue.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.QueueMessage;

/**
 * Works one queue: {@code maxParallelHandlers} worker threads each lease a job, run the handler and settle the
 * job by its result (TypeScript PURISTA's {@code runQueueWorker}).
 * <ul>
 * <li>{@code null} or {@link JobResult.Success}: ack.</li>
 * <li>{@link JobResult.Retry}, non-fatal {@link JobResult.Fail} or an exception (reason: its message): if
 * {@code attempt >= lifecycle.maxAttempts} the job is dead-lettered with reason {@code max_attempts_exceeded};
 * else if it was created at least {@code lifecycle.retryWindow} ago, with {@code retry_window_expired}; else it
 * is nacked with {@link dev.purista.core.queue.RetryStrategy#computeRetryDelay}.</li>
 * <li>Fatal {@link JobResult.Fail} or {@link JobResult.DeadLetter}: dead-lettered at once.</li>
 * </ul>
 * Dead-lettering moves the job to the options' dead-letter queue (default
 * {@link dev.purista.core.queue.QueueCapabilities#deadLetterQueueName(String)}) with header
 * {@value QueueHeaders#DEAD_LETTER_REASON} and settles the lease in the same step
 * ({@link QueueBridge#deadLetter}), so the job is never dead-lettered and leased at once.
 * <p>
 * Leases are short and kept alive by heartbeats: while a job runs, its lease is extended to
 * {@code visibilityTimeout} from now every {@link QueueLifecycle#effectiveHeartbeatInterval()} (at most every
 * third of the lease), at most {@code maxLeaseExtensions} times (when {@code autoHeartbeat}). A heartbeat that
 * fails is tried again at the next one while the lease still holds; once it expired unextended the lease counts
 * as lost: a warning is logged, {@link QueueJob#isCancelRequested()} turns {@code true}, and the handler's result
 * is still handed to the bridge, which ignores it when another worker has leased the job meanwhile (its lease
 * id differs), so a job is never acked twice. When a worker dies its jobs are leased again once their short
 * lease expired.
 * <p>
 * A handler that throws never stops a worker thread. When the bridge fails (for example while a broker is
 * down) the workers log one warning per outage and back off from 100 ms up to 5 s between attempts.
 * <p>
 * Shutdown: {@link #stopIntake()} stops leasing, {@link #awaitDrain(Duration)} waits for running jobs and
 * releases those that do not finish in time, so another worker gets them: no job is lost. The runtime owns its
 * threads (daemon threads named {@code purista-queue-<queue>-N}); it cannot be restarted once stopped.
 */
public final class QueueWorkerRuntime {

	/**
	 * The longest a single lease call waits: a stopping runtime is not interrupting its workers, so this bounds
	 * how long stopping waits for an idle worker, whatever the idle poll wait.
	 */
	static final Duration MAX_LEASE_WAIT = Duration.ofSeconds(1);

	/** The first pause after the bridge failed. */
	static final Duration MIN_BACKOFF = Duration.ofMillis(100);

	/** The longest pause between attempts while the bridge fails. */
	static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(QueueWorkerRuntime.class);

	/** Worker threads currently waiting in {@code leaseNext}, woken when intake stops. */
	private final QueueBridge bridge;

	private final QueueWorkerOptions options;

	private final QueueJobHandler handler;

	private final Clock clock;

	private final String deadLetterQueueName;

	private final Object monitor = new Object();

	private final CountDownLatch stopSignal = new CountDownLatch(1);

	private final Set<QueueJob> inFlight = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean bridgeDown = new AtomicBoolean();

	private volatile State state = State.NEW;

	private @Nullable ExecutorService workers;

	private @Nullable ScheduledExecutorService heartbeats;

	private @Nullable CountDownLatch workersExited;

	private long stopRequestedAt;

	private int inFlightAtStop;

	/**
	 * Create a runtime using the system clock for retry windows.
	 * @param bridge the queue bridge to lease from
	 * @param options the queue and how to work it
	 * @param handler the job handler
	 */
	public QueueWorkerRuntime(QueueBridge bridge, QueueWorkerOptions options, QueueJobHandler handler) {
		this(bridge, options, handler, Clock.systemUTC());
	}

	/**
	 * Create a runtime.
	 * @param bridge the queue bridge to lease from
	 * @param options the queue and how to work it
	 * @param handler the job handler
	 * @param clock the clock that decides whether a job's retry window has passed
	 */
	public QueueWorkerRuntime(QueueBridge bridge, QueueWorkerOptions options, QueueJobHandler handler,
			Clock clock) {
		this.bridge = Objects.requireNonNull(bridge, "bridge");
		this.options = Objects.requireNonNull(options, "options");
		this.handler = Objects.requireNonNull(handler, "handler");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.deadLetterQueueName = (options.deadLetterQueueName() != null) ? options.deadLetterQueueName()
				: bridge.capabilities().deadLetterQueueName(options.queueName());
	}

	/**
	 * The options this runtime works with.
	 * @return the options
	 */
	public QueueWorkerOptions options() {
		return this.options;
	}

	/**
	 * Where this runtime dead-letters jobs.
	 * @return the dead-letter queue name
	 */
	public String deadLetterQueueName() {
		return this.deadLetterQueueName;
	}

	/**
	 * Start the worker threads. Does not start the bridge. Idempotent while running.
	 * @throws IllegalStateException if the runtime was stopped
	 */
	public void start() {
		synchronized (this.monitor) {
			if (this.state == State.RUNNING) {
				return;
			}
			if (this.state != State.NEW) {
				throw new IllegalStateException("Queue worker for '" + this.options.queueName()
						+ "' was stopped and cannot be restarted; create a new QueueWorkerRuntime");
			}
			int slots = this.options.maxParallelHandlers();
			String prefix = "purista-queue-" + this.options.queueName() + "-";
			this.workers = Executors.newFixedThreadPool(slots, threadFactory(prefix, true));
			QueueLifecycle lifecycle = this.options.lifecycle();
			if (lifecycle.autoHeartbeat() && lifecycle.maxLeaseExtensions() > 0) {
				ScheduledExecutorService scheduler = Executors
					.newSingleThreadScheduledExecutor(threadFactory(prefix + "heartbeat", false));
				this.heartbeats = scheduler;
			}
			this.workersExited = new CountDownLatch(slots);
			for (int i = 0; i < slots; i++) {
				this.workers.execute(this::work);
			}
			this.state = State.RUNNING;
		}
		logger.info("Started queue worker for '" + this.options.queueName() + "' on " + this.bridge.name() + " with "
				+ this.options.maxParallelHandlers() + " parallel handler(s)");
	}

	/**
	 * Stop leasing new jobs. Running jobs continue and see {@link QueueJob#isCancelRequested()}; a lease call in
	 * progress returns within the idle poll wait (at most 1 s), and a job it returns after this point is given back
	 * at once.
	 * Does not block. Idempotent.
	 */
	public void stopIntake() {
		synchronized (this.monitor) {
			if (this.state == State.NEW) {
				this.state = State.STOPPED;
				this.stopSignal.countDown();
				return;
			}
			if (this.state != State.RUNNING) {
				return;
			}
			this.state = State.DRAINING;
			this.stopRequestedAt = System.nanoTime();
			this.inFlightAtStop = this.inFlight.size();
			this.stopSignal.countDown();
		}
		// workers waiting for a job are not interrupted: an interrupted client call may still take a job on the
		// broker (Redis' BLMOVE completes there) without the worker ever seeing it, stranding it until its lease
		// ends; a lease call returns within MAX_LEASE_WAIT instead, and a job it got is given back by the work loop
		logger.info("Stopped intake of queue worker for '" + this.options.queueName() + "' with "
				+ this.inFlightAtStop + " job(s) in flight");
	}

	/**
	 * Wait for running jobs to finish, stopping intake first if that was not done yet. Blocks up to
	 * {@code timeout}. Jobs still running then are released to the bridge (due again at once for another
	 * worker), their handlers are interrupted and their results ignored. Afterwards the runtime's threads are
	 * shut down.
	 * @param timeout how long to wait
	 * @return {@code true} if every job finished in time, {@code false} if unfinished jobs were released
	 * @throws InterruptedException if the calling thread was interrupted while waiting (running jobs are
	 * released before this is thrown)
	 */
	public boolean awaitDrain(Duration timeout) throws InterruptedException {
		stopIntake();
		CountDownLatch exited;
		synchronized (this.monitor) {
			exited = this.workersExited;
			if (exited == null || this.state == State.STOPPED) {
				return this.inFlight.isEmpty();
			}
		}
		boolean finished;
		try {
			finished = exited.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			releaseUnfinished();
			shutdownThreads(false);
			throw ex;
		}
		int released = (finished) ? 0 : releaseUnfinished();
		shutdownThreads(finished);
		long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.stopRequestedAt);
		if (released == 0) {
			logger.info("Drained queue worker for '" + this.options.queueName() + "': " + this.inFlightAtStop
					+ " job(s) finished in " + tookMs + " ms");
		}
		else {
			logger.warn("Queue worker for '" + this.options.queueName() + "' did not drain within "
					+ timeout.toMillis() + " ms: released " + released
					+ " unfinished job(s) to the queue for another worker");
		}
		return released == 0;
	}

	/**
	 * How many jobs are running now.
	 * @return the number of jobs being handled
	 */
	public int inFlight() {
		return this.inFlight.size();
	}

	/**
	 * Whether the runtime was started and still takes new jobs.
	 * @return {@code true} between {@link #start()} and {@link #stopIntake()}
	 */
	public boolean isRunning() {
		return this.state == State.RUNNING;
	}

	private void work() {
		long backoffMs = 0;
		try {
			while (!isStopRequested()) {
				long pollStarted = System.nanoTime();
				QueueLease lease;
				try {
					if (isStopRequested()) {
						break;
					}
					lease = this.bridge.leaseNext(this.options.queueName(), leaseWait());
				}
				catch (RuntimeException ex) {
					backoffMs = (backoffMs == 0) ? MIN_BACKOFF.toMillis()
							: Math.min(MAX_BACKOFF.toMillis(), backoffMs * 2);
					bridgeFailed(ex, backoffMs);
					pause(backoffMs);
					continue;
				}
				backoffMs = 0;
				bridgeRecovered();
				if (lease == null) {
					pauseIfReturnedEarly(pollStarted);
					continue;
				}
				if (isStopRequested()) {
					releaseQuietly(lease, "intake stopped while it was being leased");
					break;
				}
				process(lease);
				if (!isStopRequested()) {
					// a handler's interrupt must not leak into the next lease call
					Thread.interrupted();
				}
			}
		}
		finally {
			CountDownLatch exited = this.workersExited;
			if (exited != null) {
				exited.countDown();
			}
		}
	}

	private void process(QueueLease lease) {
		QueueJob job = new QueueJob(this.bridge, lease, this::isStopRequested);
		this.inFlight.add(job);
		try {
			startHeartbeat(job);
			if (logger.isDebugEnabled()) {
				logger.debug("Handling job " + lease.id() + " of queue '" + lease.queueName() + "' (attempt "
						+ lease.message().attempt() + ")");
			}
			JobResult result;
			try {
				result = this.handler.handle(job);
			}
			catch (Exception ex) {
				logger.warn("Job " + lease.id() + " of queue '" + lease.queueName() + "' failed on attempt "
						+ lease.message().attempt(), ex);
				result = JobResult.retry(reasonOf(ex), null);
			}
			catch (Error err) {
				logger.error("Job " + lease.id() + " of queue '" + lease.queueName() + "' failed with an error on attempt "
						+ lease.message().attempt(), err);
				settle(job, JobResult.retry(reasonOf(err), null));
				if (err instanceof VirtualMachineError) {
					throw err;
				}
				return;
			}
			settle(job, result);
		}
		finally {
			job.stopHeartbeat();
			this.inFlight.remove(job);
		}
	}

	private void settle(QueueJob job, @Nullable JobResult result) {
		if (!job.claimSettlement()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored the result of job " + job.id() + " of queue '" + job.queueName()
						+ "': its lease was released while it ran");
			}
			return;
		}
		job.stopHeartbeat();
		QueueLease lease = job.lease();
		try {
			if (result == null || result instanceof JobResult.Success) {
				this.bridge.ack(lease.queueName(), lease.leaseId());
			}
			else if (result instanceof JobResult.Retry retry) {
				retryOrDeadLetter(lease, retry.reason(), retry.delay());
			}
			else if (result instanceof JobResult.Fail fail) {
				if (fail.fatal()) {
					deadLetter(lease, fail.reason(), null);
				}
				else {
					retryOrDeadLetter(lease, fail.reason(), null);
				}
			}
			else if (result instanceof JobResult.DeadLetter deadLetter) {
				deadLetter(lease, deadLetter.reason(), null);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not settle job " + lease.id() + " of queue '" + lease.queueName()
					+ "'; its lease will expire and the job will be tried again", ex);
		}
	}

	private void retryOrDeadLetter(QueueLease lease, @Nullable String reason, @Nullable Duration requestedDelay) {
		QueueLifecycle lifecycle = this.options.lifecycle();
		QueueMessage message = lease.message();
		int attempt = message.attempt();
		if (attempt >= lifecycle.maxAttempts()) {
			deadLetter(lease, QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED, reason);
		}
		else if (this.clock.millis() - message.createdAt() >= lifecycle.retryWindow().toMillis()) {
			deadLetter(lease, QueueHeaders.REASON_RETRY_WINDOW_EXPIRED, reason);
		}
		else {
			Duration delay = lifecycle.retryStrategy().computeRetryDelay(attempt, requestedDelay);
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying job " + lease.id() + " of queue '" + lease.queueName() + "' in "
						+ delay.toMillis() + " ms (attempt " + attempt + " of " + lifecycle.maxAttempts() + ")");
			}
			this.bridge.nack(lease.queueName(), lease.leaseId(), reason, delay);
		}
	}

	private void deadLetter(QueueLease lease, String reason, @Nullable String lastRetryReason) {
		logger.warn("Dead-lettering job " + lease.id() + " of queue '" + lease.queueName() + "' into '"
				+ this.deadLetterQueueName + "' after attempt " + lease.message().attempt() + ": " + reason);
		this.bridge.deadLetter(lease.queueName(), lease.leaseId(),
				DeadLetterRequest.because(reason).into(this.deadLetterQueueName).withLastRetryReason(lastRetryReason));
	}

	private void startHeartbeat(QueueJob job) {
		ScheduledExecutorService scheduler = this.heartbeats;
		if (scheduler == null) {
			return;
		}
		QueueLifecycle lifecycle = this.options.lifecycle();
		QueueLease lease = job.lease();
		long intervalMs = heartbeatIntervalMs(lifecycle, lease);
		long extensionNanos = lifecycle.visibilityTimeout().toNanos();
		AtomicInteger extensions = new AtomicInteger();
		// until when (System.nanoTime) the lease surely holds; a failed heartbeat before then is tried again
		long leaseNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, lease.leaseExpiresAt() - lease.leasedAt()));
		AtomicLong holdsUntil = new AtomicLong(System.nanoTime() + leaseNanos);
		Runnable beat = () -> {
			if (job.isSettled() || extensions.get() >= lifecycle.maxLeaseExtensions()) {
				job.stopHeartbeat();
				return;
			}
			long beatStarted = System.nanoTime();
			try {
				this.bridge.extendLease(lease.queueName(), lease.leaseId(), lifecycle.visibilityTimeout());
				holdsUntil.set(beatStarted + extensionNanos);
				if (extensions.incrementAndGet() >= lifecycle.maxLeaseExtensions()) {
					job.stopHeartbeat();
				}
			}
			catch (RuntimeException ex) {
				if (job.isSettled()) {
					job.stopHeartbeat();
				}
				else if (System.nanoTime() - holdsUntil.get() >= 0) {
					job.markLeaseLost();
					job.stopHeartbeat();
					logger.warn("Lost the lease of job " + lease.id() + " of queue '" + lease.queueName()
							+ "' (attempt " + lease.message().attempt()
							+ "): it could not be extended before it expired, so another worker may run the job"
							+ " again; the handler's result only settles the job if the lease still exists", ex);
				}
				else {
					logger.warn("Could not extend the lease of job " + lease.id() + " of queue '" + lease.queueName()
							+ "'; trying again in " + intervalMs + " ms, the lease holds for another "
							+ TimeUnit.NANOSECONDS.toMillis(holdsUntil.get() - System.nanoTime()) + " ms: " + ex);
				}
			}
		};
		try {
			job.heartbeat(scheduler.scheduleAtFixedRate(beat, intervalMs, intervalMs, TimeUnit.MILLISECONDS));
		}
		catch (RejectedExecutionException ex) {
			// the runtime is shutting down: the lease is released or expires
		}
	}

	/**
	 * The lifecycle's heartbeat interval, but at least every third of the lease the job was given, so that a
	 * job enqueued with a shorter lease than the visibility timeout keeps it too.
	 */
	private static long heartbeatIntervalMs(QueueLifecycle lifecycle, QueueLease lease) {
		long intervalMs = lifecycle.effectiveHeartbeatInterval().toMillis();
		long leaseMs = lease.leaseExpiresAt() - lease.leasedAt();
		if (leaseMs > 0) {
			intervalMs = Math.min(intervalMs, leaseMs / 3);
		}
		return Math.max(1, intervalMs);
	}

	private int releaseUnfinished() {
		int released = 0;
		for (QueueJob job : List.copyOf(this.inFlight)) {
			if (job.claimSettlement()) {
				job.markReleased();
				job.stopHeartbeat();
				if (releaseQuietly(job.lease(), "it did not finish before the drain timeout")) {
					released++;
				}
			}
		}
		return released;
	}

	private boolean releaseQuietly(QueueLease lease, String why) {
		try {
			this.bridge.release(lease.queueName(), lease.leaseId());
			if (logger.isDebugEnabled()) {
				logger.debug("Released job " + lease.id() + " of queue '" + lease.queueName() + "': " + why);
			}
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release job " + lease.id() + " of queue '" + lease.queueName()
					+ "'; it becomes due again when its lease expires", ex);
			return false;
		}
	}

	private void shutdownThreads(boolean graceful) {
		ExecutorService workerPool;
		ScheduledExecutorService scheduler;
		synchronized (this.monitor) {
			this.state = State.STOPPED;
			workerPool = this.workers;
			scheduler = this.heartbeats;
		}
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		if (workerPool != null) {
			if (graceful) {
				workerPool.shutdown();
			}
			else {
				workerPool.shutdownNow();
			}
		}
	}

	private void bridgeFailed(RuntimeException ex, long backoffMs) {
		if (this.bridgeDown.compareAndSet(false, true)) {
			logger.warn("Queue bridge " + this.bridge.name() + " failed to lease from queue '"
					+ this.options.queueName() + "'; retrying with a growing pause of up to " + MAX_BACKOFF.toMillis()
					+ " ms until it recovers", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Queue bridge " + this.bridge.name() + " still fails for queue '" + this.options.queueName()
					+ "'; next attempt in " + backoffMs + " ms: " + ex);
		}
	}

	private void bridgeRecovered() {
		if (this.bridgeDown.get() && this.bridgeDown.compareAndSet(true, false)) {
			logger.info("Queue bridge " + this.bridge.name() + " recovered; leasing from queue '"
					+ this.options.queueName() + "' again");
		}
	}

	private void pauseIfReturnedEarly(long pollStarted) {
		// a bridge that returns at once instead of waiting must not make the worker spin
		long waitMs = leaseWait().toMillis();
		long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pollStarted);
		long minimumMs = Math.min(waitMs, MIN_BACKOFF.toMillis());
		if (elapsedMs < minimumMs / 2) {
			pause(minimumMs - elapsedMs);
		}
		else if (waitMs == 0) {
			pause(MIN_BACKOFF.toMillis());
		}
	}

	private Duration leaseWait() {
		Duration idlePollWait = this.options.idlePollWait();
		return (idlePollWait.compareTo(MAX_LEASE_WAIT) > 0) ? MAX_LEASE_WAIT : idlePollWait;
	}

	private void pause(long millis) {
		try {
			this.stopSignal.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean isStopRequested() {
		return this.stopSignal.getCount() == 0;
	}

	private static String reasonOf(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getName();
	}

	private static ThreadFactory threadFactory(String name, boolean numbered) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, numbered ? name + counter.incrementAndGet() : name);
			thread.setDaemon(true);
			return thread;
		};
	}

	private enum State {

		NEW, RUNNING, DRAINING, STOPPED

	}

}
