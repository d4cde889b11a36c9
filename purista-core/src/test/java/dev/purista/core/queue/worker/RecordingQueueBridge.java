package dev.purista.core.queue.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.purista.core.error.PuristaException;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLease;

/**
 * A bridge that delegates to another, records lease calls, extensions, acks, dead-letterings and nack delays, and
 * can fail
 * {@code leaseNext} on demand (a broker outage), {@code extendLease} (missed heartbeats) or every call (a worker
 * whose process is gone).
 */
class RecordingQueueBridge extends ForwardingQueueBridge {

	final AtomicBoolean failLeasing = new AtomicBoolean();

	final AtomicBoolean failExtending = new AtomicBoolean();

	final AtomicBoolean gone = new AtomicBoolean();

	final List<Long> leaseCallNanos = new CopyOnWriteArrayList<>();

	final AtomicInteger extensions = new AtomicInteger();

	final List<Duration> nackDelays = new CopyOnWriteArrayList<>();

	final List<DeadLetterRequest> deadLetters = new CopyOnWriteArrayList<>();

	final AtomicInteger acks = new AtomicInteger();

	RecordingQueueBridge(QueueBridge delegate) {
		super(delegate);
	}

	@Override
	public String name() {
		return "Recording" + super.name();
	}

	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		this.leaseCallNanos.add(System.nanoTime());
		if (this.failLeasing.get() || this.gone.get()) {
			throw new PuristaException("broker unreachable");
		}
		return super.leaseNext(queueName, waitTime);
	}

	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		this.extensions.incrementAndGet();
		if (this.failExtending.get() || this.gone.get()) {
			throw new PuristaException("broker unreachable");
		}
		super.extendLease(queueName, leaseId, extension);
	}

	@Override
	public void ack(String queueName, String leaseId) {
		this.acks.incrementAndGet();
		failIfGone();
		super.ack(queueName, leaseId);
	}

	@Override
	public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
		failIfGone();
		this.deadLetters.add(request);
		super.deadLetter(queueName, leaseId, request);
	}

	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		failIfGone();
		this.nackDelays.add(delay);
		super.nack(queueName, leaseId, reason, delay);
	}

	@Override
	public void release(String queueName, String leaseId) {
		failIfGone();
		super.release(queueName, leaseId);
	}

	private void failIfGone() {
		if (this.gone.get()) {
			throw new PuristaException("the worker's process is gone");
		}
	}

}
