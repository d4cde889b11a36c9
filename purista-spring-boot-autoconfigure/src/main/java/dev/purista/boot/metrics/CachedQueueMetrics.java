package dev.purista.boot.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueMetrics;

/**
 * The {@link QueueMetrics} of one queue, read from the bridge at most once per time-to-live, so that the
 * gauges of a queue read during one scrape share one {@link QueueInspection#metrics} call (one broker round
 * trip).
 * A failed read is remembered for the time-to-live too: a broker that is down is not asked again by every
 * gauge.
 * <p>
 * Thread-safe. {@link #get()} blocks while the bridge is being read, so concurrent scrapes wait for one read
 * instead of each starting their own.
 */
final class CachedQueueMetrics {

	private static final Log logger = LogFactory.getLog(CachedQueueMetrics.class);

	private final QueueInspection inspection;

	private final String bridgeName;

	private final String queue;

	private final long timeToLiveNanos;

	private final LongSupplier nanoClock;

	private @Nullable QueueMetrics metrics;

	private long readAt;

	private boolean read;

	/**
	 * Create the cache.
	 * @param inspection the queue bridge's inspection to read
	 * @param bridgeName the queue bridge's name, for logs
	 * @param queue the queue
	 * @param timeToLive how long a read result is reused
	 * @param nanoClock the monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
	 */
	CachedQueueMetrics(QueueInspection inspection, String bridgeName, String queue, Duration timeToLive,
			LongSupplier nanoClock) {
		this.inspection = inspection;
		this.bridgeName = bridgeName;
		this.queue = queue;
		this.timeToLiveNanos = timeToLive.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * The queue's metrics, read from the bridge when the last read is older than the time-to-live.
	 * @return the metrics, or {@code null} when the bridge could not provide them
	 */
	synchronized @Nullable QueueMetrics get() {
		long now = this.nanoClock.getAsLong();
		if (!this.read || now - this.readAt >= this.timeToLiveNanos) {
			this.metrics = readNow();
			this.readAt = now;
			this.read = true;
		}
		return this.metrics;
	}

	private @Nullable QueueMetrics readNow() {
		try {
			return this.inspection.metrics(this.queue);
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Metrics of queue '" + this.queue + "' unavailable from " + this.bridgeName + ": "
						+ ex.getClass().getName());
			}
			return null;
		}
	}

}
