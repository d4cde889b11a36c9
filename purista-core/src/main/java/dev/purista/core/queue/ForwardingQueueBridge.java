package dev.purista.core.queue;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A queue bridge that forwards every call to another one. Extend it to decorate a bridge (count calls, change
 * one aspect) without repeating the rest. The optional roles ({@link #deadLetterAdministration()},
 * {@link #inspection()}) are the delegate's own objects, so calls made through them do not pass through this
 * class: override the accessors to decorate them as well.
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
	public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
		this.delegate.deadLetter(queueName, leaseId, request);
	}

	/**
	 * The delegate's dead-letter administration: a forwarding bridge offers exactly the roles of the bridge it
	 * forwards to. Override it to decorate the administration too.
	 */
	@Override
	public Optional<DeadLetterAdministration> deadLetterAdministration() {
		return this.delegate.deadLetterAdministration();
	}

	/**
	 * The delegate's inspection: a forwarding bridge offers exactly the roles of the bridge it forwards to.
	 * Override it to decorate the inspection too.
	 */
	@Override
	public Optional<QueueInspection> inspection() {
		return this.delegate.inspection();
	}

}
