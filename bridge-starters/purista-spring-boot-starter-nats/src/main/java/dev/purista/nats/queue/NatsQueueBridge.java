package dev.purista.nats.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.PuristaException;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.DeadLetterAdministration;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueArguments;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.nats.NatsConnectionException;

/**
 * A {@link QueueBridge} on NATS JetStream that shares queues with TypeScript PURISTA's {@code NatsQueueBridge}:
 * the same subjects, streams, consumers and idempotency bucket ({@link NatsQueueNames}) and the same job JSON
 * ({@link QueueMessage}), so Java and TypeScript workers can lease from one queue.
 * <ul>
 * <li>Enqueue publishes the job to {@code <prefix>.<queue>.pending}, or to {@code .scheduled} when it is due
 * later. With an idempotency key the job id is {@code idem-<sha256>}, and a record
 * {@code {state, result, message, updatedAt}} is created in the key-value bucket before publishing and marked
 * {@code published} after; a repeated key returns the first result (waiting up to
 * {@link NatsQueueBridgeOptions#idempotencyPendingTimeout()} for a concurrent first enqueue, then 503).</li>
 * <li>{@link #leaseNext} moves due delayed jobs from the scheduled consumer to pending (a job not yet due is
 * {@code nak}ed with its remaining delay), then fetches one message from the durable pull consumer
 * {@code <queue>_pending_consumer} on a pull subscription of its own, so concurrent lease calls fetch at the same
 * time (up to {@value QueueTopology#MAX_PENDING_SUBSCRIPTIONS} subscriptions per queue);
 * {@code attempt = max(attempt + 1, deliveredCount)}.</li>
 * <li>{@link #nack}, {@link #release} and lease recovery republish the job (retry reason in
 * {@value QueueHeaders#LAST_RETRY_REASON}, {@code leaseExpiresAt} 0, {@code scheduledAt} now + delay) and then ack
 * the delivered message, as TypeScript does; exhausted jobs go to {@code <prefix>.<queue>.dead-letter} with
 * {@value QueueHeaders#DEAD_LETTER_REASON}.</li>
 * <li>Leases are held in this process, as in TypeScript: while a lease runs the bridge tells JetStream the job is
 * in progress (every third of the consumer's {@code ack_wait}); an expired lease is recovered by this bridge
 * (reason {@code lease_expired}), and the job of a bridge that died is redelivered by JetStream after
 * {@code ack_wait} and leased with reason {@code lease_expired} (dead-lettered when its attempts are
 * exhausted).</li>
 * <li>A message on a pending or scheduled stream that is not a PURISTA job is moved to the queue's dead-letter
 * subject as it is, with the NATS header {@value QueueHeaders#DEAD_LETTER_REASON}: {@value #REASON_CORRUPT_JOB},
 * acked and logged once (a warning); the lease call goes on with the next message.</li>
 * </ul>
 * The dead-letter queue of {@code q} is named {@code q.dead-letter}; see
 * {@link NatsQueueNames#queueOfDeadLetterQueue(String)}. The bridge owns its NATS connection: {@link #start()}
 * connects (named after the instance id unless the options name it), {@link #destroy()} gives back held leases
 * and closes it. Methods block on JetStream round trips and are safe to call from many threads.
 */
public final class NatsQueueBridge implements QueueBridge, DeadLetterAdministration, QueueInspection {

	/** The bridge's name, as in TypeScript PURISTA. */
	public static final String NAME = "NatsQueueBridge";

	/** The dead-letter reason of a message that is not a PURISTA job. */
	public static final String REASON_CORRUPT_JOB = "corrupt_job";

	private static final Log logger = LogFactory.getLog(NatsQueueBridge.class);

