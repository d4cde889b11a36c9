package dev.purista.nats.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.LockSupport;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.PuristaException;
import dev.purista.core.error.ServiceUnavailableException;
import dev.purista.core.error.UnhandledException;
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
 * {@code nak}ed with its remaining delay), then fetches from the durable pull consumer
 * {@code <queue>_pending_consumer}; {@code attempt = max(attempt + 1, deliveredCount)}.</li>
 * <li>{@link #nack}, {@link #release} and lease recovery republish the job (retry reason in
 * {@value QueueHeaders#LAST_RETRY_REASON}, {@code leaseExpiresAt} 0, {@code scheduledAt} now + delay) and then ack
 * the delivered message, as TypeScript does; exhausted jobs go to {@code <prefix>.<queue>.dead-letter} with
 * {@value QueueHeaders#DEAD_LETTER_REASON}.</li>
 * <li>Leases are held in this process, as in TypeScript: while a lease runs the bridge tells JetStream the job is
 * in progress (every third of the consumer's {@code ack_wait}); an expired lease is recovered by this bridge
 * (reason {@code lease_expired}), and the job of a bridge that died is redelivered by JetStream after
 * {@code ack_wait} and leased with reason {@code lease_expired} (dead-lettered when its attempts are
 * exhausted).</li>
 * <li>A message on a pending stream that is not a PURISTA job is moved to the queue's dead-letter subject with
 * the NATS header {@value QueueHeaders#DEAD_LETTER_REASON}: {@value #REASON_CORRUPT_JOB}.</li>
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

	private static final int STREAM_NOT_FOUND = 10059;

	private static final int STREAM_NAME_IN_USE = 10058;

	private static final int CONSUMER_NOT_FOUND = 10014;

	private static final int NO_MESSAGE_FOUND = 10037;

	private static final int WRONG_LAST_SEQUENCE = 10071;

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

	private static final long IDEMPOTENCY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

	private final Options natsOptions;

	private final MessageCodec codec;

	private final NatsQueueBridgeOptions options;

	private final NatsQueueNames names;

	private final String instanceId;

	private final Object lifecycleMonitor = new Object();

	private final Map<String, Topology> topologies = new ConcurrentHashMap<>();

	private final Set<String> deadLetterStreams = ConcurrentHashMap.newKeySet();

	private final Map<String, HeldLease> leases = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

	private final ScheduledExecutorService keeper;

	private volatile @Nullable Connection connection;

	private volatile @Nullable KeyValue idempotencyStore;

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
		this.codec = Objects.requireNonNull(codec, "codec");
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
		this.keeper = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "purista-nats-queue-leases");
			thread.setDaemon(true);
			return thread;
		});
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
			for (HeldLease held : List.copyOf(this.leases.values())) {
				try {
					endLease(held, held.message.rescheduled(now(), held.message.headers()), null, "release");
					logger.info("Released unfinished job lease " + held.leaseId + " of queue '" + held.queueName
							+ "' on shutdown");
				}
				catch (RuntimeException ex) {
					logger.warn("Could not release lease " + held.leaseId + " of queue '" + held.queueName
							+ "' on shutdown; JetStream redelivers it after ack_wait: " + ex);
				}
			}
			this.destroyed = true;
			this.keeper.shutdownNow();
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
		return enqueueIdempotent(queueName, idempotencyKey, message, result);
	}

	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		Objects.requireNonNull(queueName, "queueName");
		checkUsable("leaseNext");
		Topology topology = topology(queueName);
		long deadline = System.nanoTime() + QueueArguments.waitNanos(waitTime);
		while (true) {
			recoverExpiredLeases(queueName);
			releaseDueJobs(topology);
			long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			long slice = Math.max(1, Math.min(remainingMs, this.options.pollInterval().toMillis()));
			Message delivered = fetch(topology.pending, topology.pendingLock, slice);
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
		HeldLease held = this.leases.get(leaseId);
		if (held == null || !held.queueName.equals(queueName)) {
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
		HeldLease held = this.leases.get(leaseId);
		if (held == null || !held.queueName.equals(queueName) || !this.leases.remove(leaseId, held)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored ack of unknown lease " + leaseId + " on queue '" + queueName + "'");
			}
			return;
		}
		acknowledge(held, "ack");
	}

	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		checkUsable("nack");
		HeldLease held = takeLease(queueName, leaseId, "nack");
		if (held == null) {
			return;
		}
		Map<String, String> headers = new LinkedHashMap<>(held.message.headers());
		if (reason != null) {
			headers.put(QueueHeaders.LAST_RETRY_REASON, reason);
		}
		QueueMessage retry = held.message.rescheduled(now() + Math.max(0, delay.toMillis()), headers);
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
		HeldLease held = takeLease(queueName, leaseId, "release");
		if (held != null) {
			endLease(held, held.message.rescheduled(now(), held.message.headers()), null, "release");
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
		HeldLease held = takeLease(queueName, leaseId, "deadLetter");
		if (held == null) {
			return;
		}
		QueueMessage message = held.message.withLeaseExpiresAt(0);
		if (request.lastRetryReason() != null) {
			message = message.withHeader(QueueHeaders.LAST_RETRY_REASON, request.lastRetryReason());
		}
		String target = NatsQueueNames.queueOfDeadLetterQueue(request.deadLetterQueueName(queueName, CAPABILITIES));
		try {
			publishDeadLetter(target, message, request.reason());
		}
		catch (RuntimeException ex) {
			this.leases.put(held.leaseId, held);
			throw ex;
		}
		acknowledge(held, "deadLetter");
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
		for (StoredJob stored : readDeadLetters(queueName, offset + limit)) {
			if (skipped < offset) {
				skipped++;
			}
			else {
				messages.add(stored.message);
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
		String stream = this.names.deadLetterStream(NatsQueueNames.queueOfDeadLetterQueue(queueName));
		int moved = 0;
		for (StoredJob stored : readDeadLetters(queueName, limit)) {
			QueueMessage message = stored.message.withLeaseExpiresAt(0);
			message = message.rescheduled(now(), message.headers());
			publishJob(message.queueName(), message, "redrive a dead letter");
			call("delete a redriven dead letter", queueName,
					() -> jetStreamManagement().deleteMessage(stream, stored.sequence));
			moved++;
		}
		return moved;
	}

	@Override
	public int purgeDeadLetter(String queueName) {
		checkUsable("purgeDeadLetter");
		String target = NatsQueueNames.queueOfDeadLetterQueue(queueName);
		ensureDeadLetterStream(target);
		long purged = call("purge dead letters", queueName,
				() -> jetStreamManagement().purgeStream(this.names.deadLetterStream(target)).getPurged());
		return (int) purged;
	}

	/**
	 * The leases this instance holds on the queue (leases live in process memory, as in TypeScript).
	 */
	@Override
	public List<QueueLease> inspectLeases(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkUsable("inspectLeases");
		recoverExpiredLeases(queueName);
		List<QueueLease> found = new ArrayList<>();
		for (HeldLease held : this.leases.values()) {
			if (found.size() >= limit) {
				break;
			}
			if (held.queueName.equals(queueName)) {
				found.add(new QueueLease(held.message.id(), queueName, held.message.withLeaseExpiresAt(held.expiresAt),
						held.leaseId, held.leasedAt, held.expiresAt));
			}
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
		ensureDeadLetterStream(queueName);
		recoverExpiredLeases(queueName);
		JetStreamManagement jsm = jetStreamManagement();
		StreamInfo pending = call("read metrics", queueName,
				() -> jsm.getStreamInfo(this.names.pendingStream(queueName)));
		long inflight = call("read metrics", queueName, () -> jsm
			.getConsumerInfo(this.names.pendingStream(queueName), this.names.pendingConsumer(queueName))
			.getNumAckPending());
		StreamInfo scheduled = call("read metrics", queueName,
				() -> jsm.getStreamInfo(this.names.scheduledStream(queueName)));
		StreamInfo deadLetter = call("read metrics", queueName,
				() -> jsm.getStreamInfo(this.names.deadLetterStream(queueName)));
		long pendingCount = Math.max(0, pending.getStreamState().getMsgCount() - inflight)
				+ scheduled.getStreamState().getMsgCount();
		long oldest = Math.min(oldestCreatedAt(pending), oldestCreatedAt(scheduled));
		AtomicLong retried = this.retries.get(queueName);
		return new QueueMetrics(pendingCount, inflight, deadLetter.getStreamState().getMsgCount(),
				(retried != null) ? retried.get() : 0, (oldest == Long.MAX_VALUE) ? null : Math.max(0, now() - oldest));
	}

	private EnqueueResult enqueueIdempotent(String queueName, String idempotencyKey, QueueMessage message,
			EnqueueResult result) {
		KeyValue store = idempotencyStore();
		String key = NatsQueueNames.idempotencyRecordKey(queueName, idempotencyKey);
		long revision;
		try {
			revision = store.create(key, idempotencyRecord("publishing", result, message));
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == WRONG_LAST_SEQUENCE || String.valueOf(ex.getMessage()).contains("wrong last sequence")) {
				if (logger.isDebugEnabled()) {
					logger.debug("Idempotency key seen before on queue '" + queueName + "'");
				}
				return existingResult(store, key, queueName);
			}
			throw failure("enqueue a job (idempotency record)", queueName, ex);
		}
		catch (IOException ex) {
			throw failure("enqueue a job (idempotency record)", queueName, ex);
		}
		try {
			publishJob(queueName, message, "enqueue a job");
		}
		catch (RuntimeException ex) {
			try {
				store.delete(key);
			}
			catch (IOException | JetStreamApiException deleteFailure) {
				ex.addSuppressed(deleteFailure);
			}
			throw ex;
		}
		try {
			store.update(key, idempotencyRecord("published", result, message), revision);
		}
		catch (IOException | JetStreamApiException ex) {
			logger.warn("Job " + result.jobId() + " of queue '" + queueName + "' was enqueued, but its idempotency "
					+ "record could not be marked published; repeats of its key wait and then fail with 503: " + ex);
		}
		return result;
	}

	private EnqueueResult existingResult(KeyValue store, String key, String queueName) {
		long deadline = System.nanoTime() + this.options.idempotencyPendingTimeout().toNanos();
		boolean seen = false;
		while (true) {
			KeyValueEntry entry = call("read an idempotency record", queueName, () -> store.get(key));
			if (entry != null && entry.getValue() != null) {
				seen = true;
				try {
					JsonNode record = this.codec.mapper().readTree(entry.getValue());
					if ("published".equals(record.path("state").asString(""))) {
						return this.codec.mapper().treeToValue(record.path("result"), EnqueueResult.class);
					}
				}
				catch (JacksonException ex) {
					throw new UnhandledException("NATS idempotency record '" + key + "' is not readable: "
							+ ex.getOriginalMessage(), ex);
				}
			}
			if (System.nanoTime() - deadline > 0) {
				break;
			}
			LockSupport.parkNanos(IDEMPOTENCY_POLL_NANOS);
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		if (seen) {
			throw new ServiceUnavailableException("NATS idempotent enqueue for key \"" + key
					+ "\" is still pending and could not be confirmed", null);
		}
		throw new UnhandledException("NATS idempotency record could not be read");
	}

	private byte[] idempotencyRecord(String state, EnqueueResult result, QueueMessage message) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("state", state);
		record.put("result", result);
		record.put("message", message);
		record.put("updatedAt", now());
		return write(record, "idempotency record");
	}

	private KeyValue idempotencyStore() {
		KeyValue store = this.idempotencyStore;
		if (store != null) {
			return store;
		}
		synchronized (this.lifecycleMonitor) {
			if (this.idempotencyStore == null) {
				String bucket = this.names.idempotencyBucket();
				this.idempotencyStore = call("open the idempotency bucket", bucket, () -> {
					KeyValueManagement management = connection().keyValueManagement();
					try {
						management.getStatus(bucket);
					}
					catch (JetStreamApiException ex) {
						if (ex.getApiErrorCode() != STREAM_NOT_FOUND) {
							throw ex;
						}
						try {
							management.create(KeyValueConfiguration.builder()
								.name(bucket)
								.maxHistoryPerKey(1)
								.storageType(this.options.storageType())
								.build());
						}
						catch (JetStreamApiException createFailure) {
							if (createFailure.getApiErrorCode() != STREAM_NAME_IN_USE) {
								throw createFailure;
							}
						}
					}
					return connection().keyValue(bucket);
				});
			}
			return Objects.requireNonNull(this.idempotencyStore);
		}
	}

	private @Nullable QueueLease lease(Topology topology, Message delivered) {
		String queueName = topology.queueName;
		QueueMessage body = readJob(delivered.getData());
		if (body == null) {
			deadLetterCorrupt(queueName, delivered);
			return null;
		}
		long deliveredCount = delivered.metaData().deliveredCount();
		if (deliveredCount > 1) {
			int previousAttempt = (int) Math.max((long) body.attempt(), deliveredCount - 1);
			body = body.withHeader(QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED);
			if (previousAttempt >= body.maxAttempts()) {
				QueueMessage exhausted = withAttempt(body, previousAttempt, 0);
				publishDeadLetter(queueName, exhausted, QueueHeaders.REASON_LEASE_EXPIRED);
				ackDelivered(delivered, queueName, "dead-letter a redelivered job");
				logger.info("Job " + body.id() + " of queue '" + queueName + "' was not settled in time by its last "
						+ "holder and has no attempts left; dead-lettered with reason lease_expired");
				return null;
			}
		}
		int attempt = (int) Math.max(body.attempt() + 1L, deliveredCount);
		long now = now();
		long expiresAt = now + body.leaseTtlMs();
		QueueMessage held = withAttempt(body, attempt, expiresAt);
		String leaseId = Ids.newUuid();
		this.leases.put(leaseId, new HeldLease(queueName, leaseId, held, delivered, now, expiresAt));
		if (logger.isDebugEnabled()) {
			logger.debug("Leased job " + held.id() + " of queue '" + queueName + "' (attempt " + attempt + ")");
		}
		QueueMessage given = new QueueMessage(held.id(), held.queueName(), this.codec.copyAsJson(held.payload()),
				this.codec.copyAsJson(held.parameter()), held.headers(), held.createdAt(), held.scheduledAt(),
				held.priority(), held.attempt(), held.maxAttempts(), held.leaseExpiresAt(), held.leaseTtlMs(),
				held.traceId(), held.parentSpanId(), held.correlationId(), held.idempotencyKey(), held.extensions());
		return new QueueLease(held.id(), queueName, given, leaseId, now, expiresAt);
	}

	private static QueueMessage withAttempt(QueueMessage message, int attempt, long leaseExpiresAt) {
		return new QueueMessage(message.id(), message.queueName(), message.payload(), message.parameter(),
				message.headers(), message.createdAt(), message.scheduledAt(), message.priority(), attempt,
				message.maxAttempts(), leaseExpiresAt, message.leaseTtlMs(), message.traceId(), message.parentSpanId(),
				message.correlationId(), message.idempotencyKey(), message.extensions());
	}

	private void releaseDueJobs(Topology topology) {
		long now = now();
		if (now < topology.nextReleaseCheck) {
			return;
		}
		topology.nextReleaseCheck = now + Math.min(50, this.options.pollInterval().toMillis());
		for (int i = 0; i < this.options.releaseBatchSize(); i++) {
			Message delivered = fetch(topology.scheduled, topology.scheduledLock, 1);
			if (delivered == null) {
				return;
			}
			QueueMessage message = readJob(delivered.getData());
			if (message == null) {
				deadLetterCorrupt(topology.queueName, delivered);
				continue;
			}
			long scheduledAt = (message.scheduledAt() != null) ? message.scheduledAt() : 0;
			long wait = scheduledAt - now();
			if (wait > 0) {
				delivered.nakWithDelay(Duration.ofMillis(wait));
				continue;
			}
			publishTo(this.names.pendingSubject(topology.queueName), message, topology.queueName,
					"release a delayed job");
			ackDelivered(delivered, topology.queueName, "release a delayed job");
		}
	}

	private void recoverExpiredLeases(String queueName) {
		long now = now();
		for (HeldLease held : this.leases.values()) {
			if (held.queueName.equals(queueName) && now >= held.expiresAt) {
				recover(held);
			}
		}
	}

	private void recover(HeldLease held) {
		if (!this.leases.remove(held.leaseId, held)) {
			return;
		}
		QueueMessage retry = held.message.withHeader(QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED);
		retry = retry.rescheduled(now(), retry.headers());
		try {
			endLease(held, retry,
					(retry.attempt() >= retry.maxAttempts()) ? QueueHeaders.REASON_LEASE_EXPIRED : null, "recover");
			if (logger.isDebugEnabled()) {
				logger.debug("Recovered expired lease " + held.leaseId + " of job " + held.message.id() + " on queue '"
						+ held.queueName + "'");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not recover expired lease " + held.leaseId + " of queue '" + held.queueName
					+ "'; JetStream redelivers the job after ack_wait: " + ex);
		}
	}

	private void keepLeases(String queueName) {
		long now = now();
		for (HeldLease held : this.leases.values()) {
			if (!held.queueName.equals(queueName)) {
				continue;
			}
			try {
				if (now >= held.expiresAt) {
					recover(held);
				}
				else {
					held.delivered.inProgress();
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not keep lease " + held.leaseId + " of queue '" + queueName + "': " + ex);
			}
		}
	}

	private @Nullable HeldLease takeLease(String queueName, String leaseId, String operation) {
		HeldLease held = this.leases.get(leaseId);
		if (held == null || !held.queueName.equals(queueName) || !this.leases.remove(leaseId, held)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored " + operation + " of unknown lease " + leaseId + " on queue '" + queueName + "'");
			}
			return null;
		}
		return held;
	}

	/**
	 * Republish a taken lease's job (to the dead-letter subject when a reason is given), then ack the delivered
	 * message; when publishing fails, the lease is held again.
	 */
	private void endLease(HeldLease held, QueueMessage next, @Nullable String deadLetterReason, String operation) {
		try {
			if (deadLetterReason != null) {
				publishDeadLetter(held.queueName, next, deadLetterReason);
			}
			else {
				publishJob(held.queueName, next, operation);
			}
		}
		catch (RuntimeException ex) {
			this.leases.put(held.leaseId, held);
			throw ex;
		}
		acknowledge(held, operation);
	}

	private void acknowledge(HeldLease held, String operation) {
		ackDelivered(held.delivered, held.queueName, operation);
	}

	private void ackDelivered(Message delivered, String queueName, String operation) {
		try {
			delivered.ackSync(ACK_TIMEOUT);
		}
		catch (TimeoutException ex) {
			throw new PuristaException(NAME + " could not " + operation + " on queue '" + queueName
					+ "': JetStream did not confirm the ack in time; the job is redelivered after ack_wait", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PuristaException(NAME + " was interrupted acking on queue '" + queueName + "'", ex);
		}
	}

	private void publishJob(String queueName, QueueMessage message, String operation) {
		topology(queueName);
		long scheduledAt = (message.scheduledAt() != null) ? message.scheduledAt() : 0;
		String subject = (scheduledAt > now()) ? this.names.scheduledSubject(queueName)
				: this.names.pendingSubject(queueName);
		publishTo(subject, message, queueName, operation);
	}

	private void publishDeadLetter(String targetQueue, QueueMessage message, @Nullable String reason) {
		ensureDeadLetterStream(targetQueue);
		QueueMessage deadLetter = message.withLeaseExpiresAt(0);
		if (reason != null) {
			deadLetter = deadLetter.withHeader(QueueHeaders.DEAD_LETTER_REASON, reason);
		}
		publishTo(this.names.deadLetterSubject(targetQueue), deadLetter, targetQueue, "dead-letter a job");
	}

	private void publishTo(String subject, QueueMessage message, String queueName, String operation) {
		byte[] json = write(message, "job");
		call(operation, queueName, () -> jetStream().publish(subject, json));
	}

	private void deadLetterCorrupt(String queueName, Message delivered) {
		ensureDeadLetterStream(queueName);
		Headers headers = new Headers().put(QueueHeaders.DEAD_LETTER_REASON, REASON_CORRUPT_JOB);
		call("dead-letter a corrupt job", queueName,
				() -> jetStream().publish(this.names.deadLetterSubject(queueName), headers, delivered.getData()));
		ackDelivered(delivered, queueName, "dead-letter a corrupt job");
		logger.warn("A message on '" + delivered.getSubject() + "' is not a PURISTA job; moved to '"
				+ this.names.deadLetterSubject(queueName) + "' with reason " + REASON_CORRUPT_JOB);
	}

	private List<StoredJob> readDeadLetters(String deadLetterQueueName, int max) {
		String target = NatsQueueNames.queueOfDeadLetterQueue(deadLetterQueueName);
		ensureDeadLetterStream(target);
		String stream = this.names.deadLetterStream(target);
		JetStreamManagement jsm = jetStreamManagement();
		StreamInfo info = call("read dead letters", deadLetterQueueName, () -> jsm.getStreamInfo(stream));
		List<StoredJob> jobs = new ArrayList<>();
		if (info.getStreamState().getMsgCount() == 0) {
			return jobs;
		}
		for (long seq = info.getStreamState().getFirstSequence(); seq <= info.getStreamState().getLastSequence()
				&& jobs.size() < max; seq++) {
			MessageInfo stored = storedMessage(jsm, stream, seq, deadLetterQueueName);
			if (stored == null) {
				continue;
			}
			QueueMessage message = (stored.getData() != null) ? readJob(stored.getData()) : null;
			if (message == null) {
				logger.warn("Dead-letter stream '" + stream + "' holds an entry that is not a PURISTA job (sequence "
						+ seq + "); skipped");
				continue;
			}
			jobs.add(new StoredJob(seq, message));
		}
		return jobs;
	}

	private @Nullable MessageInfo storedMessage(JetStreamManagement jsm, String stream, long seq, String queueName) {
		try {
			return jsm.getMessage(stream, seq);
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == NO_MESSAGE_FOUND) {
				return null;
			}
			throw failure("read dead letters", queueName, ex);
		}
		catch (IOException ex) {
			throw failure("read dead letters", queueName, ex);
		}
	}

	private long oldestCreatedAt(StreamInfo info) {
		if (info.getStreamState().getMsgCount() == 0) {
			return Long.MAX_VALUE;
		}
		MessageInfo first = storedMessage(jetStreamManagement(), info.getConfiguration().getName(),
				info.getStreamState().getFirstSequence(), info.getConfiguration().getName());
		QueueMessage message = (first != null && first.getData() != null) ? readJob(first.getData()) : null;
		return (message != null) ? message.createdAt() : Long.MAX_VALUE;
	}

	private @Nullable Message fetch(JetStreamSubscription subscription, ReentrantLock lock, long waitMs) {
		try {
			if (!lock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
				return null;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		try {
			List<Message> fetched = subscription.fetch(1, Duration.ofMillis(waitMs));
			return fetched.isEmpty() ? null : fetched.get(0);
		}
		catch (IllegalStateException ex) {
			if (this.destroyed) {
				throw new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed while fetching", null);
			}
			throw new PuristaException(NAME + " could not fetch jobs: " + ex.getMessage(), ex);
		}
		finally {
			lock.unlock();
		}
	}

	private Topology topology(String queueName) {
		Topology existing = this.topologies.get(queueName);
		return (existing != null) ? existing : this.topologies.computeIfAbsent(queueName, this::createTopology);
	}

	private Topology createTopology(String queueName) {
		String pendingStream = this.names.pendingStream(queueName);
		String scheduledStream = this.names.scheduledStream(queueName);
		ensureStream(pendingStream, this.names.pendingSubject(queueName), RetentionPolicy.WorkQueue, queueName);
		ensureStream(scheduledStream, this.names.scheduledSubject(queueName), RetentionPolicy.WorkQueue, queueName);
		Duration ackWait = ensureConsumer(pendingStream, this.names.pendingConsumer(queueName),
				this.names.pendingSubject(queueName), queueName);
		ensureConsumer(scheduledStream, this.names.scheduledConsumer(queueName), this.names.scheduledSubject(queueName),
				queueName);
		JetStreamSubscription pending = call("subscribe to the pending consumer", queueName,
				() -> jetStream().subscribe(this.names.pendingSubject(queueName),
						PullSubscribeOptions.bind(pendingStream, this.names.pendingConsumer(queueName))));
		JetStreamSubscription scheduled = call("subscribe to the scheduled consumer", queueName,
				() -> jetStream().subscribe(this.names.scheduledSubject(queueName),
						PullSubscribeOptions.bind(scheduledStream, this.names.scheduledConsumer(queueName))));
		long period = Math.max(50, Math.min(10_000, ackWait.toMillis() / 3));
		ScheduledFuture<?> keeping = this.keeper.scheduleWithFixedDelay(() -> keepLeases(queueName), period, period,
				TimeUnit.MILLISECONDS);
		return new Topology(queueName, pending, scheduled, keeping);
	}

	private void ensureDeadLetterStream(String queueName) {
		if (this.deadLetterStreams.contains(queueName)) {
			return;
		}
		ensureStream(this.names.deadLetterStream(queueName), this.names.deadLetterSubject(queueName),
				RetentionPolicy.Limits, queueName);
		this.deadLetterStreams.add(queueName);
	}

	private void ensureStream(String stream, String subject, RetentionPolicy retention, String queueName) {
		JetStreamManagement jsm = jetStreamManagement();
		call("create stream " + stream, queueName, () -> {
			try {
				return jsm.getStreamInfo(stream);
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != STREAM_NOT_FOUND) {
					throw ex;
				}
			}
			try {
				return jsm.addStream(StreamConfiguration.builder()
					.name(stream)
					.subjects(subject)
					.retentionPolicy(retention)
					.storageType(this.options.storageType())
					.build());
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != STREAM_NAME_IN_USE) {
					throw ex;
				}
				return jsm.getStreamInfo(stream);
			}
		});
	}

	private Duration ensureConsumer(String stream, String consumer, String subject, String queueName) {
		JetStreamManagement jsm = jetStreamManagement();
		return call("create consumer " + consumer, queueName, () -> {
			try {
				return jsm.getConsumerInfo(stream, consumer).getConsumerConfiguration().getAckWait();
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != CONSUMER_NOT_FOUND) {
					throw ex;
				}
			}
			return jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
				.name(consumer)
				.durable(consumer)
				.filterSubject(subject)
				.ackPolicy(AckPolicy.Explicit)
				.deliverPolicy(DeliverPolicy.All)
				.ackWait(this.options.defaultLeaseTtl())
				.maxDeliver(-1)
				.maxAckPending(1024)
				.build()).getConsumerConfiguration().getAckWait();
		});
	}

	private <T> T call(String operation, String queueName, NatsCall<T> action) {
		try {
			return action.call();
		}
		catch (IOException | JetStreamApiException ex) {
			throw failure(operation, queueName, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PuristaException(NAME + " was interrupted trying to " + operation + " on queue '" + queueName
					+ "'", ex);
		}
	}

	private PuristaException failure(String operation, String queueName, Exception ex) {
		if (this.destroyed) {
			return new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed and could not "
					+ operation + " on queue '" + queueName + "': " + ex.getMessage(), null);
		}
		return new PuristaException(NAME + " could not " + operation + " on queue '" + queueName + "': "
				+ ex.getMessage(), ex);
	}

	private byte[] write(Object value, String what) {
		try {
			return this.codec.mapper().writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new PuristaException(NAME + " could not write the " + what + " as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private @Nullable QueueMessage readJob(byte[] json) {
		try {
			return this.codec.mapper().readValue(json, QueueMessage.class);
		}
		catch (JacksonException | NullPointerException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not a PURISTA job: " + ex.getMessage());
			}
			return null;
		}
	}

	private Connection connection() {
		Connection current = this.connection;
		if (current == null) {
			throw new PuristaException(NAME + " " + this.instanceId + " was not started; call start() first");
		}
		return current;
	}

	private JetStream jetStream() throws IOException {
		return connection().jetStream();
	}

	private JetStreamManagement jetStreamManagement() {
		try {
			return connection().jetStreamManagement();
		}
		catch (IOException ex) {
			throw failure("reach JetStream", "-", ex);
		}
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

	@FunctionalInterface
	private interface NatsCall<T> {

		T call() throws IOException, JetStreamApiException, InterruptedException;

	}

	private record StoredJob(long sequence, QueueMessage message) {
	}

	private static final class Topology {

		final String queueName;

		final JetStreamSubscription pending;

		final JetStreamSubscription scheduled;

		final ReentrantLock pendingLock = new ReentrantLock();

		final ReentrantLock scheduledLock = new ReentrantLock();

		final ScheduledFuture<?> keeping;

		volatile long nextReleaseCheck;

		Topology(String queueName, JetStreamSubscription pending, JetStreamSubscription scheduled,
				ScheduledFuture<?> keeping) {
			this.queueName = queueName;
			this.pending = pending;
			this.scheduled = scheduled;
			this.keeping = keeping;
		}

	}

	private static final class HeldLease {

		final String queueName;

		final String leaseId;

		final QueueMessage message;

		final Message delivered;

		final long leasedAt;

		volatile long expiresAt;

		HeldLease(String queueName, String leaseId, QueueMessage message, Message delivered, long leasedAt,
				long expiresAt) {
			this.queueName = queueName;
			this.leaseId = leaseId;
			this.message = message;
			this.delivered = delivered;
			this.leasedAt = leasedAt;
			this.expiresAt = expiresAt;
		}

	}

}
