package dev.purista.nats.queue;

import java.time.Duration;

import io.nats.client.Message;

import dev.purista.core.queue.QueueMessage;

/**
 * Moves due delayed jobs from a queue's scheduled consumer to its pending subject (JetStream on nats-server 2.9
 * has no delayed delivery): a job not yet due is {@code nak}ed with its remaining delay, a due one published to
 * pending and then acked; a message that is not a PURISTA job is dead-lettered with reason
 * {@value NatsQueueBridge#REASON_CORRUPT_JOB}. Lease calls run it, at most every {@code min(50 ms, poll interval)}.
 */
final class DelayedJobRelease {

	private final JetStreamClient client;

	private final JobJson json;

	private final NatsQueueNames names;

	private final DeadLetterQueues deadLetters;

	private final int batchSize;

	private final long period;

	DelayedJobRelease(JetStreamClient client, JobJson json, NatsQueueNames names, DeadLetterQueues deadLetters,
			int batchSize, Duration pollInterval) {
		this.client = client;
		this.json = json;
		this.names = names;
		this.deadLetters = deadLetters;
		this.batchSize = batchSize;
		this.period = Math.min(50, pollInterval.toMillis());
	}

	/**
	 * Release the queue's due jobs, up to the batch size, unless another call did so less than a period ago.
	 * @param topology the queue
	 */
	void releaseDueJobs(QueueTopology topology) {
		if (!topology.claimReleaseCheck(System.currentTimeMillis(), this.period)) {
			return;
		}
		for (int i = 0; i < this.batchSize; i++) {
			Message delivered = topology.scheduled.fetch(1);
			if (delivered == null) {
				return;
			}
			QueueMessage message = this.json.read(delivered.getData());
			if (message == null) {
				this.deadLetters.deadLetterCorrupt(topology.queueName, delivered);
				continue;
			}
			long scheduledAt = (message.scheduledAt() != null) ? message.scheduledAt() : 0;
			long wait = scheduledAt - System.currentTimeMillis();
			if (wait > 0) {
				delivered.nakWithDelay(Duration.ofMillis(wait));
				continue;
			}
			this.client.publish(this.names.pendingSubject(topology.queueName), null, delivered.getData(),
					"release a delayed job", topology.queueName);
			this.client.ack(delivered, topology.queueName, "release a delayed job");
		}
	}

}
