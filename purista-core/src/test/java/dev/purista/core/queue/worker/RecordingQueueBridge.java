package dev.purista.core.queue.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.purista.core.error.PuristaException;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.QueueMetrics;

/**
 * A bridge that delegates to another, records lease calls, extensions and nack delays, and can fail
 * {@code leaseNext} on demand (a broker outage).
 */
class RecordingQueueBridge implements QueueBridge {

	private final QueueBridge delegate;

	final AtomicBoolean failLeasing = new AtomicBoolean();

	final List<Long> leaseCallNanos = new CopyOnWriteArrayList<>();

	final AtomicInteger extensions = new AtomicInteger();

	final List<Duration> nackDelays = new CopyOnWriteArrayList<>();

	RecordingQueueBridge(QueueBridge delegate) {
		this.delegate = delegate;
	}

	@Override
	public String name() {
		return "Recording" + this.delegate.name();
	}

	@Override
	public String instanceId() {
		return this.delegate.instanceId();
	}

	@Override
	public QueueCapabilities capabilities() {
		return this.delegate.capabilities();
	}

	@Override
	public void start() {
		this.delegate.start();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public boolean isHealthy() {
		return this.delegate.isHealthy();
	}

	@Override
	public void destroy() {
		this.delegate.destroy();
	}

	@Override
	public EnqueueResult enqueue(EnqueueRequest request) {
		return this.delegate.enqueue(request);
	}

	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		this.leaseCallNanos.add(System.nanoTime());
		if (this.failLeasing.get()) {
			throw new PuristaException("broker unreachable");
		}
		return this.delegate.leaseNext(queueName, waitTime);
	}

	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		this.extensions.incrementAndGet();
		this.delegate.extendLease(queueName, leaseId, extension);
	}

	@Override
	public void ack(String queueName, String leaseId) {
		this.delegate.ack(queueName, leaseId);
	}

	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		this.nackDelays.add(delay);
		this.delegate.nack(queueName, leaseId, reason, delay);
	}

	@Override
	public void release(String queueName, String leaseId) {
		this.delegate.release(queueName, leaseId);
	}

	@Override
	public void moveToDeadLetter(String deadLetterQueueName, QueueMessage message, @Nullable String reason) {
		this.delegate.moveToDeadLetter(deadLetterQueueName, message, reason);
	}

	@Override
	public List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit) {
		return this.delegate.peekDeadLetter(queueName, offset, limit);
	}

	@Override
	public int redriveDeadLetter(String queueName, int limit) {
		return this.delegate.redriveDeadLetter(queueName, limit);
	}

	@Override
	public int purgeDeadLetter(String queueName) {
		return this.delegate.purgeDeadLetter(queueName);
	}

	@Override
	public List<QueueLease> inspectLeases(String queueName, int limit) {
		return this.delegate.inspectLeases(queueName, limit);
	}

	@Override
	public QueueMetrics metrics(String queueName) {
		return this.delegate.metrics(queueName);
	}

}
