package dev.purista.nats.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueMessage;

/**
 * The dead-letter streams of a {@link NatsQueueBridge}: {@code <prefix>.<queue>.dead-letter} on a stream with
 * {@code Limits} retention, created on first use. Writes dead letters (jobs with
 * {@value QueueHeaders#DEAD_LETTER_REASON}, and messages that are not PURISTA jobs with that NATS header set to
 * {@value NatsQueueBridge#REASON_CORRUPT_JOB}), reads them by stream sequence, deletes and purges them.
 */
final class DeadLetterQueues {

	private static final Log logger = LogFactory.getLog(NatsQueueBridge.class);

	private final JetStreamClient client;

	private final JobJson json;

	private final NatsQueueNames names;

	private final Set<String> created = ConcurrentHashMap.newKeySet();

	DeadLetterQueues(JetStreamClient client, JobJson json, NatsQueueNames names) {
		this.client = client;
		this.json = json;
		this.names = names;
	}

	/**
	 * Create the dead-letter stream of a queue unless this bridge did so before.
	 * @param queueName the queue (not its dead-letter queue)
	 */
	void ensureStream(String queueName) {
		if (this.created.contains(queueName)) {
			return;
		}
		this.client.ensureStream(this.names.deadLetterStream(queueName), this.names.deadLetterSubject(queueName),
				RetentionPolicy.Limits, queueName);
		this.created.add(queueName);
	}

	/**
	 * Publish a job to a queue's dead-letter subject, not leased, with the reason header when given.
	 * @param queueName the queue whose dead-letter subject receives the job
	 * @param message the job
	 * @param reason the dead-letter reason, or {@code null}
	 */
	void publish(String queueName, QueueMessage message, @Nullable String reason) {
		ensureStream(queueName);
		QueueMessage deadLetter = message.withLeaseExpiresAt(0);
		if (reason != null) {
			deadLetter = deadLetter.withHeader(QueueHeaders.DEAD_LETTER_REASON, reason);
		}
		this.client.publish(this.names.deadLetterSubject(queueName), null, this.json.write(deadLetter, "job"),
				"dead-letter a job", queueName);
	}

	/**
	 * Move a delivered message that is not a PURISTA job to the queue's dead-letter subject as it is, with the
	 * NATS header {@value QueueHeaders#DEAD_LETTER_REASON}: {@value NatsQueueBridge#REASON_CORRUPT_JOB}, ack it
	 * and log a warning (once per message: it is acked, so JetStream does not deliver it again).
	 * @param queueName the queue
	 * @param delivered the message
	 */
	void deadLetterCorrupt(String queueName, Message delivered) {
		ensureStream(queueName);
		Headers headers = new Headers().put(QueueHeaders.DEAD_LETTER_REASON, NatsQueueBridge.REASON_CORRUPT_JOB);
		byte[] data = (delivered.getData() != null) ? delivered.getData() : new byte[0];
		this.client.publish(this.names.deadLetterSubject(queueName), headers, data, "dead-letter a corrupt job",
				queueName);
		this.client.ack(delivered, queueName, "dead-letter a corrupt job");
		logger.warn("A message on '" + delivered.getSubject() + "' is not a PURISTA job; moved to '"
				+ this.names.deadLetterSubject(queueName) + "' with reason " + NatsQueueBridge.REASON_CORRUPT_JOB);
	}

	/**
	 * Read the oldest dead letters of a dead-letter queue, skipping entries that are not PURISTA jobs.
	 * @param deadLetterQueueName the dead-letter queue ({@code <queue>.dead-letter})
	 * @param max how many to read at most
	 * @return the jobs with their stream sequences, oldest first
	 */
	List<StoredJob> read(String deadLetterQueueName, int max) {
		String target = NatsQueueNames.queueOfDeadLetterQueue(deadLetterQueueName);
		ensureStream(target);
		String stream = this.names.deadLetterStream(target);
		JetStreamManagement jsm = this.client.management();
		StreamInfo info = this.client.call("read dead letters", deadLetterQueueName, () -> jsm.getStreamInfo(stream));
		List<StoredJob> jobs = new ArrayList<>();
		if (info.getStreamState().getMsgCount() == 0) {
			return jobs;
		}
		for (long seq = info.getStreamState().getFirstSequence(); seq <= info.getStreamState().getLastSequence()
				&& jobs.size() < max; seq++) {
			MessageInfo stored = this.client.storedMessage(stream, seq, "read dead letters", deadLetterQueueName);
			if (stored == null) {
				continue;
			}
			QueueMessage message = this.json.read(stored.getData());
			if (message == null) {
				logger.warn("Dead-letter stream '" + stream + "' holds an entry that is not a PURISTA job (sequence "
						+ seq + "); skipped");
				continue;
			}
			jobs.add(new StoredJob(seq, message));
		}
		return jobs;
	}

	/**
	 * Delete one dead letter by its stream sequence.
	 * @param deadLetterQueueName the dead-letter queue
	 * @param sequence the entry's sequence
	 */
	void delete(String deadLetterQueueName, long sequence) {
		String stream = this.names.deadLetterStream(NatsQueueNames.queueOfDeadLetterQueue(deadLetterQueueName));
		this.client.call("delete a redriven dead letter", deadLetterQueueName,
				() -> this.client.management().deleteMessage(stream, sequence));
	}

	/**
	 * Delete every entry of a dead-letter queue.
	 * @param deadLetterQueueName the dead-letter queue
	 * @return how many were deleted
	 */
	long purge(String deadLetterQueueName) {
		String target = NatsQueueNames.queueOfDeadLetterQueue(deadLetterQueueName);
		ensureStream(target);
		return this.client.call("purge dead letters", deadLetterQueueName,
				() -> this.client.management().purgeStream(this.names.deadLetterStream(target)).getPurged());
	}

	/**
	 * Count a queue's dead letters.
	 * @param queueName the queue (not its dead-letter queue)
	 * @return the count
	 */
	long count(String queueName) {
		ensureStream(queueName);
		return this.client
			.call("read metrics", queueName,
					() -> this.client.management().getStreamInfo(this.names.deadLetterStream(queueName)))
			.getStreamState()
			.getMsgCount();
	}

	/**
	 * A dead letter and its stream sequence.
	 * @param sequence the sequence
	 * @param message the job
	 */
	record StoredJob(long sequence, QueueMessage message) {
	}

}
