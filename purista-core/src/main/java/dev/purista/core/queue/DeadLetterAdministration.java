package dev.purista.core.queue;

import java.util.List;

/**
 * The optional dead-letter administration of a queue bridge: read, replay and delete dead-lettered jobs. A
 * bridge offers it through {@link QueueBridge#deadLetterAdministration()}; its capability flags say which of
 * the three operations work ({@link QueueCapabilities#deadLetterInspectSupported()},
 * {@link QueueCapabilities#deadLetterReplaySupported()}, {@link QueueCapabilities#deadLetterPurgeSupported()}),
 * and an operation whose flag is off throws {@link UnsupportedOperationException}.
 * <p>
 * Methods may block on I/O (a broker round trip) and are safe to call from many threads.
 */
public interface DeadLetterAdministration {

	/**
	 * Read dead-lettered jobs without removing them.
	 * @param queueName the dead-letter queue's name
	 * @param offset how many to skip
	 * @param limit how many to return at most
	 * @return the jobs, oldest first
	 */
	List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit);

	/**
	 * Move dead-lettered jobs back to their queue, due at once.
	 * @param queueName the dead-letter queue's name
	 * @param limit how many to move at most
	 * @return how many were moved
	 */
	int redriveDeadLetter(String queueName, int limit);

	/**
	 * Delete all jobs of a dead-letter queue.
	 * @param queueName the dead-letter queue's name
	 * @return how many were deleted
	 */
	int purgeDeadLetter(String queueName);

}
