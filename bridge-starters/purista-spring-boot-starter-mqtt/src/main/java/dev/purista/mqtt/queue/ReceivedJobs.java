package dev.purista.mqtt.queue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The jobs this instance received and has not leased yet, per queue in the order they arrived. A job becomes
 * leasable when it is due. Waiting lease calls are woken when a job arrives. Thread-safe.
 */
final class ReceivedJobs {

	private final Object monitor = new Object();

	private final Map<String, LinkedHashMap<String, Received>> queues = new LinkedHashMap<>();

	/**
	 * Keep a received job, unless a copy of the same or a later publication is kept already.
	 * @param queueName the queue
	 * @param received the job
	 * @return whether it was added
	 */
	boolean add(String queueName, Received received) {
		synchronized (this.monitor) {
			LinkedHashMap<String, Received> jobs = this.queues.computeIfAbsent(queueName, (name) -> new LinkedHashMap<>());
			Received existing = jobs.get(received.jobId());
			if (existing != null && existing.delivery() >= received.delivery()) {
				return false;
			}
			jobs.remove(received.jobId());
			jobs.put(received.jobId(), received);
			this.monitor.notifyAll();
			return true;
		}
	}

	/**
	 * Take the first job that arrived of those that are due.
	 * @param queueName the queue
	 * @param now the time
	 * @return the job, or {@code null} when none is due
	 */
	@Nullable Received takeDue(String queueName, long now) {
		synchronized (this.monitor) {
			LinkedHashMap<String, Received> jobs = this.queues.get(queueName);
			if (jobs == null) {
				return null;
			}
			for (Iterator<Received> iterator = jobs.values().iterator(); iterator.hasNext();) {
				Received received = iterator.next();
				if (received.scheduledAt() <= now) {
					iterator.remove();
					return received;
				}
			}
			return null;
		}
	}

	/**
	 * When the next job of a queue becomes due.
	 * @param queueName the queue
	 * @return epoch ms, {@link Long#MAX_VALUE} when there is none
	 */
	long nextDue(String queueName) {
		synchronized (this.monitor) {
			LinkedHashMap<String, Received> jobs = this.queues.get(queueName);
			long next = Long.MAX_VALUE;
			if (jobs != null) {
				for (Received received : jobs.values()) {
					next = Math.min(next, received.scheduledAt());
				}
			}
			return next;
		}
	}

	/**
	 * Whether a job is kept here.
	 * @param queueName the queue
	 * @param jobId the job
	 * @return whether it is
	 */
	boolean holds(String queueName, String jobId) {
		synchronized (this.monitor) {
			LinkedHashMap<String, Received> jobs = this.queues.get(queueName);
			return jobs != null && jobs.containsKey(jobId);
		}
	}

	/**
	 * Drop a kept job (a later publication of it exists elsewhere).
	 * @param queueName the queue
	 * @param jobId the job
	 */
	void remove(String queueName, String jobId) {
		synchronized (this.monitor) {
			LinkedHashMap<String, Received> jobs = this.queues.get(queueName);
			if (jobs != null) {
				jobs.remove(jobId);
			}
		}
	}

	/**
	 * Take every kept job, for handing them back on shutdown.
	 * @return the jobs
	 */
	List<Received> drain() {
		synchronized (this.monitor) {
			List<Received> all = new ArrayList<>();
			this.queues.values().forEach((jobs) -> all.addAll(jobs.values()));
			this.queues.clear();
			return all;
		}
	}

	/**
	 * Wait until a job arrives or the time is up.
	 * @param millis how long to wait at most
	 * @throws InterruptedException if interrupted
	 */
	void await(long millis) throws InterruptedException {
		if (millis <= 0) {
			return;
		}
		synchronized (this.monitor) {
			this.monitor.wait(millis);
		}
	}

	/**
	 * A received job.
	 * @param queueName the queue
	 * @param jobId the job
	 * @param delivery its publication number
	 * @param scheduledAt when it is due (epoch ms)
	 * @param job the job JSON
	 */
	record Received(String queueName, String jobId, int delivery, long scheduledAt, byte[] job) {
	}

}
