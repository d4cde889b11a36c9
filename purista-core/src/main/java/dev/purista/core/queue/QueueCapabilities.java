package dev.purista.core.queue;

/**
 * What a queue bridge can do, with PURISTA's capability flag names.
 *
 * @param delayedDelivery jobs can be scheduled for later
 * @param fifoOrdering due jobs are leased in enqueue order
 * @param partitions jobs can be partitioned
 * @param priorities priorities are honoured
 * @param deadLetterNative the broker dead-letters natively
 * @param exactlyOnce exactly-once delivery
 * @param maxBatchSize how many jobs one lease call returns at most
 * @param defaultDeadLetterPrefix prefix of the dead-letter queue name
 * @param defaultDeadLetterSuffix suffix of the dead-letter queue name
 * @param deadLetterInspectable dead letters are kept and can be read
 * @param deadLetterInspectSupported {@code peekDeadLetter} works
 * @param deadLetterReplaySupported {@code redriveDeadLetter} works
 * @param deadLetterPurgeSupported {@code purgeDeadLetter} works
 * @param leaseInspectionSupported {@code inspectLeases} works
 * @param idempotencyEnforcement a repeated idempotency key returns the first job instead of storing another
 * @param partitionOrdering order is kept per partition
 * @param providerManagedDelayedDelivery the broker schedules delayed jobs
 * @param strictStartupValidation definitions are checked against capabilities at start
 */
public record QueueCapabilities(boolean delayedDelivery, boolean fifoOrdering, boolean partitions,
		boolean priorities, boolean deadLetterNative, boolean exactlyOnce, int maxBatchSize,
		String defaultDeadLetterPrefix, String defaultDeadLetterSuffix, boolean deadLetterInspectable,
		boolean deadLetterInspectSupported, boolean deadLetterReplaySupported, boolean deadLetterPurgeSupported,
		boolean leaseInspectionSupported, boolean idempotencyEnforcement, boolean partitionOrdering,
		boolean providerManagedDelayedDelivery, boolean strictStartupValidation) {

	/**
	 * The dead-letter queue name the runtime uses for a queue.
	 * @param queueName the queue
	 * @return prefix + queue + suffix
	 */
	public String deadLetterQueueName(String queueName) {
		return this.defaultDeadLetterPrefix + queueName + this.defaultDeadLetterSuffix;
	}

}
