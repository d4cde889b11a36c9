package dev.purista.core.queue.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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

/**
 * A {@link QueueBridge} that keeps jobs in memory, for monoliths, tests and development: TypeScript PURISTA's
 * {@code DefaultQueueBridge} semantics, plus enforced idempotency keys and lease inspection. It offers both
 * optional roles: {@link DeadLetterAdministration} and {@link QueueInspection}.
 * <ul>
 * <li>Jobs of a queue are leased in FIFO order: the first job (in enqueue or re-enqueue order) whose
 * {@code scheduledAt} has passed. Leasing increments {@code attempt}.</li>
 * <li>Unless the request says otherwise a lease lasts {@value #DEFAULT_LEASE_TTL_MS} ms and a job is
 * dead-lettered after {@value #DEFAULT_MAX_ATTEMPTS} attempts.</li>
 * <li>Expired leases are recovered on every {@link #leaseNext}, {@link #metrics} and {@link #inspectLeases}
 * call: the job becomes due again with header {@value QueueHeaders#LAST_RETRY_REASON} {@code lease_expired}, or
 * is dead-lettered with that reason when its attempts are exhausted.</li>
 * <li>Dead letters of queue {@code q} are kept under {@code q.dead-letter}
 * ({@link QueueCapabilities#deadLetterQueueName(String)}).</li>
 * <li>A repeated idempotency key on the same queue returns the first job's result and stores nothing. Keys are
 * remembered for the life of the bridge.</li>
 * <li>Payloads and parameters are stored as JSON copies, and every lease and peek hands out a fresh copy, so
 * nothing is shared between producers, consumers and the stored job.</li>
 * </ul>
 * All methods are thread-safe; {@link #leaseNext} blocks without polling until a job becomes due (by enqueue,
 * by a delayed job's time passing, by an expired lease, by a nack, release or redrive) or the wait ends. Nothing
 * survives the process: use a broker-backed bridge when jobs must outlive it. After {@link #destroy()} every
 * call fails with {@link BridgeStoppingException}.
 */
public final class InMemoryQueueBridge implements QueueBridge, DeadLetterAdministration, QueueInspection {

	/** The bridge's name. */
	public static final String NAME = "InMemoryQueueBridge";

	/** How long a lease lasts unless the enqueue request says otherwise, in milliseconds. */
	public static final long DEFAULT_LEASE_TTL_MS = 30_000;

	/** After how many attempts a job is dead-lettered unless the enqueue request says otherwise. */
	public static final int DEFAULT_MAX_ATTEMPTS = 5;

	private static final Log logger = LogFactory.getLog(InMemoryQueueBridge.class);

	private static final QueueCapabilities CAPABILITIES = QueueCapabilities.builder()
		.delayedDelivery(true)
		.fifoOrdering(true)
		.maxBatchSize(1)
		.defaultDeadLetterSuffix(".dead-letter")
		.deadLetterInspectable(true)
		.deadLetterInspectSupported(true)
		.deadLetterReplaySupported(true)
		.deadLetterPurgeSupported(true)
		.leaseInspectionSupported(true)
		.idempotencyEnforcement(true)
		.strictStartupValidation(true)
		.build();

	private static final Comparator<Job> BY_DUE_TIME = Comparator.comparingLong(Job::scheduledAt)
		.thenComparingLong(Job::sequence);

	private static final Comparator<Expiry> BY_EXPIRY = Comparator.comparingLong(Expiry::expiresAt)
		.thenComparing(Expiry::leaseId);

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, QueueState> queues = new HashMap<>();

	private final Map<String, List<QueueMessage>> deadLetters = new HashMap<>();

	private final String instanceId = Ids.newUuid();

	private final long defaultLeaseTtlMs;

	private final int defaultMaxAttempts;

	private final Clock clock;

	private final MessageCodec codec;

	private long sequence;

	private volatile boolean started;

	private volatile boolean destroyed;

