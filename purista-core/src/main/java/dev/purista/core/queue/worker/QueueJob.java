package dev.purista.core.queue.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;

/**
 * A leased job as a {@link QueueJobHandler} sees it: the lease, the job, a way to extend the lease and a
 * cancellation flag. Thread-safe.
 */
public final class QueueJob {

	private final QueueBridge bridge;

	private final QueueLease lease;

	private final BooleanSupplier runtimeStopping;

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile boolean released;

	private volatile boolean leaseLost;

	private volatile @Nullable ScheduledFuture<?> heartbeat;

	QueueJob(QueueBridge bridge, QueueLease lease, BooleanSupplier runtimeStopping) {
		this.bridge = bridge;
		this.lease = lease;
		this.runtimeStopping = runtimeStopping;
	}

	/**
	 * The lease the worker holds.
	 * @return the lease
	 */
	public QueueLease lease() {
		return this.lease;
	}

	/**
	 * The job as leased ({@code attempt} already counts this attempt).
	 * @return the job
	 */
	public QueueMessage message() {
		return this.lease.message();
	}

	/**
	 * The job id.
	 * @return the id
	 */
	public String id() {
		return this.lease.id();
	}

	/**
	 * The queue the job came from.
	 * @return the queue name
	 */
	public String queueName() {
		return this.lease.queueName();
	}

	/**
	 * This attempt's number, 1 for the first.
	 * @return the attempt
	 */
	public int attempt() {
		return this.lease.message().attempt();
	}

	/**
	 * The job payload as the bridge stored it (usually a JSON tree).
	 * @return the payload or {@code null}
	 */
	public @Nullable Object payload() {
		return this.lease.message().payload();
	}

	/**
	 * The job parameter as the bridge stored it (usually a JSON tree).
	 * @return the parameter or {@code null}
	 */
	public @Nullable Object parameter() {
		return this.lease.message().parameter();
	}

	/**
	 * The job headers.
	 * @return the headers
	 */
	public Map<String, String> headers() {
		return this.lease.message().headers();
	}

	/**
	 * Extend the lease to {@code extension} from now, in addition to automatic heartbeats. Blocks for the
	 * bridge round trip.
	 * @param extension the new lease time from now
	 * @throws dev.purista.core.error.PuristaException if the lease is lost (expired, or released by a stopping
	 * runtime)
	 */
	public void extendLease(Duration extension) {
		this.bridge.extendLease(this.lease.queueName(), this.lease.leaseId(), extension);
	}

	/**
	 * Whether the handler should stop early: the runtime is stopping, the lease was released because the
	 * runtime did not finish the job in time, or the lease was lost (it expired before a heartbeat could extend
	 * it). After a release the job's result is ignored; after a lost lease the bridge ignores it if another
	 * worker leased the job meanwhile. In both cases another worker may get the job.
	 * @return {@code true} when cancellation was requested
	 */
	public boolean isCancelRequested() {
		return this.released || this.leaseLost || this.runtimeStopping.getAsBoolean();
	}

	/**
	 * Whether the lease expired before a heartbeat could extend it, so another worker may run the job too.
	 * @return {@code true} once the lease was found lost
	 */
	public boolean isLeaseLost() {
		return this.leaseLost;
	}

	/**
	 * Claim the right to settle (ack, nack, dead-letter or release) the lease; only the first caller wins.
	 * @return {@code true} for the first caller
	 */
	boolean claimSettlement() {
		return this.settled.compareAndSet(false, true);
	}

	boolean isSettled() {
		return this.settled.get();
	}

	void markLeaseLost() {
		this.leaseLost = true;
	}

	void markReleased() {
		this.released = true;
	}

	void heartbeat(ScheduledFuture<?> heartbeat) {
		this.heartbeat = heartbeat;
		if (isSettled()) {
			heartbeat.cancel(false);
		}
	}

	void stopHeartbeat() {
		ScheduledFuture<?> current = this.heartbeat;
		if (current != null) {
			current.cancel(false);
		}
	}

}
