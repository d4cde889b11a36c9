package dev.purista.core.bridge.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.message.CommandErrorResponse;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Message;
import dev.purista.core.message.Messages;

/**
 * The invocations of one bridge instance that wait for their response (PURISTA's
 * {@code PendingInvocationRegistry}): a timeout fails the invocation with 504 "invocation timed out"; a
 * response arriving within 60 s after its timeout is counted as late and dropped; a response nobody waited
 * for is counted as unknown and dropped. Thread-safe; registering and completing are lock-free.
 * <p>
 * Timeouts are not scheduled one by one: a single sweep on the shared {@code purista-invocation-timer} thread
 * is scheduled for the earliest deadline, fails every invocation that is due and schedules itself for the next
 * deadline. An invocation's timeout fires at its deadline, or at most 10 ms later when many deadlines fall
 * close together.
 */
public final class PendingInvocations {

	private static final Log logger = LogFactory.getLog(PendingInvocations.class);

	private static final long LATE_WINDOW_MS = 60_000;

	private static final long SWEEP_COALESCING_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/** Deadlines are kept relative to this origin, so they are non-negative and compare plainly. */
	private static final long ORIGIN = System.nanoTime();

	private static final long NO_SWEEP = Long.MAX_VALUE;

	private static final ScheduledExecutorService TIMER = createTimer();

	// sized so that concurrent invocations rarely share a bin (a shared bin is a lock)
	private final Map<String, Pending> pending = new ConcurrentHashMap<>(1024);

	private final Map<String, Long> timedOut = new ConcurrentHashMap<>();

	private final AtomicLong nextSweep = new AtomicLong(NO_SWEEP);

	private final AtomicLong lateResponses = new AtomicLong();

	private final AtomicLong unknownResponses = new AtomicLong();

	private final AtomicLong timeouts = new AtomicLong();

	/**
	 * Register an invocation.
	 * @param correlationId the command's correlation id
	 * @param timeout how long to wait for the response
	 * @param traceId the business trace id (for the timeout error)
	 * @return the future completed by {@link #complete(Message)}
	 */
	public CompletableFuture<CommandSuccessResponse> register(String correlationId, Duration timeout,
			@Nullable String traceId) {
		CompletableFuture<CommandSuccessResponse> future = new CompletableFuture<>();
		long deadline = now() + saturatedNanos(timeout);
		this.pending.put(correlationId, new Pending(future, deadline, timeout, traceId));
		// after the put: a sweep that this check relies on scans the map only after it cleared nextSweep
		scheduleSweep(deadline);
		return future;
	}

	/**
	 * Complete the invocation a response belongs to.
	 * @param response a success or error response
	 * @return {@code true} if an invocation waited for it
	 */
	public boolean complete(Message response) {
		String correlationId = response.correlationId();
		Pending entry = (correlationId != null) ? this.pending.remove(correlationId) : null;
		if (entry == null) {
			if (correlationId != null && this.timedOut.remove(correlationId) != null) {
				this.lateResponses.incrementAndGet();
				logger.warn("Dropped late response " + response.id() + " (correlation id " + correlationId
						+ ") from " + response.sender() + ": the invocation had timed out");
			}
			else {
				this.unknownResponses.incrementAndGet();
				logger.warn("Dropped response " + response.id() + " with unknown correlation id " + correlationId
						+ " from " + response.sender());
			}
			return false;
		}
		if (response instanceof CommandSuccessResponse success) {
			entry.future.complete(success);
		}
		else if (response instanceof CommandErrorResponse error) {
			entry.future.completeExceptionally(Messages.toException(error));
		}
		else {
			entry.future.completeExceptionally(new IllegalArgumentException(
					"message " + response.id() + " of type " + response.messageType() + " is not a response"));
		}
		return true;
	}

	/**
	 * Fail one pending invocation at once, e.g. because its command could not be sent.
	 * @param correlationId the invocation's correlation id
	 * @param error the failure
	 * @return {@code true} if the invocation was pending
	 */
	public boolean fail(String correlationId, Throwable error) {
		Pending entry = this.pending.remove(correlationId);
		if (entry == null) {
			return false;
		}
		entry.future.completeExceptionally(error);
		return true;
	}

	/**
	 * Mark whether this instance itself is producing the response of a pending invocation (its own command
	 * handler is running, or holds the response until it can publish it), so that
	 * {@link #failUnanswerable(Function)} leaves it waiting.
	 * @param correlationId the invocation's correlation id
	 * @param answering {@code true} while the response is produced or held here, {@code false} once it was handed
	 * to the broker
	 */
	public void answeringHere(String correlationId, boolean answering) {
		Pending entry = this.pending.get(correlationId);
		if (entry != null) {
			entry.answeringHere = answering;
		}
	}