	/**
	 * Create a bridge with PURISTA's defaults (30000 ms leases, 5 attempts) and the system clock.
	 */
	public InMemoryQueueBridge() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a bridge with PURISTA's defaults and a given clock (for tests of scheduling).
	 * @param clock the clock that decides when jobs are due and leases expire
	 */
	public InMemoryQueueBridge(Clock clock) {
		this(Duration.ofMillis(DEFAULT_LEASE_TTL_MS), DEFAULT_MAX_ATTEMPTS, clock);
	}

	/**
	 * Create a bridge with other defaults.
	 * @param defaultLeaseTtl how long a lease lasts unless a request says otherwise
	 * @param defaultMaxAttempts after how many attempts a job is dead-lettered unless a request says otherwise
	 * @param clock the clock that decides when jobs are due and leases expire
	 */
	public InMemoryQueueBridge(Duration defaultLeaseTtl, int defaultMaxAttempts, Clock clock) {
		this(defaultLeaseTtl, defaultMaxAttempts, clock, new MessageCodec());
	}

	/**
	 * Create a bridge with other defaults and a given codec for the JSON copies of payloads.
	 * @param defaultLeaseTtl how long a lease lasts unless a request says otherwise
	 * @param defaultMaxAttempts after how many attempts a job is dead-lettered unless a request says otherwise
	 * @param clock the clock that decides when jobs are due and leases expire
	 * @param codec the codec that copies payloads and parameters as JSON
	 */
	public InMemoryQueueBridge(Duration defaultLeaseTtl, int defaultMaxAttempts, Clock clock, MessageCodec codec) {
		Objects.requireNonNull(defaultLeaseTtl, "defaultLeaseTtl");
		if (defaultLeaseTtl.isNegative() || defaultLeaseTtl.isZero()) {
			throw new IllegalArgumentException("defaultLeaseTtl must be positive, e.g. 30s, was " + defaultLeaseTtl);
		}
		if (defaultMaxAttempts < 1) {
			throw new IllegalArgumentException(
					"defaultMaxAttempts must be at least 1, e.g. 5, was " + defaultMaxAttempts);
		}
		this.defaultLeaseTtlMs = defaultLeaseTtl.toMillis();
		this.defaultMaxAttempts = defaultMaxAttempts;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.codec = Objects.requireNonNull(codec, "codec");
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
	 * Mark the bridge as started. The in-memory bridge needs no connection and accepts work before this call.
	 * @throws BridgeStoppingException if the bridge was destroyed
	 */
	@Override
	public void start() {
		checkNotDestroyed("start");
		this.started = true;
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	@Override
	public boolean isHealthy() {
		return !this.destroyed;
	}

	/**
	 * Drop all jobs, leases and dead letters and wake up waiting consumers, which then fail with
	 * {@link BridgeStoppingException}. Idempotent.
	 */
	@Override
	public void destroy() {
		this.lock.lock();
		try {
			if (this.destroyed) {
				return;
			}
			this.destroyed = true;
			this.queues.values().forEach((state) -> state.available.signalAll());
			this.queues.clear();
			this.deadLetters.clear();
		}
		finally {
			this.lock.unlock();
		}
		logger.debug("Destroyed in-memory queue bridge " + this.instanceId);
	}

	@Override
	public EnqueueResult enqueue(EnqueueRequest request) {
		Objects.requireNonNull(request, "request");
		checkNotDestroyed("enqueue");
		QueueArguments.checkEnqueueRequest(request);
		JsonNode payload = this.codec.copyAsJson(request.payload());
		JsonNode parameter = this.codec.copyAsJson(request.parameter());
		this.lock.lock();
		try {
			checkNotDestroyed("enqueue");
			QueueState state = state(request.queueName());
			String key = request.idempotencyKey();
			if (key != null) {
				EnqueueResult first = state.idempotency.get(key);
				if (first != null) {
					if (logger.isDebugEnabled()) {
						logger.debug("Idempotency key seen before on queue '" + request.queueName()
								+ "': returning job " + first.jobId());
					}
					return first;
				}
			}
			long now = now();
			QueueMessage message = QueueMessage.enqueued(request, Ids.newUuid(), now, payload, parameter,
					this.defaultMaxAttempts, this.defaultLeaseTtlMs);
			EnqueueResult result = new EnqueueResult(message.id(), request.queueName(), message.scheduledAt());
			if (key != null) {
				state.idempotency.put(key, result);
			}
			push(state, message, now);
			if (logger.isDebugEnabled()) {
				logger.debug("Enqueued job " + message.id() + " on queue '" + request.queueName() + "'");
			}
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Lease the next due job, blocking the calling thread up to {@code waitTime} until one becomes due. If the
	 * thread is interrupted while waiting, the interrupt flag is restored and {@code null} returned without
	 * taking a job.
	 * @param queueName the queue
	 * @param waitTime how long to wait for a due job ({@link Duration#ZERO} does not wait)
	 * @return the lease, or {@code null} if no job became due in time
	 */
	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		Objects.requireNonNull(queueName, "queueName");
		long waitNanos = QueueArguments.waitNanos(waitTime);
		long deadline = System.nanoTime() + waitNanos;
		this.lock.lock();
		try {
			checkNotDestroyed("leaseNext");
			QueueState state = state(queueName);
			while (true) {
				long now = now();
				recoverExpiredLeases(state, now);
				promoteDueJobs(state, now);
				Map.Entry<Long, Job> next = state.ready.pollFirstEntry();
				if (next != null) {
					return lease(state, next.getValue().message(), now);
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return null;
				}
				long nextEventAt = nextEventAt(state);
				if (nextEventAt != Long.MAX_VALUE) {
					long untilEvent = TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextEventAt - now));
					remaining = Math.min(remaining, untilEvent);
				}
				try {
					state.available.awaitNanos(remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
				checkNotDestroyed("leaseNext");
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Extend a lease to {@code extension} from now.
	 * @throws PuristaException if the lease is unknown (acked, nacked, released or recovered) or already expired
	 */
	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		this.lock.lock();
		try {
			checkNotDestroyed("extendLease");
			QueueState state = this.queues.get(queueName);
			LeaseEntry lease = (state != null) ? state.leases.get(leaseId) : null;
			if (state == null || lease == null) {
				throw new PuristaException("Lease " + leaseId + " of queue '" + queueName
						+ "' is unknown: it was acked, nacked, released or recovered after it expired");
			}
			long now = now();
			if (lease.expiresAt <= now) {
				throw new PuristaException("Lease " + leaseId + " of queue '" + queueName + "' expired "
						+ (now - lease.expiresAt) + " ms ago; extend leases before they expire");
			}
			state.expiries.remove(new Expiry(lease.expiresAt, leaseId));
			lease.expiresAt = now + Math.max(0, extension.toMillis());
			lease.message = lease.message.withLeaseExpiresAt(lease.expiresAt);
			state.expiries.add(new Expiry(lease.expiresAt, leaseId));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Remove the job of a lease. An unknown lease (for example one recovered after it expired) is ignored.
	 */
	@Override
	public void ack(String queueName, String leaseId) {
		this.lock.lock();
		try {
			checkNotDestroyed("ack");
			LeaseEntry lease = removeLease(queueName, leaseId, "ack");
			if (lease != null && logger.isDebugEnabled()) {
				logger.debug("Acked job " + lease.message.id() + " of queue '" + queueName + "'");
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Schedule the job of a lease again after {@code delay}, or dead-letter it in {@code <queue>.dead-letter}
	 * (reason {@code reason}, else {@code max_attempts_exceeded}) when {@code attempt >= maxAttempts}. Every
	 * rescheduling counts as a retry in {@link #metrics}. An unknown lease is ignored.
	 */
	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		this.lock.lock();
		try {
			checkNotDestroyed("nack");
			LeaseEntry lease = removeLease(queueName, leaseId, "nack");
			if (lease == null) {
				return;
			}
			QueueState state = state(queueName);
			long now = now();
			QueueMessage message = lease.message;
			Map<String, String> headers = withHeader(message.headers(), QueueHeaders.LAST_RETRY_REASON, reason);
			message = message.rescheduled(now + Math.max(0, delay.toMillis()), headers);
			if (message.attempt() >= message.maxAttempts()) {
				deadLetter(CAPABILITIES.deadLetterQueueName(queueName), message,
						(reason != null) ? reason : QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED);
				return;
			}
			state.retries++;
			push(state, message, now);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Make the job of a lease due again at once; its attempt count stays as it is and it is never dead-lettered
	 * by this call. An unknown lease is ignored.
	 */
	@Override
	public void release(String queueName, String leaseId) {
		this.lock.lock();
		try {
			checkNotDestroyed("release");
			LeaseEntry lease = removeLease(queueName, leaseId, "release");
			if (lease == null) {
				return;
			}
			long now = now();
			push(state(queueName), lease.message.rescheduled(now, lease.message.headers()), now);
			if (logger.isDebugEnabled()) {
				logger.debug("Released job " + lease.message.id() + " of queue '" + queueName + "'");
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Dead-letter the job of a lease and remove the lease, under the bridge's lock. An unknown lease is
	 * ignored.
	 */
	@Override
	public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
		Objects.requireNonNull(request, "request");
		this.lock.lock();
		try {
			checkNotDestroyed("deadLetter");
			LeaseEntry lease = removeLease(queueName, leaseId, "deadLetter");
			if (lease == null) {
				return;
			}
			QueueMessage message = lease.message;
			if (request.lastRetryReason() != null) {
				message = message.withHeader(QueueHeaders.LAST_RETRY_REASON, request.lastRetryReason());
			}
			deadLetter(request.deadLetterQueueName(queueName, CAPABILITIES), message, request.reason());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * This bridge: it keeps dead letters and can peek, redrive and purge them.
	 */
	@Override
	public Optional<DeadLetterAdministration> deadLetterAdministration() {
		return Optional.of(this);
	}

	/**
	 * This bridge: it reports metrics and active leases.
	 */
	@Override
	public Optional<QueueInspection> inspection() {
		return Optional.of(this);
	}

	@Override
	public List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit) {
		QueueArguments.checkRange(offset, limit);
		this.lock.lock();
		try {
			checkNotDestroyed("peekDeadLetter");
			List<QueueMessage> list = this.deadLetters.getOrDefault(queueName, List.of());
			List<QueueMessage> result = new ArrayList<>();
			for (int i = offset; i < list.size() && result.size() < limit; i++) {
				result.add(handOut(list.get(i)));
			}
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Move the oldest dead letters back to the queue named in each job, due at once, behind the jobs already
	 * waiting. Attempt counts and headers are kept.
	 */
	@Override
	public int redriveDeadLetter(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		this.lock.lock();
		try {
			checkNotDestroyed("redriveDeadLetter");
			List<QueueMessage> list = this.deadLetters.get(queueName);
			if (list == null || list.isEmpty()) {
				return 0;
			}
			List<QueueMessage> moved = new ArrayList<>(list.subList(0, Math.min(limit, list.size())));
			list.subList(0, moved.size()).clear();
			long now = now();
			for (QueueMessage message : moved) {
				push(state(message.queueName()), message.rescheduled(now, message.headers()), now);
			}
			logger.debug("Redrove " + moved.size() + " job(s) from dead-letter queue '" + queueName + "'");
			return moved.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int purgeDeadLetter(String queueName) {
		this.lock.lock();
		try {
			checkNotDestroyed("purgeDeadLetter");
			List<QueueMessage> list = this.deadLetters.remove(queueName);
			return (list != null) ? list.size() : 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * List the active leases of a queue, oldest first, after recovering expired ones.
	 */
	@Override
	public List<QueueLease> inspectLeases(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		this.lock.lock();
		try {
			checkNotDestroyed("inspectLeases");
			QueueState state = this.queues.get(queueName);
			if (state == null) {
				return List.of();
			}
			recoverExpiredLeases(state, now());
			List<QueueLease> result = new ArrayList<>();
			for (LeaseEntry lease : state.leases.values()) {
				if (result.size() >= limit) {
					break;
				}
				result.add(new QueueLease(lease.message.id(), queueName, handOut(lease.message), lease.leaseId,
						lease.leasedAt, lease.expiresAt));
			}
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Figures of a queue after recovering expired leases: {@code pending} counts due and delayed jobs,
	 * {@code deadLetter} the jobs in {@code <queue>.dead-letter}, {@code retries} every rescheduling by
	 * {@link #nack} or lease recovery so far, {@code oldestAgeMs} the age of the earliest created pending job.
	 */
	@Override
	public QueueMetrics metrics(String queueName) {
		this.lock.lock();
		try {
			checkNotDestroyed("metrics");
			long now = now();
			QueueState state = this.queues.get(queueName);
			if (state != null) {
				recoverExpiredLeases(state, now);
			}
			List<QueueMessage> deadLettered = this.deadLetters.get(CAPABILITIES.deadLetterQueueName(queueName));
			long deadLetter = (deadLettered != null) ? deadLettered.size() : 0;
			if (state == null) {
				return new QueueMetrics(0, 0, deadLetter, 0, null);
			}
			long oldestCreatedAt = Long.MAX_VALUE;
			for (Job job : state.ready.values()) {
				oldestCreatedAt = Math.min(oldestCreatedAt, job.message().createdAt());
			}
			for (Job job : state.scheduled) {
				oldestCreatedAt = Math.min(oldestCreatedAt, job.message().createdAt());
			}
			Long oldestAgeMs = (oldestCreatedAt != Long.MAX_VALUE) ? Math.max(0, now - oldestCreatedAt) : null;
			return new QueueMetrics(state.ready.size() + state.scheduled.size(), state.leases.size(), deadLetter,
					state.retries, oldestAgeMs);
		}
		finally {
			this.lock.unlock();
		}
	}

	private QueueLease lease(QueueState state, QueueMessage message, long now) {
		QueueMessage leased = message.leased(now + message.leaseTtlMs());
		String leaseId = Ids.newUuid();
		LeaseEntry entry = new LeaseEntry(leaseId, leased, now, leased.leaseExpiresAt());
		state.leases.put(leaseId, entry);
		state.expiries.add(new Expiry(entry.expiresAt, leaseId));
		if (logger.isDebugEnabled()) {
			logger.debug("Leased job " + leased.id() + " of queue '" + leased.queueName() + "' (attempt "
					+ leased.attempt() + ")");
		}
		return new QueueLease(leased.id(), state.name, handOut(leased), leaseId, now, entry.expiresAt);
	}

	private void recoverExpiredLeases(QueueState state, long now) {
		while (!state.expiries.isEmpty() && state.expiries.first().expiresAt() <= now) {
			Expiry expiry = state.expiries.pollFirst();
			LeaseEntry lease = state.leases.remove(expiry.leaseId());
			if (lease == null) {
				continue;
			}
			QueueMessage message = lease.message.rescheduled(now,
					withHeader(lease.message.headers(), QueueHeaders.LAST_RETRY_REASON, QueueHeaders.REASON_LEASE_EXPIRED));
			if (logger.isDebugEnabled()) {
				logger.debug("Lease " + lease.leaseId + " of job " + message.id() + " on queue '" + state.name
						+ "' expired (attempt " + message.attempt() + " of " + message.maxAttempts() + ")");
			}
			if (message.attempt() >= message.maxAttempts()) {
				deadLetter(CAPABILITIES.deadLetterQueueName(state.name), message, QueueHeaders.REASON_LEASE_EXPIRED);
			}
			else {
				state.retries++;
				push(state, message, now);
			}
		}
	}

	private void promoteDueJobs(QueueState state, long now) {
		while (!state.scheduled.isEmpty() && state.scheduled.peek().scheduledAt() <= now) {
			Job job = state.scheduled.poll();
			state.ready.put(job.sequence(), job);
		}
	}

	private static long nextEventAt(QueueState state) {
		long next = Long.MAX_VALUE;
		if (!state.scheduled.isEmpty()) {
			next = state.scheduled.peek().scheduledAt();
		}
		if (!state.expiries.isEmpty()) {
			next = Math.min(next, state.expiries.first().expiresAt());
		}
		return next;
	}

	private void push(QueueState state, QueueMessage message, long now) {
		Job job = new Job(++this.sequence, message);
		if (job.scheduledAt() <= now) {
			state.ready.put(job.sequence(), job);
		}
		else {
			state.scheduled.add(job);
		}
		state.available.signalAll();
	}

	private void deadLetter(String deadLetterQueueName, QueueMessage message, @Nullable String reason) {
		QueueMessage stored = message.withLeaseExpiresAt(0);
		if (reason != null) {
			stored = stored.withHeader(QueueHeaders.DEAD_LETTER_REASON, reason);
		}
		this.deadLetters.computeIfAbsent(deadLetterQueueName, (name) -> new ArrayList<>()).add(stored);
		if (logger.isDebugEnabled()) {
			logger.debug("Dead-lettered job " + message.id() + " into '" + deadLetterQueueName + "' (reason "
					+ reason + ")");
		}
	}

	private @Nullable LeaseEntry removeLease(String queueName, String leaseId, String operation) {
		QueueState state = this.queues.get(queueName);
		LeaseEntry lease = (state != null) ? state.leases.remove(leaseId) : null;
		if (state == null || lease == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored " + operation + " of unknown lease " + leaseId + " on queue '" + queueName
						+ "' (acked, nacked, released or recovered before)");
			}
			return null;
		}
		state.expiries.remove(new Expiry(lease.expiresAt, leaseId));
		return lease;
	}

	private QueueState state(String queueName) {
		return this.queues.computeIfAbsent(queueName, QueueState::new);
	}

	private QueueMessage handOut(QueueMessage message) {
		return copy(message, deepCopy(message.payload()), deepCopy(message.parameter()));
	}

	private static @Nullable Object deepCopy(@Nullable Object value) {
		return (value instanceof JsonNode node) ? node.deepCopy() : value;
	}

	private static QueueMessage copy(QueueMessage message, @Nullable Object payload, @Nullable Object parameter) {
		return new QueueMessage(message.id(), message.queueName(), payload, parameter, message.headers(),
				message.createdAt(), message.scheduledAt(), message.priority(), message.attempt(),
				message.maxAttempts(), message.leaseExpiresAt(), message.leaseTtlMs(), message.traceId(),
				message.parentSpanId(), message.correlationId(), message.idempotencyKey(), message.extensions());
	}

	private static Map<String, String> withHeader(Map<String, String> headers, String name, @Nullable String value) {
		if (value == null) {
			return headers;
		}
		Map<String, String> copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return copy;
	}

	private long now() {
		return this.clock.millis();
	}

	private void checkNotDestroyed(String operation) {
		if (this.destroyed) {
			throw new BridgeStoppingException(
					NAME + " " + this.instanceId + " was destroyed and refuses " + operation + "; create a new bridge",
					null);
		}
	}

	/**
	 * The jobs, leases and counters of one queue. Guarded by the bridge's lock.
	 */
	private final class QueueState {

		final String name;

		final Condition available = InMemoryQueueBridge.this.lock.newCondition();

		/** Due jobs by sequence: FIFO. */
		final TreeMap<Long, Job> ready = new TreeMap<>();

		/** Jobs not yet due, by due time. */
		final PriorityQueue<Job> scheduled = new PriorityQueue<>(BY_DUE_TIME);

		final Map<String, LeaseEntry> leases = new LinkedHashMap<>();

		final TreeSet<Expiry> expiries = new TreeSet<>(BY_EXPIRY);

		final Map<String, EnqueueResult> idempotency = new HashMap<>();

		long retries;

		QueueState(String name) {
			this.name = name;
		}

	}

	private record Job(long sequence, QueueMessage message) {

		long scheduledAt() {
			Long scheduledAt = this.message.scheduledAt();
			return (scheduledAt != null) ? scheduledAt : 0;
		}

	}

	private record Expiry(long expiresAt, String leaseId) {

	}

	private static final class LeaseEntry {

		final String leaseId;

		final long leasedAt;

		QueueMessage message;

		long expiresAt;

		LeaseEntry(String leaseId, QueueMessage message, long leasedAt, long expiresAt) {
			this.leaseId = leaseId;
			this.message = message;
			this.leasedAt = leasedAt;
			this.expiresAt = expiresAt;
		}

	}

}
