package dev.purista.core.queue;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A queue bridge that forwards every call to another one. Extend it to decorate a bridge (count calls, change
 * one aspect) without repeating the rest.
 */
public class ForwardingQueueBridge implements QueueBridge {

	private final QueueBridge delegate;

	/**
	 * Create a bridge forwarding to another.
	 * @param delegate the bridge to forward to
	 */
	public ForwardingQueueBridge(QueueBridge delegate) {
		this.delegate = delegate;
	}

	@Override
	public String name() {
		return this.delegate.name();
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
		return this.delegate.leaseNext(queueName, waitTime);
	}

	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		this.delegate.extendLease(queueName, leaseId, extension);
	}

	@Override
	public void ack(String queueName, String leaseId) {
		this.delegate.ack(queueName, leaseId);
	}

	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
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
