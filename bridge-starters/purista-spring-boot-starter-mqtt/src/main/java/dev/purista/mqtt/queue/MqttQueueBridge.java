package dev.purista.mqtt.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
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
import dev.purista.mqtt.MqttConnectionException;
import dev.purista.mqtt.MqttServer;
import dev.purista.mqtt.queue.MqttQueueTopics.Route;
import dev.purista.mqtt.queue.QueueMembers.MemberRecord;
import dev.purista.mqtt.queue.ReceivedJobs.Received;

/**
 * A {@link QueueBridge} that needs nothing but an MQTT 5 broker ("MQTT-native queue"; TypeScript PURISTA has no
 * MQTT queue bridge, so the design is this port's own). Topics: {@link MqttQueueTopics}.
 * <ul>
 * <li><b>Delivery.</b> Enqueue records the job in the ledger and publishes the job JSON at QoS 1 on
 * {@code <prefix>/queue/<queue>/jobs}. An instance that leases from a queue (a consumer) subscribes to it through
 * the shared subscription {@code $share/<group>/<prefix>/queue/<queue>/jobs} at QoS 1 on its own connection
 * (client identifier {@code <instanceId>-queue}, persistent session: {@code cleanStart=false}, session expiry
 * {@link MqttQueueBridgeOptions#sessionExpiry()}), so the broker hands each job to one consumer and keeps jobs for
 * a disconnected consumer while its session lives. Jobs are acknowledged manually, once the receiving consumer has
 * recorded in the ledger that it holds the job. Producers do not join the share group.</li>
 * <li><b>Ledger.</b> MQTT has no lease, retry, delay or dead letter, so the bridge keeps one retained record
 * per unsettled job on {@code <prefix>/queue/<queue>/ledger/<jobId>}: the job JSON as it stands and, as user
 * properties, its state ({@code QUEUED}, {@code HELD} by an instance, {@code LEASED} by an instance until a
 * time), holder, lease, publication number and revision. Consumers follow the ledger of their queues. Ack and
 * dead-letter clear the record.</li>
 * <li><b>Leases, retries and delays</b> live in the holding instance: {@link #leaseNext} takes the first
 * received job that is due (delayed jobs wait in the receiving consumer until due); nack, release and the
 * recovery of this instance's expired leases keep the job in this instance with the next publication number, due
 * after the delay (reason {@value QueueHeaders#REASON_LEASE_EXPIRED} for recovered leases; dead-lettered when
 * attempts are exhausted). They are not published to the share group again, where the broker could hand them to
 * a dead consumer's session.</li>
 * <li><b>Dead consumers.</b> Each consumer publishes a retained member record (alive until now + the member
 * timeout, every third of it, with the queues it consumes) whose will message clears it when the broker loses the
 * connection. Of the live consumers of a queue, the one with the smallest instance id adopts the jobs whose
 * holder is no longer alive (a lease counts as an attempt) and the jobs published but not received by the assign
 * deadline (those the broker queued for a dead consumer's session, or dropped because no consumer was
 * subscribed); when it is the only live consumer, at once. Copies that arrive later are stale (older publication
 * number) and dropped.</li>
 * <li><b>Dead letters</b> are retained messages ({@link DeadLetterStore}); they can be peeked, redriven and
 * purged.</li>
 * <li><b>Inspection</b> ({@link #metrics}, {@link #inspectLeases}) reads this instance's copy of the ledger.</li>
 * </ul>
 * What it cannot do, declared in {@link #capabilities()}: idempotency keys are stored but not enforced (MQTT has
 * no atomic compare-and-set, so two instances could both enqueue a key), global FIFO order (each consumer leases
 * in arrival order), priorities and partitions. Delivery is at least once: a consumer that is only cut off for
 * longer than the member timeout gets its jobs adopted by another one while it may still finish them.
 * <p>
 * Methods block on broker round trips and are safe to call from many threads. Received messages are handled on
 * one inbound thread; a scheduler thread heartbeats and recovers.
 */
public final class MqttQueueBridge implements QueueBridge, DeadLetterAdministration, QueueInspection {

	/** The bridge's name. */
	public static final String NAME = "MqttQueueBridge";

	/** The suffix of a queue's default dead-letter queue. */
	public static final String DEAD_LETTER_SUFFIX = ".dead-letter";

	private static final Log logger = LogFactory.getLog(MqttQueueBridge.class);

