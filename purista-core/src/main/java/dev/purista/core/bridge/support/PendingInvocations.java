package dev.purista.core.bridge.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * for is counted as unknown and dropped. Thread-safe.
 */
public final class PendingInvocations {

	private static final Log logger = LogFactory.getLog(PendingInvocations.class);

	private static final long LATE_WINDOW_MS = 60_000;

	private static final ScheduledExecutorService TIMER = createTimer();

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Map<String, Long> timedOut = new ConcurrentHashMap<>();

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
		Pending entry = new Pending(future);
		this.pending.put(correlationId, entry);
		entry.timeoutTask = TIMER.schedule(() -> timeOut(correlationId, timeout, traceId), timeout.toNanos(),
				TimeUnit.NANOSECONDS);
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
		ScheduledFuture<?> task = entry.timeoutTask;
		if (task != null) {
			task.cancel(false);
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
	 * Fail every waiting invocation (on destroy).
	 * @param error the error to fail them with
	 */
	public void failAll(Throwable error) {
		for (String correlationId : this.pending.keySet()) {
			Pending entry = this.pending.remove(correlationId);
			if (entry != null) {
				if (entry.timeoutTask != null) {
					entry.timeoutTask.cancel(false);
				}
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

	private void timeOut(String correlationId, Duration timeout, @Nullable String traceId) {
		Pending entry = this.pending.remove(correlationId);
		if (entry == null) {
			return;
		}
		this.timeouts.incrementAndGet();
		long now = System.currentTimeMillis();
		this.timedOut.put(correlationId, now);
		TIMER.schedule(() -> this.timedOut.remove(correlationId), LATE_WINDOW_MS, TimeUnit.MILLISECONDS);
		entry.future.completeExceptionally(new CommandTimeoutException(timeout, traceId));
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

		private volatile @Nullable ScheduledFuture<?> timeoutTask;

		Pending(CompletableFuture<CommandSuccessResponse> future) {
			this.future = future;
		}

	}

}