	private static final QueueCapabilities CAPABILITIES = QueueCapabilities.builder()
		.delayedDelivery(true)
		.fifoOrdering(true)
		.maxBatchSize(1)
		.defaultDeadLetterSuffix(NatsQueueNames.DEAD_LETTER_SUFFIX)
		.deadLetterInspectable(true)
		.deadLetterInspectSupported(true)
		.deadLetterReplaySupported(true)
		.deadLetterPurgeSupported(true)
		.leaseInspectionSupported(true)
		.idempotencyEnforcement(true)
		.strictStartupValidation(true)
		.build();

	private final Options natsOptions;

	private final NatsQueueBridgeOptions options;

	private final NatsQueueNames names;

	private final String instanceId;

	private final Object lifecycleMonitor = new Object();

	private final JobJson json;

	private final JetStreamClient client;

	private final DeadLetterQueues deadLetters;

	private final IdempotencyBucket idempotency;

	private final DelayedJobRelease delayedJobs;

	private final HeldLeases leases = new HeldLeases();

	private final Map<String, QueueTopology> topologies = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

	private volatile @Nullable Connection connection;

	private volatile boolean started;

	private volatile boolean destroyed;

	/**
	 * Create a bridge with TypeScript PURISTA's defaults.
	 * @param natsOptions how to connect to NATS
	 * @param codec the codec that writes and reads job JSON
	 */
	public NatsQueueBridge(Options natsOptions, MessageCodec codec) {
		this(natsOptions, codec, NatsQueueBridgeOptions.defaults());
	}