	private static final QueueCapabilities CAPABILITIES = QueueCapabilities.builder()
		.delayedDelivery(true)
		.maxBatchSize(1)
		.defaultDeadLetterSuffix(DEAD_LETTER_SUFFIX)
		.deadLetterInspectable(true)
		.deadLetterInspectSupported(true)
		.deadLetterReplaySupported(true)
		.deadLetterPurgeSupported(true)
		.leaseInspectionSupported(true)
		.strictStartupValidation(true)
		.build();

	private static final long MAX_WAIT_SLICE_MS = 50;

	private static final String BARRIER_PREFIX = "barrier-";

	private static final long SETTLED_MEMORY_MS = 60_000;

	private final MqttServer server;

	private final MqttQueueBridgeOptions options;

	private final MqttQueueTopics topics;

	private final String instanceId;

	private final JobJson json;

	private final QueueLedger ledger = new QueueLedger();

	private final QueueMembers members = new QueueMembers();

	private final ReceivedJobs received = new ReceivedJobs();

	private final HeldLeases leases = new HeldLeases();

	private final DeadLetterStore deadLetters;

	private final Set<String> queues = ConcurrentHashMap.newKeySet();

	private final Object subscribeMonitor = new Object();

	private final Map<String, Long> settling = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> barriers = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

	private final Object[] stripes = new Object[64];

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable MqttQueueClient client;

	private volatile @Nullable ExecutorService inbound;

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile long lastHeartbeat;

	private volatile boolean started;

	private volatile boolean stopping;

	private volatile boolean destroyed;

	/**
	 * Create a bridge with the default options.
	 * @param server the broker
	 * @param codec the codec that writes and reads job JSON
	 */
	public MqttQueueBridge(MqttServer server, MessageCodec codec) {
		this(server, codec, MqttQueueBridgeOptions.defaults());
	}

