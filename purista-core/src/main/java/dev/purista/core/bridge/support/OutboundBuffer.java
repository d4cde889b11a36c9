package dev.purista.core.bridge.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.OutboundStatus;

/**
 * The bounded first-in-first-out buffer in which a networked bridge keeps what it produced while it could not
 * publish (its broker connection was down): command responses, events, subscription retries and dead letters.
 * The bridge {@link #offer offers} a {@link Publication} when publishing is impossible, and {@link #flush flushes}
 * once it has reconnected; {@link #discard} at shutdown drops what is left and logs how much, never payloads.
 * <p>
 * Thread-safe. {@link #offer} never blocks on the broker; {@link #isEmpty()}, asked before every publish, takes
 * no lock; {@link #flush} runs the publications on the calling thread, one flush at a time.
 */
public final class OutboundBuffer {

	/** How often the broker may refuse a buffered message while connected before it is given up. */
	static final int MAX_REFUSALS = 5;

	private static final Log logger = LogFactory.getLog(OutboundBuffer.class);

	private static final long REJECTION_LOG_INTERVAL_NANOS = 5_000_000_000L;

	private final OutboundBufferLimits limits;

	private final String owner;

	private final Deque<Entry> entries = new ArrayDeque<>();

	private final ReentrantLock flushLock = new ReentrantLock();

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong unpublishedAtShutdown = new AtomicLong();

	private long bytes;

	/** The number of entries, readable without the lock: every publish asks {@link #isEmpty()}. */
	private volatile int size;

	private long lastRejectionLog;

	private boolean rejectionLogged;

	private long rejectedSinceLog;

	/**
	 * Create a buffer.
	 * @param limits its bounds
	 * @param owner the bridge's name and instance id, for log messages
	 */
	public OutboundBuffer(OutboundBufferLimits limits, String owner) {
		this.limits = limits;
		this.owner = owner;
	}

	/**
	 * Keep a publication until {@link #flush}, if it fits within the bounds.
	 * @param publication what to publish later
	 * @return {@code true} if kept; {@code false} if the buffer is full (the publication is counted as rejected
	 * and logged, at most every few seconds, with counts)
	 */
	public boolean offer(Publication publication) {
		synchronized (this.entries) {
			if (this.entries.size() >= this.limits.maxMessages()
					|| this.bytes + publication.size() > this.limits.maxBytes()) {
				this.rejected.incrementAndGet();
				logRejection(publication);
				return false;
			}
			this.entries.addLast(new Entry(publication));
			this.bytes += publication.size();
			this.size = this.entries.size();
			return true;
		}
	}

	/**
	 * Whether nothing waits to be published.
	 * @return {@code true} when empty
	 */
	public boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Publish the buffered publications in order, until the buffer is empty or one fails. A failed publication
	 * stays first in line, unless the broker refused it {@value #MAX_REFUSALS} times while {@code connected} said
	 * the bridge was connected: then it is given up, logged and counted as failed. Returns at once when another
	 * thread is flushing.
	 * @param connected whether the bridge is connected now (asked after a failure)
	 * @return how many publications were published
	 */
	public int flush(BooleanSupplier connected) {
		if (!this.flushLock.tryLock()) {
			return 0;
		}
		int count = 0;
		try {
			Entry entry;
			while ((entry = first()) != null) {
				try {
					entry.publication.publish();
				}
				catch (Exception ex) {
					if (!connected.getAsBoolean() || ++entry.refusals < MAX_REFUSALS) {
						logger.debug(this.owner + " could not publish buffered " + entry.publication.description()
								+ " yet: " + ex.getMessage());
						break;
					}
					remove(entry);
					this.failed.incrementAndGet();
					logger.error(this.owner + " gave up buffered " + entry.publication.description() + " after "
							+ MAX_REFUSALS + " refusals while connected: " + ex.getMessage());
					continue;
				}
				remove(entry);
				this.published.incrementAndGet();
				count++;
			}
		}
		finally {
			this.flushLock.unlock();
		}
		if (count > 0) {
			logger.info(this.owner + " published " + count + " messages held while it was disconnected"
					+ (isEmpty() ? "" : "; " + status().bufferedMessages() + " still wait"));
		}
		return count;
	}

	/**
	 * Drop everything still buffered (at shutdown), counting it as unpublished and logging how many messages of
	 * which kinds and how many bytes were dropped.
	 * @return how many publications were dropped
	 */
	public int discard() {
		Map<String, Integer> kinds = new TreeMap<>();
		long droppedBytes;
		synchronized (this.entries) {
			this.entries.forEach((entry) -> kinds.merge(entry.publication.kind(), 1, Integer::sum));
			droppedBytes = this.bytes;
			this.entries.clear();
			this.bytes = 0;
			this.size = 0;
		}
		int dropped = kinds.values().stream().mapToInt(Integer::intValue).sum();
		if (dropped > 0) {
			this.unpublishedAtShutdown.addAndGet(dropped);
			logger.warn(this.owner + " stopped with " + dropped + " messages (" + droppedBytes
					+ " bytes) it could not publish, by kind " + kinds + "; they are lost");
		}
		return dropped;
	}

	/**
	 * A snapshot of the buffer.
	 * @return the status
	 */
	public OutboundStatus status() {
		synchronized (this.entries) {
			return new OutboundStatus(this.entries.size(), this.bytes, this.limits, this.published.get(),
					this.rejected.get(), this.failed.get(), this.unpublishedAtShutdown.get());
		}
	}

	private @Nullable Entry first() {
		synchronized (this.entries) {
			return this.entries.peekFirst();
		}
	}

	private void remove(Entry entry) {
		synchronized (this.entries) {
			if (this.entries.peekFirst() == entry) {
				this.entries.removeFirst();
				this.bytes -= entry.publication.size();
				this.size = this.entries.size();
			}
		}
	}

	private void logRejection(Publication publication) {
		this.rejectedSinceLog++;
		long now = System.nanoTime();
		if (!this.rejectionLogged || now - this.lastRejectionLog >= REJECTION_LOG_INTERVAL_NANOS) {
			logger.warn(this.owner + " refused " + publication.description() + " and " + (this.rejectedSinceLog - 1)
					+ " more since the last report: its outbound buffer is full (" + this.entries.size()
					+ " messages, " + this.bytes + " bytes; bounds " + this.limits.maxMessages() + " messages, "
					+ this.limits.maxBytes() + " bytes, set by purista.event-bridge.outbound-buffer.*); "
					+ this.rejected.get() + " refused in all");
			this.lastRejectionLog = now;
			this.rejectionLogged = true;
			this.rejectedSinceLog = 0;
		}
	}

	/**
	 * Something a bridge could not publish and will publish later.
	 */
	public interface Publication {

		/**
		 * What kind of message this is, e.g. {@code response}, {@code event}, {@code retry}, {@code dead-letter}
		 * (for counts in logs).
		 * @return the kind
		 */
		String kind();

		/**
		 * The message's kind and id, for log messages (never its payload).
		 * @return the description
		 */
		String description();

		/**
		 * How many bytes this publication holds (its encoded message).
		 * @return the size
		 */
		int size();

		/**
		 * Publish it now, waiting for the broker's confirm where the bridge does.
		 * @throws Exception if it could not be published
		 */
		void publish() throws Exception;

	}

	private static final class Entry {

		private final Publication publication;

		private int refusals;

		Entry(Publication publication) {
			this.publication = publication;
		}

	}

}