	/**
	 * Fail every waiting invocation whose response can no longer arrive, because the connection its response
	 * would have come back on was lost: all but those this instance is answering itself
	 * ({@link #answeringHere(String, boolean)}).
	 * @param error the error for an invocation, given its trace id
	 * @return how many invocations were failed
	 */
	public int failUnanswerable(Function<@Nullable String, ? extends Throwable> error) {
		int failed = 0;
		for (Map.Entry<String, Pending> candidate : this.pending.entrySet()) {
			Pending entry = candidate.getValue();
			if (!entry.answeringHere && this.pending.remove(candidate.getKey(), entry)) {
				entry.future.completeExceptionally(error.apply(entry.traceId));
				failed++;
			}
		}
		return failed;
	}

	/**
	 * Fail every waiting invocation (on destroy).
	 * @param error the error to fail them with
	 */
	public void failAll(Throwable error) {
		for (String correlationId : this.pending.keySet()) {
			Pending entry = this.pending.remove(correlationId);
			if (entry != null) {
				entry.future.completeExceptionally(error);
			}
		}
	}

	/**
	 * How many invocations wait for their response.
	 * @return the count
	 */
	public int size() {
		return this.pending.size();
	}

	/**
	 * How many responses arrived after their invocation timed out.
	 * @return the count
	 */
	public long lateResponses() {
		return this.lateResponses.get();
	}

	/**
	 * How many responses matched no invocation.
	 * @return the count
	 */
	public long unknownResponses() {
		return this.unknownResponses.get();
	}

	/**
	 * How many invocations timed out.
	 * @return the count
	 */
	public long timeouts() {
		return this.timeouts.get();
	}

	/**
	 * Make sure a sweep runs at {@code at} or earlier.
	 */
	private void scheduleSweep(long at) {
		while (true) {
			long scheduled = this.nextSweep.get();
			if (scheduled <= at) {
				return;
			}
			if (this.nextSweep.compareAndSet(scheduled, at)) {
				TIMER.schedule(() -> sweep(at), Math.max(0, at - now()), TimeUnit.NANOSECONDS);
				return;
			}
		}
	}

	/**
	 * Fail the invocations that are due and schedule the next sweep. Runs on the timer thread.
	 */
	private void sweep(long at) {
		// clear before scanning: an invocation registered meanwhile either sees the cleared value and schedules
		// its own sweep, or was put before this scan starts and is seen by it
		this.nextSweep.compareAndSet(at, NO_SWEEP);
		long now = now();
		long earliest = NO_SWEEP;
		for (Map.Entry<String, Pending> candidate : this.pending.entrySet()) {
			Pending entry = candidate.getValue();
			if (entry.deadline <= now) {
				timeOut(candidate.getKey(), entry);
			}
			else if (entry.deadline < earliest) {
				earliest = entry.deadline;
			}
		}
		if (earliest != NO_SWEEP) {
			scheduleSweep(Math.max(earliest, now + SWEEP_COALESCING_NANOS));
		}
	}

	private void timeOut(String correlationId, Pending entry) {
		if (!this.pending.remove(correlationId, entry)) {
			return;
		}
		this.timeouts.incrementAndGet();
		long now = System.currentTimeMillis();
		this.timedOut.put(correlationId, now);
		TIMER.schedule(() -> this.timedOut.remove(correlationId), LATE_WINDOW_MS, TimeUnit.MILLISECONDS);
		entry.future.completeExceptionally(new CommandTimeoutException(entry.timeout, entry.traceId));
	}

	private static long now() {
		return System.nanoTime() - ORIGIN;
	}

	private static long saturatedNanos(Duration timeout) {
		// a quarter of the range: deadlines stay far from overflowing for centuries of uptime
		long limit = Long.MAX_VALUE / 4;
		if (timeout.isNegative()) {
			return 0;
		}
		return (timeout.getSeconds() >= limit / 1_000_000_000L) ? limit : timeout.toNanos();
	}

	private static ScheduledExecutorService createTimer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "purista-invocation-timer");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	private static final class Pending {

		private final CompletableFuture<CommandSuccessResponse> future;

		private final long deadline;

		private final Duration timeout;

		private final @Nullable String traceId;

		private volatile boolean answeringHere;

		Pending(CompletableFuture<CommandSuccessResponse> future, long deadline, Duration timeout,
				@Nullable String traceId) {
			this.future = future;
			this.deadline = deadline;
			this.timeout = timeout;
			this.traceId = traceId;
		}

	}

}