	/**
	 * Create a bridge.
	 * @param server the broker
	 * @param codec the codec that writes and reads job JSON
	 * @param options the bridge's settings
	 */
	public MqttQueueBridge(MqttServer server, MessageCodec codec, MqttQueueBridgeOptions options) {
		this.server = Objects.requireNonNull(server, "server");
		this.json = new JobJson(Objects.requireNonNull(codec, "codec"));
		this.options = Objects.requireNonNull(options, "options");
		this.topics = new MqttQueueTopics(options.topicPrefix(), options.shareGroup());
		this.instanceId = (options.instanceId() != null) ? options.instanceId() : Ids.newUuid();
		for (int i = 0; i < this.stripes.length; i++) {
			this.stripes[i] = new Object();
		}
		this.deadLetters = new DeadLetterStore(this.topics, this.json, this::requireClient, options.operationTimeout());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * What this bridge can do: delayed delivery (held by the receiving instance), dead letters kept as retained
	 * messages with peek, redrive and purge, lease inspection and metrics from the ledger; no idempotency
	 * enforcement, FIFO order across instances, priorities or partitions, and no exactly-once delivery.
	 */
	@Override
	public QueueCapabilities capabilities() {
		return CAPABILITIES;
	}

	/**
	 * The bridge's settings.
	 * @return the options
	 */
	public MqttQueueBridgeOptions options() {
		return this.options;
	}

	/**
	 * The broker this bridge connects to.
	 * @return the server
	 */
	public MqttServer server() {
		return this.server;
	}

	/**
	 * The topics this bridge uses.
	 * @return the topics
	 */
	public MqttQueueTopics topics() {
		return this.topics;
	}

	/**
	 * Connect to the broker (resuming this instance's session when the broker keeps it), subscribe to the member
	 * records and start heartbeats. Idempotent. Queues are subscribed when first used.
	 * @throws MqttConnectionException if the broker cannot be reached or refuses the connection
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			checkNotDestroyed("start");
			if (this.started) {
				return;
			}
			ExecutorService createdInbound = Executors.newSingleThreadExecutor(daemon("purista-mqtt-queue-in-"));
			MqttQueueClient created = new MqttQueueClient(this.server, this.instanceId, this.options,
					this.topics.member(this.instanceId), this::onPublish, (task) -> inbound(createdInbound, task));
			try {
				created.connect();
				this.client = created;
				created.subscribe(this.topics.memberFilter());
			}
			catch (RuntimeException ex) {
				this.client = null;
				created.disconnect();
				createdInbound.shutdownNow();
				throw ex;
			}
			this.inbound = createdInbound;
			ScheduledExecutorService createdScheduler = Executors
				.newSingleThreadScheduledExecutor(daemon("purista-mqtt-queue-tick-"));
			this.scheduler = createdScheduler;
			this.started = true;
			heartbeat(now());
			long tick = this.options.tickInterval().toMillis();
			createdScheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
			logger.info(NAME + " " + this.instanceId + " connected to MQTT broker " + this.server + " as "
					+ created.clientId());
		}
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	@Override
	public boolean isHealthy() {
		MqttQueueClient current = this.client;
		return isReady() && current != null && current.isConnected();
	}

	/**
	 * Stop taking jobs (the shared subscriptions are removed, so the broker stops queueing jobs for this
	 * instance), give back the jobs received and the leases still held (published again, due at once, attempts
	 * kept), clear this instance's member record and disconnect. Jobs stay in the broker.
	 */
	@Override
	public void destroy() {
		synchronized (this.lifecycleMonitor) {
			if (this.destroyed) {
				return;
			}
			this.stopping = true;
			ScheduledExecutorService currentScheduler = this.scheduler;
			if (currentScheduler != null) {
				currentScheduler.shutdownNow();
			}
			MqttQueueClient current = this.client;
			if (current != null && this.started) {
				handBack(current);
				current.disconnect();
			}
			this.destroyed = true;
			ExecutorService currentInbound = this.inbound;
			if (currentInbound != null) {
				currentInbound.shutdownNow();
			}
			logger.debug("Destroyed MQTT queue bridge " + this.instanceId);
		}
	}

	private void handBack(MqttQueueClient current) {
		try {
			for (String queueName : this.queues) {
				current.unsubscribe(this.topics.sharedJobs(queueName));
			}
			for (HeldLease held : this.leases.all()) {
				if (this.leases.take(held)) {
					QueueMessage message = read(held.job, held);
					republish(held.queueName, message.rescheduled(now(), message.headers()), held.delivery + 1);
					logger.info("Released unfinished job lease " + held.leaseId + " of queue '" + held.queueName
							+ "' on shutdown");
				}
			}
			for (Received job : this.received.drain()) {
				QueueMessage message = this.json.read(job.job());
				if (message != null) {
					republish(job.queueName(), message, job.delivery() + 1);
				}
			}
			current.publish(this.topics.member(this.instanceId), new byte[0], true, noProperties(),
					"clear the member record");
		}
		catch (RuntimeException ex) {
			logger.warn(NAME + " " + this.instanceId + " could not give back all jobs on shutdown; live instances "
					+ "recover them after the member timeout: " + ex.getMessage());
		}
	}

	@Override
	public EnqueueResult enqueue(EnqueueRequest request) {
		Objects.requireNonNull(request, "request");
		checkUsable("enqueue");
		QueueArguments.checkEnqueueRequest(request);
		String queueName = request.queueName();
		MqttQueueTopics.checkLevel("queue name", queueName);
		long now = now();
		String jobId = Ids.newUuid();
		QueueMessage message = QueueMessage.enqueued(request, jobId, now, request.payload(), request.parameter(),
				this.options.defaultMaxAttempts(), this.options.defaultLeaseTtl().toMillis());
		republish(queueName, message, 1);
		return new EnqueueResult(jobId, queueName, Objects.requireNonNull(message.scheduledAt()));
	}

	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		Objects.requireNonNull(queueName, "queueName");
		checkUsable("leaseNext");
		consume(queueName);
		long deadline = System.nanoTime() + QueueArguments.waitNanos(waitTime);
		while (true) {
			recoverExpiredLeases();
			long now = now();
			Received job = this.received.takeDue(queueName, now);
			if (job != null) {
				QueueLease lease = lease(queueName, job, now);
				if (lease != null) {
					return lease;
				}
				continue;
			}
			long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (remainingMs <= 0 || Thread.currentThread().isInterrupted()) {
				return null;
			}
			long untilDue = this.received.nextDue(queueName) - now;
			try {
				this.received.await(Math.max(1, Math.min(Math.min(remainingMs, MAX_WAIT_SLICE_MS), untilDue)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			checkUsable("leaseNext");
		}
	}

	private @Nullable QueueLease lease(String queueName, Received job, long now) {
		LedgerEntry entry = this.ledger.get(queueName, job.jobId());
		if (entry == null || entry.delivery() > job.delivery()) {
			return null;
		}
		QueueMessage message = this.json.read(job.job());
		if (message == null) {
			return null;
		}
		long expiresAt = now + message.leaseTtlMs();
		byte[] leased = this.json.write(message.leased(expiresAt), "job");
		String leaseId = Ids.newUuid();
		HeldLease held = new HeldLease(queueName, leaseId, job.jobId(), job.delivery(), now, expiresAt, leased);
		this.leases.put(held);
		recordAsync(held, expiresAt);
		if (logger.isDebugEnabled()) {
			logger.debug("Leased job " + job.jobId() + " of queue '" + queueName + "'");
		}
		QueueMessage copy = Objects.requireNonNull(this.json.read(leased));
		return new QueueLease(job.jobId(), queueName, copy, leaseId, now, expiresAt);
	}

	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		checkUsable("extendLease");
		HeldLease held = this.leases.find(queueName, leaseId);
		if (held == null) {
			throw new PuristaException("Lease " + leaseId + " of queue '" + queueName
					+ "' is unknown: it was acked, nacked, released, dead-lettered or recovered after it expired");
		}
		long now = now();
		if (now >= held.expiresAt) {
			throw new PuristaException(
					"Lease " + leaseId + " of queue '" + queueName + "' expired; extend leases before they expire");
		}
		held.expiresAt = now + Math.max(0, extension.toMillis());
		recordAsync(held, held.expiresAt);
	}

	@Override
	public void ack(String queueName, String leaseId) {
		checkUsable("ack");
		HeldLease held = take(queueName, leaseId);
		if (held == null) {
			return;
		}
		try {
			clearRecord(queueName, held.jobId, "ack a job");
		}
		catch (RuntimeException ex) {
			this.leases.put(held);
			throw ex;
		}
	}

	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		checkUsable("nack");
		HeldLease held = take(queueName, leaseId);
		if (held == null) {
			return;
		}
		QueueMessage message = read(held.job, held);
		Map<String, String> headers = new LinkedHashMap<>(message.headers());
		if (reason != null) {
			headers.put(QueueHeaders.LAST_RETRY_REASON, reason);
		}
		QueueMessage retry = message.rescheduled(now() + Math.max(0, delay.toMillis()), headers);
		try {
			if (retry.attempt() >= retry.maxAttempts()) {
				moveToDeadLetter(queueName, retry, DeadLetterStore.reason(reason),
						CAPABILITIES.deadLetterQueueName(queueName), held.delivery);
			}
			else {
				keep(queueName, retry, held.delivery + 1);
				this.retries.computeIfAbsent(queueName, (name) -> new AtomicLong()).incrementAndGet();
			}
		}
		catch (RuntimeException ex) {
			this.leases.put(held);
			throw ex;
		}
	}

	@Override
	public void release(String queueName, String leaseId) {
		checkUsable("release");
		HeldLease held = take(queueName, leaseId);
		if (held == null) {
			return;
		}
		QueueMessage message = read(held.job, held);
		try {
			keep(queueName, message.rescheduled(now(), message.headers()), held.delivery + 1);
		}
		catch (RuntimeException ex) {
			this.leases.put(held);
			throw ex;
		}
	}

	/**
	 * Store the job as a retained dead letter, then clear its ledger record. Not one atomic step on MQTT: when
	 * clearing fails after the dead letter was stored, the lease is held again and the job, when its lease
	 * expires, is recovered (and dead-lettered once more when its attempts are exhausted).
	 */
	@Override
	public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
		Objects.requireNonNull(request, "request");
		checkUsable("deadLetter");
		HeldLease held = take(queueName, leaseId);
		if (held == null) {
			return;
		}
		QueueMessage message = read(held.job, held);
		if (request.lastRetryReason() != null) {
			message = message.withHeader(QueueHeaders.LAST_RETRY_REASON, request.lastRetryReason());
		}
		try {
			moveToDeadLetter(queueName, message, request.reason(), request.deadLetterQueueName(queueName, CAPABILITIES),
					held.delivery);
		}
		catch (RuntimeException ex) {
			this.leases.put(held);
			throw ex;
		}
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
	 * The leased jobs of a queue as the ledger records them, whichever instance holds them.
	 */
	@Override
	public List<QueueLease> inspectLeases(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkUsable("inspectLeases");
		watch(queueName);
		List<QueueLease> found = new ArrayList<>();
		for (LedgerEntry entry : this.ledger.entries(queueName, Integer.MAX_VALUE)) {
			QueueMessage message = (entry.state() == LedgerState.LEASED && entry.leaseId() != null)
					? this.json.read(entry.job()) : null;
			if (message != null && found.size() < limit) {
				found.add(new QueueLease(entry.jobId(), queueName, message, entry.leaseId(),
						message.leaseExpiresAt() - message.leaseTtlMs(), entry.deadline()));
			}
		}
		return found;
	}

	/**
	 * The queue's figures from the ledger: {@code pending} counts the jobs queued or held (due or delayed),
	 * {@code inflight} the leased ones, {@code deadLetter} the retained dead letters of the default dead-letter
	 * queue, {@code oldestAgeMs} the age of the oldest unsettled job; {@code retries} counts the retries this
	 * instance scheduled since it started (MQTT keeps no such counter). The ledger is this instance's view: other
	 * instances' changes count once their records arrived (milliseconds on a local broker).
	 */
	@Override
	public QueueMetrics metrics(String queueName) {
		checkUsable("metrics");
		watch(queueName);
		long pending = 0;
		long inflight = 0;
		long oldest = Long.MAX_VALUE;
		for (LedgerEntry entry : this.ledger.entries(queueName, Integer.MAX_VALUE)) {
			QueueMessage message = this.json.read(entry.job());
			if (entry.state() == LedgerState.LEASED) {
				inflight++;
			}
			else {
				pending++;
			}
			if (message != null) {
				oldest = Math.min(oldest, message.createdAt());
			}
		}
		long deadLetters = this.deadLetters.read(CAPABILITIES.deadLetterQueueName(queueName)).size();
		AtomicLong retried = this.retries.get(queueName);
		return new QueueMetrics(pending, inflight, deadLetters, (retried != null) ? retried.get() : 0,
				(oldest == Long.MAX_VALUE) ? null : Math.max(0, now() - oldest));
	}

	/**
	 * Read the retained dead letters of a dead-letter queue, oldest first.
	 */
	@Override
	public List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit) {
		QueueArguments.checkRange(offset, limit);
		checkUsable("peekDeadLetter");
		List<QueueMessage> messages = new ArrayList<>();
		List<DeadLetterStore.Stored> stored = this.deadLetters.read(queueName);
		for (int i = offset; i < stored.size() && messages.size() < limit; i++) {
			messages.add(stored.get(i).message());
		}
		return messages;
	}

