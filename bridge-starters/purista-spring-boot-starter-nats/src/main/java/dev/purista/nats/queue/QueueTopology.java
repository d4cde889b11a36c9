package dev.purista.nats.queue;

import java.time.Duration;

import io.nats.client.api.RetentionPolicy;

/**
 * One queue's JetStream topology as this bridge uses it: the pending and scheduled streams and their durable
 * pull consumers (created when missing, with TypeScript's names and settings), and the pull subscriptions this
 * instance fetches with.
 */
final class QueueTopology {

	/**
	 * How many pull subscriptions on the pending consumer one queue binds at most: the number of lease calls of
	 * one instance that fetch from a queue at the same time.
	 */
	static final int MAX_PENDING_SUBSCRIPTIONS = 32;

	final String queueName;

	final PullSubscriptionPool pending;

	final PullSubscriptionPool scheduled;

	final Duration ackWait;

	private volatile long nextReleaseCheck;

	private QueueTopology(String queueName, PullSubscriptionPool pending, PullSubscriptionPool scheduled,
			Duration ackWait) {
		this.queueName = queueName;
		this.pending = pending;
		this.scheduled = scheduled;
		this.ackWait = ackWait;
	}

	/**
	 * Create the queue's streams and consumers unless they exist and bind the first pull subscriptions.
	 * @param client the bridge's JetStream calls
	 * @param names the bridge's names
	 * @param queueName the queue
	 * @param leaseTtl the {@code ack_wait} of consumers this call creates
	 * @return the topology
	 */
	static QueueTopology create(JetStreamClient client, NatsQueueNames names, String queueName, Duration leaseTtl) {
		String pendingStream = names.pendingStream(queueName);
		String scheduledStream = names.scheduledStream(queueName);
		client.ensureStream(pendingStream, names.pendingSubject(queueName), RetentionPolicy.WorkQueue, queueName);
		client.ensureStream(scheduledStream, names.scheduledSubject(queueName), RetentionPolicy.WorkQueue, queueName);
		Duration ackWait = client.ensureConsumer(pendingStream, names.pendingConsumer(queueName),
				names.pendingSubject(queueName), leaseTtl, queueName);
		client.ensureConsumer(scheduledStream, names.scheduledConsumer(queueName), names.scheduledSubject(queueName),
				leaseTtl, queueName);
		PullSubscriptionPool pending = new PullSubscriptionPool(client, names.pendingSubject(queueName), pendingStream,
				names.pendingConsumer(queueName), queueName, MAX_PENDING_SUBSCRIPTIONS);
		PullSubscriptionPool scheduled = new PullSubscriptionPool(client, names.scheduledSubject(queueName),
				scheduledStream, names.scheduledConsumer(queueName), queueName, 1);
		return new QueueTopology(queueName, pending, scheduled, ackWait);
	}

	/**
	 * Whether it is time to look for due delayed jobs again, claiming the check for the caller when it is.
	 * @param now the time, epoch milliseconds
	 * @param period how long to wait between checks
	 * @return {@code true} when the caller should check
	 */
	boolean claimReleaseCheck(long now, long period) {
		long next = this.nextReleaseCheck;
		if (now < next) {
			return false;
		}
		this.nextReleaseCheck = now + period;
		return true;
	}

}
