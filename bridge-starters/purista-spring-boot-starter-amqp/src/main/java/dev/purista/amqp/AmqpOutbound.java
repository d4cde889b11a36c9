package dev.purista.amqp;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.purista.core.bridge.OutboundStatus;
import dev.purista.core.bridge.support.OutboundBuffer;
import dev.purista.core.error.OutboundBufferFullException;

/**
 * What an {@link AmqpEventBridge} publishes apart from its own commands: responses, events, subscription retries
 * and dead letters. Each is published at once while the bridge is connected; while it is not (or when publishing
 * fails), it waits in the {@link OutboundBuffer} and is published, in order, once the bridge has reconnected and
 * declared its queues again, or at the latest on the next retry a second later.
 * <p>
 * Events, retries, dead letters and responses that carry an event name (a command's success event) go through
 * the {@link ConfirmedPublisher}; other responses through the plain template, without a confirm.
 */
final class AmqpOutbound {

	private static final Log logger = LogFactory.getLog(AmqpOutbound.class);

	private static final long RETRY_INTERVAL_MILLIS = 1000;

	private final RabbitTemplate template;

	private final ConfirmedPublisher confirmed;

	private final AmqpTopology topology;

	private final OutboundBuffer buffer;

	private final String owner;

	private final ScheduledThreadPoolExecutor flusher;

	private final AtomicBoolean retryScheduled = new AtomicBoolean();

	/**
	 * Create the outbound side of a bridge.
	 * @param template the template on the main connection factory (no confirms)
	 * @param confirmed the publisher on the confirming connection factory
	 * @param topology the bridge's topology, which tells whether it is connected
	 * @param buffer where publications wait while disconnected
	 * @param owner the bridge's name and instance id, for log messages and the flushing thread's name
	 */
	AmqpOutbound(RabbitTemplate template, ConfirmedPublisher confirmed, AmqpTopology topology, OutboundBuffer buffer,
			String owner) {
		this.template = template;
		this.confirmed = confirmed;
		this.topology = topology;
		this.buffer = buffer;
		this.owner = owner;
		this.flusher = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "purista-amqp-outbound");
			thread.setDaemon(true);
			return thread;
		});
		this.flusher.setKeepAliveTime(10, TimeUnit.SECONDS);
		this.flusher.allowCoreThreadTimeOut(true);
	}

	/**
	 * Publish a command's response to the exchange.
	 * @param exchange the exchange
	 * @param response the response, with its {@code replyTo} header
	 * @param messageId the response's message id (for logs)
	 * @param eventName the success event name it carries, or {@code null}: a response with one is an event for
	 * subscriptions too, and is published with a confirm
	 * @param onPublished called once the response was handed to RabbitMQ (at once or after waiting)
	 * @return {@code true} if published now, {@code false} if it waits in the buffer
	 * @throws OutboundBufferFullException if it had to wait and the buffer is full
	 */
	boolean response(String exchange, Message response, String messageId, @Nullable String eventName,
			Runnable onPublished) {
		return send(new AmqpPublication("response", messageId, response, () -> {
			if (eventName != null) {
				this.confirmed.publish(exchange, "", response);
			}
			else {
				this.template.send(exchange, "", response);
			}
			onPublished.run();
		}));
	}

	/**
	 * Publish an event (or any message emitted by a service) to the exchange, with a confirm.
	 * @param exchange the exchange
	 * @param event the message
	 * @param messageId its message id (for logs)
	 * @throws OutboundBufferFullException if it had to wait and the buffer is full
	 */
	void event(String exchange, Message event, String messageId) {
		send(new AmqpPublication("event", messageId, event, () -> this.confirmed.publish(exchange, "", event)));
	}

	/**
	 * Publish a received subscription message again for its next attempt.
	 * @param received the received message
	 * @param queue the subscription's queue
	 * @param nextAttempt the attempt the copy will be
	 * @param delay the delay
	 * @param durable whether the subscription is durable
	 * @throws OutboundBufferFullException if it had to wait and the buffer is full
	 */
	void retry(Message received, String queue, int nextAttempt, Duration delay, boolean durable) {
		send(new AmqpPublication("retry", received.getMessageProperties().getMessageId(), received,
				() -> this.confirmed.retry(received, queue, nextAttempt, delay, durable)));
	}

	/**
	 * Copy a received message to a dead-letter queue with the reason.
	 * @param received the received message
	 * @param deadLetterQueue the dead-letter queue
	 * @param reason why, or {@code null}
	 * @throws OutboundBufferFullException if it had to wait and the buffer is full
	 */
	void deadLetter(Message received, String deadLetterQueue, @Nullable String reason) {
		send(new AmqpPublication("dead-letter", received.getMessageProperties().getMessageId(), received,
				() -> this.confirmed.deadLetter(received, deadLetterQueue, reason)));
	}

	/**
	 * The bridge has reconnected and declared its queues again: publish what waits, now.
	 */
	void reconnected() {
		if (!this.buffer.isEmpty()) {
			this.flusher.execute(this::flush);
		}
	}

	/**
	 * At shutdown: publish what waits while connected, until done or the deadline passed.
	 * @param deadline the {@link System#nanoTime()} to stop at
	 */
	void flushUntil(long deadline) {
		while (!this.buffer.isEmpty() && this.topology.isConnected() && System.nanoTime() < deadline) {
			this.buffer.flush(this.topology::isConnected);
			if (!this.buffer.isEmpty()) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
			}
		}
	}

	/**
	 * Stop publishing: drop (and log the counts of) what still waits and stop the flushing thread.
	 */
	void close() {
		this.flusher.shutdownNow();
		this.buffer.discard();
	}

	/**
	 * The buffer's status.
	 * @return the status
	 */
	OutboundStatus status() {
		return this.buffer.status();
	}

	private boolean send(AmqpPublication publication) {
		if (this.buffer.isEmpty() && this.topology.isConnected()) {
			try {
				publication.publish();
				return true;
			}
			catch (AmqpException ex) {
				logger.debug(this.owner + " keeps " + publication.description() + " until it can publish it: "
						+ ex.getMessage());
			}
		}
		if (!this.buffer.offer(publication)) {
			OutboundStatus status = this.buffer.status();
			throw new OutboundBufferFullException(this.owner + " could not publish " + publication.description()
					+ ": it is disconnected from RabbitMQ and its outbound buffer is full (" + status.bufferedMessages()
					+ " messages, " + status.bufferedBytes() + " bytes; raise purista.event-bridge.outbound-buffer"
					+ ".max-messages or .max-bytes, e.g. max-messages=50000)", null);
		}
		scheduleRetry();
		return false;
	}

	private void flush() {
		if (this.topology.isConnected()) {
			this.buffer.flush(this.topology::isConnected);
		}
		if (!this.buffer.isEmpty()) {
			scheduleRetry();
		}
	}

	private void scheduleRetry() {
		if (this.retryScheduled.compareAndSet(false, true)) {
			try {
				this.flusher.schedule(() -> {
					this.retryScheduled.set(false);
					flush();
				}, RETRY_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// closed: what is left was discarded and counted
				this.retryScheduled.set(false);
			}
		}
	}

	/**
	 * One message to publish, with how to publish it.
	 */
	private record AmqpPublication(String kind, @Nullable String messageId, Message message,
			Runnable action) implements OutboundBuffer.Publication {

		@Override
		public String description() {
			return this.kind + " " + this.messageId;
		}

		@Override
		public int size() {
			return this.message.getBody().length;
		}

		@Override
		public void publish() {
			this.action.run();
		}

	}

}