	/**
	 * Move the oldest dead letters back to the queue named in each job, due at once; attempts and headers are
	 * kept. Each is published to its queue, then its dead letter is removed.
	 */
	@Override
	public int redriveDeadLetter(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkUsable("redriveDeadLetter");
		int moved = 0;
		for (DeadLetterStore.Stored stored : this.deadLetters.read(queueName)) {
			if (moved >= limit) {
				break;
			}
			QueueMessage message = stored.message().withLeaseExpiresAt(0);
			republish(message.queueName(), message.rescheduled(now(), message.headers()), stored.delivery() + 1);
			this.deadLetters.delete(queueName, message.id());
			moved++;
		}
		return moved;
	}

	@Override
	public int purgeDeadLetter(String queueName) {
		checkUsable("purgeDeadLetter");
		int purged = 0;
		for (DeadLetterStore.Stored stored : this.deadLetters.read(queueName)) {
			this.deadLetters.delete(queueName, stored.message().id());
			purged++;
		}
		return purged;
	}

	/**
	 * Handle a received message on the inbound thread; every message is acknowledged, a job only once it is
	 * recorded as held by this instance.
	 */
	private void onPublish(Mqtt5Publish publish) {
		boolean acknowledged = false;
		try {
			Route route = this.topics.route(publish.getTopic().toString());
			if (route != null && route.kind() == MqttQueueTopics.Kind.JOB) {
				acknowledged = true;
				onJob(route.name(), publish);
				return;
			}
			if (route != null) {
				switch (route.kind()) {
					case MEMBER -> this.members.apply(route.name(),
							this.json.read(publish.getPayloadAsBytes(), MemberRecord.class));
					case LEDGER -> onLedger(route, publish);
					case DEAD_LETTER -> this.deadLetters.onMessage(route.name(), route.id(), publish);
					default -> {
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn(NAME + " " + this.instanceId + " could not handle a message on " + publish.getTopic() + ": "
					+ ex);
		}
		finally {
			if (!acknowledged) {
				publish.acknowledge();
			}
		}
	}

	private void onLedger(Route route, Mqtt5Publish publish) {
		if (route.id().startsWith(BARRIER_PREFIX)) {
			CountDownLatch barrier = this.barriers.remove(route.id());
			if (barrier != null) {
				barrier.countDown();
			}
			return;
		}
		this.ledger.apply(route.name(), route.id(), publish, now());
	}

	private void onJob(String queueName, Mqtt5Publish publish) {
		int delivery;
		QueueMessage message;
		try {
			delivery = LedgerEntry.property(publish, LedgerEntry.DELIVERY).map(Integer::parseInt).orElse(1);
			message = this.json.read(publish.getPayloadAsBytes());
		}
		catch (RuntimeException ex) {
			message = null;
			delivery = 0;
		}
		if (message == null) {
			logger.warn(NAME + " " + this.instanceId + " dropped a message on " + publish.getTopic()
					+ " that is not a PURISTA job");
			publish.acknowledge();
			return;
		}
		LedgerEntry entry = this.ledger.get(queueName, message.id());
		if (this.stopping || entry == null || entry.delivery() > delivery) {
			// settled, or published again since: the ledger's copy is the one that counts
			publish.acknowledge();
			return;
		}
		long scheduledAt = (message.scheduledAt() != null) ? message.scheduledAt() : 0;
		byte[] job = publish.getPayloadAsBytes();
		Received received = new Received(queueName, message.id(), delivery, scheduledAt, job);
		if (this.received.holds(queueName, message.id()) || this.leases.holds(queueName, message.id())) {
			// the broker sent this publication again (after a reconnect): this instance has it already
			publish.acknowledge();
			return;
		}
		// recorded (and its publication queued) before a worker can lease it, so the record never follows a later one
		CompletableFuture<Mqtt5PublishResult> recorded = writeRecord(queueName, message.id(), LedgerState.HELD,
				this.instanceId, delivery, 0, null, job, null);
		this.received.add(queueName, received);
		Objects.requireNonNull(recorded).whenComplete((result, error) -> {
			if (error == null && MqttQueueClient.failed(result).isEmpty()) {
				publish.acknowledge();
			}
		});
	}

	/**
	 * Heartbeat, recover this instance's expired leases and, where this instance is the recoverer, the jobs of
	 * dead instances and jobs nobody received (on the scheduler thread).
	 */
	private void tick() {
		if (!this.started || this.stopping) {
			return;
		}
		try {
			long now = now();
			if (now - this.lastHeartbeat >= this.options.memberTimeout().toMillis() / 3) {
				heartbeat(now);
			}
			recoverExpiredLeases();
			this.settling.values().removeIf((until) -> until < now);
			this.ledger.forgetSettled(now - SETTLED_MEMORY_MS);
			for (String queueName : this.queues) {
				if (this.members.isRecoverer(queueName, this.instanceId, now)) {
					recoverAbandoned(queueName, now);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug(NAME + " " + this.instanceId + " could not recover jobs now: " + ex.getMessage());
		}
	}

	private void recoverAbandoned(String queueName, long now) {
		boolean alone = !this.members.hasOtherLiveConsumer(queueName, this.instanceId, now);
		List<LedgerEntry> entries = this.ledger.entries(queueName, Integer.MAX_VALUE);
		entries.sort(Comparator.comparingLong(LedgerEntry::revision));
		for (LedgerEntry entry : entries) {
			if (this.settling.containsKey(entry.jobId()) || this.received.holds(queueName, entry.jobId())
					|| this.leases.holds(queueName, entry.jobId()) || !isAbandoned(entry, now, alone)) {
				continue;
			}
			this.settling.put(entry.jobId(), now + this.options.memberTimeout().toMillis());
			QueueMessage message = this.json.read(entry.job());
			if (message == null) {
				clearRecord(queueName, entry.jobId(), "drop a record that is not a PURISTA job");
				continue;
			}
			if (entry.state() == LedgerState.LEASED) {
				QueueMessage retry = message.withHeader(QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED);
				retry = retry.rescheduled(now, retry.headers());
				if (retry.attempt() >= retry.maxAttempts()) {
					moveToDeadLetter(queueName, retry, QueueHeaders.REASON_LEASE_EXPIRED,
							CAPABILITIES.deadLetterQueueName(queueName), entry.delivery());
				}
				else {
					keep(queueName, retry, entry.delivery() + 1);
				}
			}
			else {
				keep(queueName, message, entry.delivery() + 1);
			}
			logger.info(NAME + " " + this.instanceId + " recovered job " + entry.jobId() + " of queue '" + queueName
					+ "' (" + entry.state() + ((entry.holder() != null) ? " by " + entry.holder() : "")
					+ "): its holder is gone or nobody received it in time");
		}
	}

	/**
	 * Whether nobody will take a job unless this instance adopts it: its holder is gone, or it was published and
	 * not received by the assign deadline, or at once (after a short grace for messages under way) when no other
	 * live instance consumes the queue (then it was published before any consumer subscribed, which MQTT drops, or
	 * queued for a dead instance's session).
	 */
	private boolean isAbandoned(LedgerEntry entry, long now, boolean alone) {
		String holder = entry.holder();
		if (entry.state() == LedgerState.QUEUED || holder == null) {
			return entry.deadline() <= now || (alone && now - entry.seenAt() >= adoptGrace());
		}
		if (holder.equals(this.instanceId)) {
			return now - entry.seenAt() > this.options.memberTimeout().toMillis();
		}
		return !this.members.isAlive(holder, now);
	}

	private void recoverExpiredLeases() {
		long now = now();
		for (HeldLease held : this.leases.expired(now)) {
			if (!this.leases.take(held)) {
				continue;
			}
			this.settling.put(held.jobId, now + this.options.memberTimeout().toMillis());
			try {
				QueueMessage message = read(held.job, held)
					.withHeader(QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED);
				QueueMessage retry = message.rescheduled(now, message.headers());
				if (retry.attempt() >= retry.maxAttempts()) {
					moveToDeadLetter(held.queueName, retry, QueueHeaders.REASON_LEASE_EXPIRED,
							CAPABILITIES.deadLetterQueueName(held.queueName), held.delivery);
				}
				else {
					keep(held.queueName, retry, held.delivery + 1);
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Recovered expired " + held);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not recover expired lease " + held.leaseId + " of queue '" + held.queueName
						+ "'; its ledger record is recovered after the member timeout: " + ex.getMessage());
			}
		}
	}

	/**
	 * Record the job as queued with a publication number, then publish it on the jobs topic; both wait for the
	 * broker's acknowledgement.
	 */
	private void republish(String queueName, QueueMessage message, int delivery) {
		byte[] job = this.json.write(message, "job");
		MqttQueueClient current = requireClient();
		current.complete(Objects.requireNonNull(writeRecord(queueName, message.id(), LedgerState.QUEUED, null, delivery,
				now() + this.options.assignTimeout().toMillis(), null, job, null)), "record a job");
		current.publish(this.topics.jobs(queueName), job, false,
				Mqtt5UserProperties.builder().add(LedgerEntry.DELIVERY, Integer.toString(delivery)).build(),
				"publish a job");
	}

	/**
	 * Keep a job in this instance, due at its {@code scheduledAt}: recorded as held by this instance with the next
	 * publication number (older copies under way are then stale), then put with the received jobs. Used for
	 * retries, released and recovered leases and adopted jobs, so that none of them is handed to the share group,
	 * where the broker may give it to a dead instance's session again.
	 */
	private void keep(String queueName, QueueMessage message, int delivery) {
		byte[] job = this.json.write(message, "job");
		requireClient().complete(Objects.requireNonNull(writeRecord(queueName, message.id(), LedgerState.HELD,
				this.instanceId, delivery, 0, null, job, null)), "keep a job");
		long scheduledAt = (message.scheduledAt() != null) ? message.scheduledAt() : 0;
		this.received.add(queueName, new Received(queueName, message.id(), delivery, scheduledAt, job));
	}

	private long adoptGrace() {
		return this.options.tickInterval().toMillis() * 5;
	}

	private void moveToDeadLetter(String queueName, QueueMessage message, @Nullable String reason,
			String deadLetterQueue, int delivery) {
		QueueMessage stored = message.withLeaseExpiresAt(0);
		if (reason != null) {
			stored = stored.withHeader(QueueHeaders.DEAD_LETTER_REASON, reason);
		}
		this.deadLetters.publish(deadLetterQueue, stored, delivery);
		clearRecord(queueName, message.id(), "dead-letter a job");
		if (logger.isDebugEnabled()) {
			logger.debug("Dead-lettered job " + message.id() + " into '" + deadLetterQueue + "' (reason " + reason
					+ ")");
		}
	}

	private void clearRecord(String queueName, String jobId, String operation) {
		requireClient().complete(Objects.requireNonNull(
				writeRecord(queueName, jobId, LedgerState.SETTLED, null, 0, 0, null, new byte[0], null)), operation);
	}

	private void recordAsync(HeldLease held, long leaseExpiresAt) {
		CompletableFuture<Mqtt5PublishResult> recorded = writeRecord(held.queueName, held.jobId, LedgerState.LEASED,
				this.instanceId, held.delivery, leaseExpiresAt, held.leaseId, held.job, held);
		if (recorded != null) {
			recorded.whenComplete((result, error) -> {
				if (error != null) {
					logger.debug("Could not record " + held + " as leased: " + error.getMessage());
				}
			});
		}
	}

	/**
	 * Write a ledger record into this instance's view (the next revision of the job's entry) and queue its
	 * publication, as one step per job: the records of a job are published in the order of their revisions.
	 * @param guard a lease that must still be held for the record to be written, or {@code null}
	 * @return the publication, or {@code null} when the guard lease is no longer held
	 */
	private @Nullable CompletableFuture<Mqtt5PublishResult> writeRecord(String queueName, String jobId,
			LedgerState state, @Nullable String holder, int delivery, long deadline, @Nullable String leaseId,
			byte[] job, @Nullable HeldLease guard) {
		MqttQueueClient current = requireClient();
		synchronized (this.stripes[Math.floorMod(jobId.hashCode(), this.stripes.length)]) {
			if (guard != null && this.leases.find(queueName, guard.leaseId) != guard) {
				return null;
			}
			LedgerEntry entry = this.ledger.write(queueName, jobId, (revision) -> new LedgerEntry(queueName, jobId,
					state, holder, delivery, deadline, leaseId, revision, job, now()));
			return current.publishAsync(this.topics.ledger(queueName, jobId), job, true, entry.properties());
		}
	}

	private @Nullable HeldLease take(String queueName, String leaseId) {
		HeldLease held = this.leases.take(queueName, leaseId);
		if (held != null) {
			this.settling.put(held.jobId, now() + this.options.memberTimeout().toMillis());
		}
		return held;
	}

	private QueueMessage read(byte[] job, HeldLease held) {
		QueueMessage message = this.json.read(job);
		if (message == null) {
			throw new PuristaException("The job of " + held + " could not be read again", null);
		}
		return message;
	}

	/**
	 * Join a queue: subscribe to its ledger, then to its jobs through the share group, and announce it in the
	 * member record. Blocks the first time per queue.
	 */
	/**
	 * Consume a queue: follow its ledger, then take its jobs through the share group, and announce it in the
	 * member record. Blocks the first time per queue.
	 */
	private void consume(String queueName) {
		if (this.queues.contains(queueName)) {
			return;
		}
		synchronized (this.subscribeMonitor) {
			if (this.queues.contains(queueName)) {
				return;
			}
			watch(queueName);
			requireClient().subscribe(this.topics.sharedJobs(queueName));
			this.queues.add(queueName);
		}
		heartbeat(now());
	}

	/**
	 * Follow a queue's ledger: subscribe to it and wait until every retained record arrived (a barrier message
	 * published after the subscription comes back after them). Blocks the first time per queue.
	 */
	private void watch(String queueName) {
		MqttQueueTopics.checkLevel("queue name", queueName);
		synchronized (this.subscribeMonitor) {
			if (this.ledger.isTracked(queueName)) {
				return;
			}
			MqttQueueClient current = requireClient();
			current.subscribe(this.topics.ledgerFilter(queueName));
			String barrierId = BARRIER_PREFIX + Ids.newUuid();
			CountDownLatch barrier = new CountDownLatch(1);
			this.barriers.put(barrierId, barrier);
			try {
				current.publish(this.topics.ledger(queueName, barrierId), new byte[0], false, noProperties(),
						"read the ledger");
				if (!barrier.await(this.options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
					throw new PuristaException(NAME + " " + this.instanceId + " could not read the ledger of queue '"
							+ queueName + "' within " + this.options.operationTimeout().toMillis() + " ms", null);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PuristaException(NAME + " " + this.instanceId + " was interrupted reading a ledger", ex);
			}
			finally {
				this.barriers.remove(barrierId);
			}
			this.ledger.track(queueName);
		}
	}

	private void heartbeat(long now) {
		this.lastHeartbeat = now;
		MemberRecord record = new MemberRecord(now + this.options.memberTimeout().toMillis(), List.copyOf(this.queues));
		requireClient().publishAsync(this.topics.member(this.instanceId), this.json.write(record, "member record"), true,
				noProperties());
	}

	/**
	 * Whether this instance knows another one as alive (for tests).
	 * @param otherInstanceId the other instance
	 * @return whether its member record is known and recent
	 */
	boolean isKnownMember(String otherInstanceId) {
		return this.members.isAlive(otherInstanceId, now());
	}

	private MqttQueueClient requireClient() {
		MqttQueueClient current = this.client;
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

	private static Mqtt5UserProperties noProperties() {
		return Mqtt5UserProperties.builder().build();
	}

	/**
	 * Run a task of the MQTT client on the inbound thread. After {@link #destroy()} the thread is gone and the task
	 * is dropped: the client still ends its local session when the session expiry has passed, and the flow's end
	 * has nowhere to go (RxJava would report the rejection as an undeliverable error on a Netty thread).
	 */
	private static void inbound(ExecutorService executor, Runnable task) {
		try {
			executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.trace("Dropped an MQTT client task after destroy");
		}
	}

	private static ThreadFactory daemon(String prefix) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + Ids.newUuid().substring(0, 8));
			thread.setDaemon(true);
			return thread;
		};
	}

	private static long now() {
		return System.currentTimeMillis();
	}

}
