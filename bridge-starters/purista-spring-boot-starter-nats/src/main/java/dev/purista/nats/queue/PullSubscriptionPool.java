package dev.purista.nats.queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import org.jspecify.annotations.Nullable;

/**
 * Pull subscriptions bound to one durable consumer, so that concurrent lease calls fetch at the same time: each
 * fetch borrows a subscription of its own (one is bound when none is idle, up to a limit) and gives it back
 * afterwards. A message the server delivers after a fetch gave up waiting stays in its subscription; the next
 * fetch prefers a subscription holding such a message, so it is leased rather than left until {@code ack_wait}.
 */
final class PullSubscriptionPool {

	private final JetStreamClient client;

	private final String subject;

	private final PullSubscribeOptions binding;

	private final String queueName;

	private final int maxSubscriptions;

	private final LinkedBlockingDeque<JetStreamSubscription> idle = new LinkedBlockingDeque<>();

	private final AtomicInteger bound = new AtomicInteger();

	PullSubscriptionPool(JetStreamClient client, String subject, String stream, String consumer, String queueName,
			int maxSubscriptions) {
		this.client = client;
		this.subject = subject;
		this.binding = PullSubscribeOptions.bind(stream, consumer);
		this.queueName = queueName;
		this.maxSubscriptions = maxSubscriptions;
		this.idle.add(subscribe());
		this.bound.set(1);
	}

	/**
	 * Fetch one message on a subscription of the caller's own.
	 * @param waitMs how long to wait for a message (at least 1)
	 * @return the message, or {@code null} when none arrived in time
	 */
	@Nullable Message fetch(long waitMs) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
		JetStreamSubscription subscription = borrow(waitMs);
		if (subscription == null) {
			return null;
		}
		try {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			List<Message> fetched = subscription.fetch(1, Duration.ofMillis(Math.max(1, left)));
			return fetched.isEmpty() ? null : fetched.get(0);
		}
		catch (IllegalStateException ex) {
			throw this.client.fetchFailure(ex);
		}
		finally {
			this.idle.offerFirst(subscription);
		}
	}

	/**
	 * How many subscriptions are bound.
	 * @return the count
	 */
	int size() {
		return this.bound.get();
	}

	private @Nullable JetStreamSubscription borrow(long waitMs) {
		for (JetStreamSubscription candidate : this.idle) {
			if (candidate.getPendingMessageCount() > 0 && this.idle.removeFirstOccurrence(candidate)) {
				return candidate;
			}
		}
		JetStreamSubscription subscription = this.idle.pollFirst();
		if (subscription != null) {
			return subscription;
		}
		int count = this.bound.get();
		while (count < this.maxSubscriptions) {
			if (this.bound.compareAndSet(count, count + 1)) {
				try {
					return subscribe();
				}
				catch (RuntimeException ex) {
					this.bound.decrementAndGet();
					throw ex;
				}
			}
			count = this.bound.get();
		}
		try {
			return this.idle.pollFirst(waitMs, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private JetStreamSubscription subscribe() {
		return this.client.call("subscribe to consumer " + this.binding.getDurable(), this.queueName,
				() -> this.client.jetStream().subscribe(this.subject, this.binding));
	}

}