	/**
	 * Create a bridge.
	 * @param natsOptions how to connect to NATS
	 * @param codec the codec that writes and reads job JSON
	 * @param options the bridge's settings
	 */
	public NatsQueueBridge(Options natsOptions, MessageCodec codec, NatsQueueBridgeOptions options) {
		Objects.requireNonNull(natsOptions, "natsOptions");
		this.json = new JobJson(Objects.requireNonNull(codec, "codec"));
		this.options = Objects.requireNonNull(options, "options");
		this.names = new NatsQueueNames(options.subjectPrefix());
		this.instanceId = (options.instanceId() != null) ? options.instanceId() : Ids.newUuid();
		Options.Builder builder = new Options.Builder(natsOptions);
		if (natsOptions.getConnectionName() == null) {
			builder.connectionName(this.instanceId);
		}
		if (natsOptions.getMaxReconnect() == Options.DEFAULT_MAX_RECONNECT) {
			builder.maxReconnects(-1);
		}
		this.natsOptions = builder.build();
		this.client = new JetStreamClient(NAME, this.instanceId, this::connection, () -> this.destroyed,
				options.storageType());
		this.deadLetters = new DeadLetterQueues(this.client, this.json, this.names);
		this.idempotency = new IdempotencyBucket(this.client, this.json, this.names.idempotencyBucket(),
				options.idempotencyPendingTimeout());
		this.delayedJobs = new DelayedJobRelease(this.client, this.json, this.names, this.deadLetters,
				options.releaseBatchSize(), options.pollInterval());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public QueueCapabilities capabilities() {
		return CAPABILITIES;
	}

	/**
	 * The bridge's settings.
	 * @return the options
	 */
	public NatsQueueBridgeOptions options() {
		return this.options;
	}

	/**
	 * The JetStream names this bridge uses.
	 * @return the names
	 */
	public NatsQueueNames names() {
		return this.names;
	}

	/**
	 * Connect to NATS. Idempotent.
	 * @throws NatsConnectionException if no server can be reached
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			checkNotDestroyed("start");
			if (this.started) {
				return;
			}
			try {
				this.connection = Nats.connect(this.natsOptions);
			}
			catch (IOException ex) {
				throw new NatsConnectionException(NAME + " " + this.instanceId + " could not connect to NATS at "
						+ this.natsOptions.getServers() + ": " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new NatsConnectionException(NAME + " " + this.instanceId + " was interrupted connecting to NATS",
						ex);
			}
			this.started = true;
			logger.info(NAME + " " + this.instanceId + " connected to NATS at " + connection().getConnectedUrl());
		}
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	@Override
	public boolean isHealthy() {
		Connection current = this.connection;
		return isReady() && current != null && current.getStatus() == Connection.Status.CONNECTED;
	}

	/**
	 * Give back the leases this instance still holds (republished, due at once, attempts kept) and close the
	 * connection. Jobs stay in their streams.
	 */
	@Override
	public void destroy() {
		synchronized (this.lifecycleMonitor) {
			if (this.destroyed) {
				return;
			}
			for (HeldLease held : this.leases.all()) {
				try {
					if (this.leases.take(held)) {
						QueueMessage message = held.message(this.json);
						endLease(held, message.rescheduled(now(), message.headers()), null, "release");
						logger.info("Released unfinished job lease " + held.leaseId + " of queue '" + held.queueName
								+ "' on shutdown");
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Could not release lease " + held.leaseId + " of queue '" + held.queueName
							+ "' on shutdown; JetStream redelivers it after ack_wait: " + ex);
				}
			}
			this.destroyed = true;
			this.leases.shutdown();
			Connection current = this.connection;
			if (current != null) {
				try {
					current.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			logger.debug("Destroyed NATS queue bridge " + this.instanceId);
		}
	}

	@Override
	public EnqueueResult enqueue(EnqueueRequest request) {
		Objects.requireNonNull(request, "request");
		checkUsable("enqueue");
		QueueArguments.checkEnqueueRequest(request);
		String queueName = request.queueName();
		topology(queueName);
		long now = now();
		String idempotencyKey = request.idempotencyKey();
		String jobId = (idempotencyKey != null) ? NatsQueueNames.idempotentJobId(queueName, idempotencyKey)
				: Ids.newUuid();
		QueueMessage message = QueueMessage.enqueued(request, jobId, now, request.payload(), request.parameter(),
				this.options.defaultMaxAttempts(), this.options.defaultLeaseTtl().toMillis());
		EnqueueResult result = new EnqueueResult(jobId, queueName, Objects.requireNonNull(message.scheduledAt()));
		if (idempotencyKey == null) {
			publishJob(queueName, message, "enqueue a job");
			return result;
		}
		return this.idempotency.enqueue(queueName, idempotencyKey, message, result,
				() -> publishJob(queueName, message, "enqueue a job"));
	}

	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		Objects.requireNonNull(queueName, "queueName");
		checkUsable("leaseNext");
		QueueTopology topology = topology(queueName);
		long deadline = System.nanoTime() + QueueArguments.waitNanos(waitTime);
		long pollInterval = this.options.pollInterval().toMillis();
		while (true) {
			this.leases.recoverExpired(queueName, this::recover);
			this.delayedJobs.releaseDueJobs(topology);
			long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			Message delivered = topology.pending.fetch(Math.max(1, Math.min(remainingMs, pollInterval)));
			if (delivered != null) {
				QueueLease lease = lease(topology, delivered);
				if (lease != null) {
					return lease;
				}
			}
			if (deadline - System.nanoTime() <= 0 || Thread.currentThread().isInterrupted()) {
				return null;
			}
			checkUsable("leaseNext");
		}
	}

	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		checkUsable("extendLease");
		HeldLease held = this.leases.find(queueName, leaseId);
		if (held == null) {
			throw new PuristaException("Lease " + leaseId + " of queue '" + queueName
					+ "' is unknown: it was acked, nacked, released or recovered after it expired");
		}
		long now = now();
		if (now >= held.expiresAt) {
			throw new PuristaException(
					"Lease " + leaseId + " of queue '" + queueName + "' expired; extend leases before they expire");
		}
		held.expiresAt = now + Math.max(0, extension.toMillis());
		held.delivered.inProgress();
	}

	@Override
	public void ack(String queueName, String leaseId) {
		checkUsable("ack");
		HeldLease held = this.leases.take(queueName, leaseId, "ack");
		if (held != null) {
			this.client.ack(held.delivered, queueName, "ack");
		}
	}

	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		checkUsable("nack");
		HeldLease held = this.leases.take(queueName, leaseId, "nack");
		if (held == null) {
			return;
		}
		QueueMessage message = held.message(this.json);
		Map<String, String> headers = new LinkedHashMap<>(message.headers());
		if (reason != null) {
			headers.put(QueueHeaders.LAST_RETRY_REASON, reason);
		}
		QueueMessage retry = message.rescheduled(now() + Math.max(0, delay.toMillis()), headers);
		if (retry.attempt() >= retry.maxAttempts()) {
			endLease(held, retry, (reason != null) ? reason : QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED, "nack");
			return;
		}
		endLease(held, retry, null, "nack");
		this.retries.computeIfAbsent(queueName, (name) -> new AtomicLong()).incrementAndGet();
	}

