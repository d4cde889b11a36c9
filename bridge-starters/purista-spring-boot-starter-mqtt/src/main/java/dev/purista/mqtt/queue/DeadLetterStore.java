package dev.purista.mqtt.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.PuristaException;
import dev.purista.core.message.Ids;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueMessage;

/**
 * Dead letters as retained messages, one per job, on {@code <prefix>/queue-dead-letter/<deadLetterQueue>/<jobId>}:
 * kept by the broker (across broker restarts with persistence on) until redriven or purged.
 * <p>
 * Reading a dead-letter queue subscribes to its filter, which makes the broker send every retained dead letter,
 * then publishes a barrier message (not retained) on the same filter and collects until the barrier comes back:
 * the broker sends the retained messages of a subscription before any message published after it (mosquitto
 * handles one client's packets in order), so everything stored is read. Reads are serialized per bridge.
 * Entries are ordered by the time they were dead-lettered (the user property
 * {@value #DEAD_LETTERED_AT}, microseconds, strictly increasing per process).
 */
final class DeadLetterStore {

	/** The user property with the dead-letter time, epoch microseconds. */
	static final String DEAD_LETTERED_AT = "purista-dead-lettered-at";

	private static final byte[] BARRIER = "barrier".getBytes(StandardCharsets.UTF_8);

	private final MqttQueueTopics topics;

	private final JobJson json;

	private final Supplier<MqttQueueClient> client;

	private final Duration timeout;

	private final AtomicLong lastStamp = new AtomicLong();

	private final Object readMonitor = new Object();

	private volatile @Nullable Collector collector;

	DeadLetterStore(MqttQueueTopics topics, JobJson json, Supplier<MqttQueueClient> client, Duration timeout) {
		this.topics = topics;
		this.json = json;
		this.client = client;
		this.timeout = timeout;
	}

	/**
	 * Store a dead letter and wait for the broker's acknowledgement.
	 * @param deadLetterQueue the dead-letter queue
	 * @param message the job, with its dead-letter reason header set
	 * @param delivery the job's publication number, kept for a redrive
	 */
	void publish(String deadLetterQueue, QueueMessage message, int delivery) {
		long stamp = this.lastStamp.updateAndGet((last) -> Math.max(last + 1, System.currentTimeMillis() * 1000));
		this.client.get()
			.publish(this.topics.deadLetter(deadLetterQueue, message.id()), this.json.write(message, "dead letter"),
					true, Mqtt5UserProperties.builder()
						.add(DEAD_LETTERED_AT, Long.toString(stamp))
						.add(LedgerEntry.DELIVERY, Integer.toString(delivery))
						.build(),
					"dead-letter a job");
	}

	/**
	 * Remove a dead letter (an empty retained message).
	 * @param deadLetterQueue the dead-letter queue
	 * @param jobId the job
	 */
	void delete(String deadLetterQueue, String jobId) {
		this.client.get()
			.publish(this.topics.deadLetter(deadLetterQueue, jobId), new byte[0], true,
					Mqtt5UserProperties.builder().build(), "delete a dead letter");
	}

	/**
	 * Read every dead letter of a queue, oldest first.
	 * @param deadLetterQueue the dead-letter queue
	 * @return the dead letters
	 */
	List<Stored> read(String deadLetterQueue) {
		synchronized (this.readMonitor) {
			String filter = this.topics.deadLetterFilter(deadLetterQueue);
			String barrier = "barrier-" + Ids.newUuid();
			Collector reading = new Collector(deadLetterQueue, barrier);
			this.collector = reading;
			MqttQueueClient current = this.client.get();
			try {
				current.subscribe(filter);
				current.publish(this.topics.deadLetter(deadLetterQueue, barrier), BARRIER, false,
						Mqtt5UserProperties.builder().build(), "read dead letters");
				if (!reading.done.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new PuristaException(MqttQueueBridge.NAME + " could not read the dead letters of '"
							+ deadLetterQueue + "' within " + this.timeout.toMillis() + " ms", null);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PuristaException(MqttQueueBridge.NAME + " was interrupted reading dead letters", ex);
			}
			finally {
				this.collector = null;
				try {
					current.unsubscribe(filter);
				}
				catch (RuntimeException ex) {
					// the next read subscribes again
				}
			}
			List<Stored> stored = new ArrayList<>(reading.entries);
			stored.sort(Comparator.comparingLong(Stored::deadLetteredAt));
			return stored;
		}
	}

	/**
	 * Take a received dead-letter message (called on the inbound thread).
	 * @param deadLetterQueue the dead-letter queue of its topic
	 * @param id the last topic level
	 * @param publish the message
	 */
	void onMessage(String deadLetterQueue, String id, Mqtt5Publish publish) {
		Collector reading = this.collector;
		if (reading == null || !reading.deadLetterQueue.equals(deadLetterQueue)) {
			return;
		}
		if (id.equals(reading.barrier)) {
			reading.done.countDown();
			return;
		}
		if (id.startsWith("barrier-")) {
			return;
		}
		QueueMessage message = this.json.read(publish.getPayloadAsBytes());
		if (message != null) {
			long at = LedgerEntry.property(publish, DEAD_LETTERED_AT).map(Long::parseLong).orElse(0L);
			int delivery = LedgerEntry.property(publish, LedgerEntry.DELIVERY).map(Integer::parseInt).orElse(1);
			reading.entries.add(new Stored(message, at, delivery));
		}
	}

	/**
	 * The reason a dead letter gets: the given one, else {@value QueueHeaders#REASON_MAX_ATTEMPTS_EXCEEDED}.
	 * @param reason the given reason
	 * @return the reason
	 */
	static String reason(@Nullable String reason) {
		return (reason != null) ? reason : QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED;
	}

	/**
	 * A stored dead letter.
	 * @param message the job
	 * @param deadLetteredAt when it was dead-lettered (epoch microseconds)
	 * @param delivery its last publication number
	 */
	record Stored(QueueMessage message, long deadLetteredAt, int delivery) {
	}

	private static final class Collector {

		final String deadLetterQueue;

		final String barrier;

		final List<Stored> entries = new ArrayList<>();

		final CountDownLatch done = new CountDownLatch(1);

		Collector(String deadLetterQueue, String barrier) {
			this.deadLetterQueue = deadLetterQueue;
			this.barrier = barrier;
		}

	}

}
