package dev.purista.mqtt.queue;

/**
 * A lease this instance holds. The leased job is kept as JSON and read again whenever it is needed, so the copy
 * handed to the worker is the only one a worker can change.
 */
final class HeldLease {

	final String queueName;

	final String leaseId;

	final String jobId;

	final int delivery;

	final long leasedAt;

	final byte[] job;

	volatile long expiresAt;

	HeldLease(String queueName, String leaseId, String jobId, int delivery, long leasedAt, long expiresAt,
			byte[] job) {
		this.queueName = queueName;
		this.leaseId = leaseId;
		this.jobId = jobId;
		this.delivery = delivery;
		this.leasedAt = leasedAt;
		this.expiresAt = expiresAt;
		this.job = job;
	}

	@Override
	public String toString() {
		return "lease " + this.leaseId + " of job " + this.jobId + " on queue '" + this.queueName + "'";
	}

}
