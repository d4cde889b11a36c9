package dev.purista.core.queue;

import java.util.List;

/**
 * The optional inspection of a queue bridge: current figures of a queue and its active leases, for health,
 * metrics and operators. A bridge offers it through {@link QueueBridge#inspection()}; without it health comes
 * from {@link QueueBridge#isHealthy()} alone and no queue gauges are registered.
 * {@link #inspectLeases} works when {@link QueueCapabilities#leaseInspectionSupported()} and throws
 * {@link UnsupportedOperationException} otherwise.
 * <p>
 * Methods may block on I/O (a broker round trip) and are safe to call from many threads.
 */
public interface QueueInspection {

	/**
	 * List the active leases of a queue.
	 * @param queueName the queue
	 * @param limit how many to return at most
	 * @return the leases
	 */
	List<QueueLease> inspectLeases(String queueName, int limit);

	/**
	 * Current figures of a queue.
	 * @param queueName the queue
	 * @return the metrics
	 */
	QueueMetrics metrics(String queueName);

}