	@Override
	public void release(String queueName, String leaseId) {
		checkUsable("release");
		HeldLease held = this.leases.take(queueName, leaseId, "release");
		if (held != null) {
			QueueMessage message = held.message(this.json);
			endLease(held, message.rescheduled(now(), message.headers()), null, "release");
		}
	}

	/**
	 * Publish the leased job to the dead-letter subject, then ack the delivered message. Not one atomic step on
	 * JetStream: when the ack fails after the publish, the job is dead-lettered and redelivered after
	 * {@code ack_wait} (leased again with reason {@code lease_expired}).
	 */
	@Override
	public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
		Objects.requireNonNull(request, "request");
		checkUsable("deadLetter");
		HeldLease held = this.leases.take(queueName, leaseId, "deadLetter");
		if (held == null) {
			return;
		}
		QueueMessage message = held.message(this.json).withLeaseExpiresAt(0);
		if (request.lastRetryReason() != null) {
			message = message.withHeader(QueueHeaders.LAST_RETRY_REASON, request.lastRetryReason());
		}
		String target = NatsQueueNames.queueOfDeadLetterQueue(request.deadLetterQueueName(queueName, CAPABILITIES));
		try {
			this.deadLetters.publish(target, message, request.reason());
		}
		catch (RuntimeException ex) {
			this.leases.put(held);
			throw ex;
		}
		this.client.ack(held.delivered, queueName, "deadLetter");
	}

	@Override
	public Optional<DeadLetterAdministration> deadLetterAdministration() {
		return Optional.of(this);
	}

	@Override
	public Optional<QueueInspection> inspection() {
		return Optional.of(this);
	}

	/**
	 * Read dead letters by stream sequence, as TypeScript does. An entry that is not a PURISTA job is skipped
	 * (and not counted for {@code offset}).
	 */
	@Override
	public List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit) {
		QueueArguments.checkRange(offset, limit);
		checkUsable("peekDeadLetter");
		List<QueueMessage> messages = new ArrayList<>();
		if (limit == 0) {
			return messages;
		}
		int skipped = 0;
		for (DeadLetterQueues.StoredJob stored : this.deadLetters.read(queueName, offset + limit)) {
			if (skipped < offset) {
				skipped++;
			}
			else {
				messages.add(stored.message());
			}
		}
		return messages;
	}

	/**
	 * Move the oldest dead letters back to the queue named in each job, due at once (at the end of the line);
	 * attempts and headers are kept, as TypeScript does. Each is published, then deleted from the dead-letter
	 * stream. Entries that are not PURISTA jobs stay.
	 */
	@Override
	public int redriveDeadLetter(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkUsable("redriveDeadLetter");
		int moved = 0;
		for (DeadLetterQueues.StoredJob stored : this.deadLetters.read(queueName, limit)) {
			QueueMessage message = stored.message().withLeaseExpiresAt(0);
			message = message.rescheduled(now(), message.headers());
			publishJob(message.queueName(), message, "redrive a dead letter");
			this.deadLetters.delete(queueName, stored.sequence());
			moved++;
		}
		return moved;
	}

	@Override
	public int purgeDeadLetter(String queueName) {
		checkUsable("purgeDeadLetter");
		return (int) this.deadLetters.purge(queueName);
	}

	/**
	 * The leases this instance holds on the queue (leases live in process memory, as in TypeScript).
	 */
	@Override
	public List<QueueLease> inspectLeases(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkUsable("inspectLeases");
		this.leases.recoverExpired(queueName, this::recover);
		List<QueueLease> found = new ArrayList<>();
		for (HeldLease held : this.leases.of(queueName, limit)) {
			found.add(new QueueLease(held.jobId, queueName, held.message(this.json), held.leaseId, held.leasedAt,
					held.expiresAt));
		}
		return found;
	}

	/**
	 * Read the queue's metrics from JetStream: {@code inflight} is the pending consumer's
	 * {@code num_ack_pending}, {@code pending} the rest of the pending stream plus the whole scheduled stream,
	 * {@code deadLetter} the messages of {@code <prefix>.<queue>.dead-letter}, {@code oldestAgeMs} the age of the
	 * oldest job in the pending and scheduled streams. {@code retries} counts the retries this instance scheduled
	 * since it started (JetStream keeps no such counter; TypeScript reports 0).
	 */
	@Override
	public QueueMetrics metrics(String queueName) {
		checkUsable("metrics");
		topology(queueName);
		this.leases.recoverExpired(queueName, this::recover);
		long deadLetterCount = this.deadLetters.count(queueName);
		JetStreamManagement jsm = this.client.management();
		StreamInfo pending = this.client.call("read metrics", queueName,
				() -> jsm.getStreamInfo(this.names.pendingStream(queueName)));
		long inflight = this.client.call("read metrics", queueName, () -> jsm
			.getConsumerInfo(this.names.pendingStream(queueName), this.names.pendingConsumer(queueName))
			.getNumAckPending());
		StreamInfo scheduled = this.client.call("read metrics", queueName,
				() -> jsm.getStreamInfo(this.names.scheduledStream(queueName)));
		long pendingCount = Math.max(0, pending.getStreamState().getMsgCount() - inflight)
				+ scheduled.getStreamState().getMsgCount();
		long oldest = Math.min(oldestCreatedAt(pending), oldestCreatedAt(scheduled));
		AtomicLong retried = this.retries.get(queueName);
		return new QueueMetrics(pendingCount, inflight, deadLetterCount, (retried != null) ? retried.get() : 0,
				(oldest == Long.MAX_VALUE) ? null : Math.max(0, now() - oldest));
	}

	/**
	 * Turn a delivered message into a lease: a message that is not a PURISTA job is dead-lettered, a job
	 * JetStream delivered again with no attempts left is dead-lettered with reason {@code lease_expired}.
	 * @return the lease, or {@code null} when the message was dead-lettered
	 */
	private @Nullable QueueLease lease(QueueTopology topology, Message delivered) {
		String queueName = topology.queueName;
		QueueMessage body = this.json.read(delivered.getData());
		if (body == null) {
			this.deadLetters.deadLetterCorrupt(queueName, delivered);
			return null;
		}
		long deliveredCount = delivered.metaData().deliveredCount();
		boolean redelivered = deliveredCount > 1;
		if (redelivered) {
			int previousAttempt = (int) Math.max((long) body.attempt(), deliveredCount - 1);
			if (previousAttempt >= body.maxAttempts()) {
				QueueMessage exhausted = HeldLease.held(body, true, previousAttempt, 0);
				this.deadLetters.publish(queueName, exhausted, QueueHeaders.REASON_LEASE_EXPIRED);
				this.client.ack(delivered, queueName, "dead-letter a redelivered job");
				logger.info("Job " + body.id() + " of queue '" + queueName + "' was not settled in time by its last "
						+ "holder and has no attempts left; dead-lettered with reason lease_expired");
				return null;
			}
		}
		int attempt = (int) Math.max(body.attempt() + 1L, deliveredCount);
		long now = now();
		long expiresAt = now + body.leaseTtlMs();
		String leaseId = Ids.newUuid();
		this.leases.put(new HeldLease(queueName, leaseId, delivered, body.id(), attempt, redelivered, now, expiresAt));
		if (logger.isDebugEnabled()) {
			logger.debug("Leased job " + body.id() + " of queue '" + queueName + "' (attempt " + attempt + ")");
		}
		return new QueueLease(body.id(), queueName, HeldLease.held(body, redelivered, attempt, expiresAt), leaseId,
				now, expiresAt);
	}

	private void recover(HeldLease held) {
		if (!this.leases.take(held)) {
			return;
		}
		try {
			QueueMessage retry = held.message(this.json)
				.withHeader(QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED);
			retry = retry.rescheduled(now(), retry.headers());
			endLease(held, retry,
					(retry.attempt() >= retry.maxAttempts()) ? QueueHeaders.REASON_LEASE_EXPIRED : null, "recover");
			if (logger.isDebugEnabled()) {
				logger.debug("Recovered expired " + held);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not recover expired lease " + held.leaseId + " of queue '" + held.queueName
					+ "'; JetStream redelivers the job after ack_wait: " + ex);
		}
	}

	/**
	 * Republish a taken lease's job (to the dead-letter subject when a reason is given), then ack the delivered
	 * message; when publishing fails, the lease is held again.
	 */
	private void endLease(HeldLease held, QueueMessage next, @Nullable String deadLetterReason, String operation) {
		try {
			if (deadLetterReason != null) {
				this.deadLetters.publish(held.queueName, next, deadLetterReason);
			}
			else {
				publishJob(held.queueName, next, operation);
			}
		}
		catch (RuntimeException ex) {
			this.leases.put(held);
			throw ex;
		}
		this.client.ack(held.delivered, held.queueName, operation);
	}

	private void publishJob(String queueName, QueueMessage message, String operation) {
		topology(queueName);
		long scheduledAt = (message.scheduledAt() != null) ? message.scheduledAt() : 0;
		String subject = (scheduledAt > now()) ? this.names.scheduledSubject(queueName)
				: this.names.pendingSubject(queueName);
		this.client.publish(subject, null, this.json.write(message, "job"), operation, queueName);
	}

	private long oldestCreatedAt(StreamInfo info) {
		if (info.getStreamState().getMsgCount() == 0) {
			return Long.MAX_VALUE;
		}
		String stream = info.getConfiguration().getName();
		MessageInfo first = this.client.storedMessage(stream, info.getStreamState().getFirstSequence(),
				"read dead letters", stream);
		QueueMessage message = (first != null) ? this.json.read(first.getData()) : null;
		return (message != null) ? message.createdAt() : Long.MAX_VALUE;
	}

	private QueueTopology topology(String queueName) {
		QueueTopology existing = this.topologies.get(queueName);
		return (existing != null) ? existing : this.topologies.computeIfAbsent(queueName, this::createTopology);
	}

	private QueueTopology createTopology(String queueName) {
		QueueTopology topology = QueueTopology.create(this.client, this.names, queueName,
				this.options.defaultLeaseTtl());
		this.leases.keep(queueName, topology.ackWait, this::recover);
		return topology;
	}

	private Connection connection() {
		Connection current = this.connection;
		if (current == null) {
			throw new PuristaException(NAME + " " + this.instanceId + " was not started; call start() first");
		}
		return current;
	}

	private void checkUsable(String operation) {
		checkNotDestroyed(operation);
		if (!this.started) {
			throw new PuristaException(NAME + " " + this.instanceId + " was not started and refuses " + operation
					+ "; call start() first");
		}
	}

	private void checkNotDestroyed(String operation) {
		if (this.destroyed) {
			throw new BridgeStoppingException(
					NAME + " " + this.instanceId + " was destroyed and refuses " + operation + "; create a new bridge",
					null);
		}
	}

	private static long now() {
		return System.currentTimeMillis();
	}

}
