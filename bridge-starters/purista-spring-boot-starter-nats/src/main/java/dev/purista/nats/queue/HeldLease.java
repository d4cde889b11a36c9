package dev.purista.nats.queue;

import io.nats.client.Message;

import dev.purista.core.error.PuristaException;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueMessage;

/**
 * A lease this bridge holds: the delivered JetStream message (settled when the lease ends) and what the leased
 * job looks like. The job is read again from the delivered bytes when the lease ends in a republish, so the
 * copy handed to the worker is the only one built per lease and the worker's changes to it do not leak into
 * the queue.
 */
final class HeldLease {

	final String queueName;

	final String leaseId;

	final Message delivered;

	final String jobId;

	final int attempt;

	final long leasedAt;

	volatile long expiresAt;

	private final boolean redelivered;

	HeldLease(String queueName, String leaseId, Message delivered, String jobId, int attempt, boolean redelivered,
			long leasedAt, long expiresAt) {
		this.queueName = queueName;
		this.leaseId = leaseId;
		this.delivered = delivered;
		this.jobId = jobId;
		this.attempt = attempt;
		this.redelivered = redelivered;
		this.leasedAt = leasedAt;
		this.expiresAt = expiresAt;
	}

	/**
	 * The leased job as stored when leased: attempt counted, lease expiry set, and the retry reason
	 * {@code lease_expired} when JetStream delivered it again.
	 * @param json reads the delivered bytes
	 * @return the job
	 */
	QueueMessage message(JobJson json) {
		QueueMessage body = json.read(this.delivered.getData());
		if (body == null) {
			throw new PuristaException("The job of lease " + this.leaseId + " of queue '" + this.queueName
					+ "' could not be read again", null);
		}
		return held(body, this.redelivered, this.attempt, this.expiresAt);
	}

	/**
	 * A delivered job as a lease holds it.
	 * @param body the job as stored
	 * @param redelivered whether JetStream delivered it before (its last holder did not settle it)
	 * @param attempt the lease's attempt
	 * @param leaseExpiresAt when the lease expires
	 * @return the job
	 */
	static QueueMessage held(QueueMessage body, boolean redelivered, int attempt, long leaseExpiresAt) {
		QueueMessage message = redelivered
				? body.withHeader(QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED) : body;
		return withAttempt(message, attempt, leaseExpiresAt);
	}

	static QueueMessage withAttempt(QueueMessage message, int attempt, long leaseExpiresAt) {
		return new QueueMessage(message.id(), message.queueName(), message.payload(), message.parameter(),
				message.headers(), message.createdAt(), message.scheduledAt(), message.priority(), attempt,
				message.maxAttempts(), leaseExpiresAt, message.leaseTtlMs(), message.traceId(), message.parentSpanId(),
				message.correlationId(), message.idempotencyKey(), message.extensions());
	}

	@Override
	public String toString() {
		return "lease " + this.leaseId + " of job " + this.jobId + " on queue '" + this.queueName + "'";
	}

}
