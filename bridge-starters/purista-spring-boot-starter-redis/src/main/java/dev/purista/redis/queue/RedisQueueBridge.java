package dev.purista.redis.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

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
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.redis.RedisHealth;

/**
 * A {@link QueueBridge} on Redis that shares queues with TypeScript PURISTA's {@code RedisQueueBridge}: the same
 * keys ({@link RedisQueueKeys}), the same job JSON ({@link QueueMessage}) and the same steps, each multi-key step
 * one Lua script, so Java and TypeScript workers can lease from one queue.
 * <ul>
 * <li>Enqueue stores the job in {@code :jobs} and pushes its id on {@code :pending} (or into {@code :scheduled}
 * when it is due later); with an idempotency key the first enqueue's result is kept in
 * {@code :idempotency:<key>} (without expiry) and returned for every repeat.</li>
 * <li>{@link #leaseNext} recovers expired leases, moves due delayed jobs to {@code :pending}, then takes the
 * oldest pending job into {@code :processing}, increments its {@code attempt} and records the lease. When no
 * job is due it waits with {@code BLMOVE} (at most {@link RedisQueueBridgeOptions#maxBlock()} at a time, and
 * no longer than until the next delayed job or lease expiry) and then takes the lease for the moved job.</li>
 * <li>Jobs of queue {@code q} are dead-lettered in the list {@code <prefix>q:dead-letter}; the dead-letter
 * queue's name is {@code q:dead-letter} ({@link QueueCapabilities#deadLetterQueueName(String)}). A job whose
 * stored text is not a PURISTA job is dead-lettered too, with reason {@code corrupt_job} and its original text
 * in the member {@code corruptJob}; the queue goes on.</li>
 * <li>{@link #deadLetter} moves the leased job to the dead-letter list and ends its lease in one script, so
 * the job is never dead-lettered and leased at once.</li>
 * <li>Job JSON is changed in place by the scripts (attempt, lease expiry, headers): payloads keep their exact
 * text.</li>
 * </ul>
 * Redis failures surface as {@link PuristaException}s naming the operation; {@link #isHealthy()} pings Redis.
 * The connection is Spring Data Redis's ({@code spring.data.redis.*} in Spring Boot), with Lettuce; blocking
 * waits use connections of their own. {@link #destroy()} gives back the leases this instance still holds. It
 * offers both optional roles: {@link DeadLetterAdministration} and {@link QueueInspection}.
 */
public final class RedisQueueBridge implements QueueBridge, DeadLetterAdministration, QueueInspection {

	/** The bridge's name, as in TypeScript PURISTA. */
	public static final String NAME = "RedisQueueBridge";

	/** The dead-letter reason of a job whose stored text is not a PURISTA job. */
	public static final String REASON_CORRUPT_JOB = "corrupt_job";

	private static final Log logger = LogFactory.getLog(RedisQueueBridge.class);

	private static final QueueCapabilities CAPABILITIES = QueueCapabilities.builder()
		.delayedDelivery(true)
		.fifoOrdering(true)
		.maxBatchSize(1)
		.defaultDeadLetterSuffix(RedisQueueKeys.DEAD_LETTER_SUFFIX)
		.deadLetterInspectable(true)
		.deadLetterInspectSupported(true)
		.deadLetterReplaySupported(true)
		.deadLetterPurgeSupported(true)
		.leaseInspectionSupported(true)
		.idempotencyEnforcement(true)
		.strictStartupValidation(true)
		.build();

	/** How many expired leases one script call recovers at most. */
	private static final String RECOVER_LIMIT = "50";

	private final StringRedisTemplate redis;

	private final MessageCodec codec;

	private final RedisQueueBridgeOptions options;

	private final Clock clock;

	private final RedisQueueScripts scripts = new RedisQueueScripts();

	private final BlockingConnections blocking;

	private final String instanceId = Ids.newUuid();

	private final Map<String, RedisQueueKeys> keys = new ConcurrentHashMap<>();

	private final Map<String, Long> orphanChecks = new ConcurrentHashMap<>();

	private final Map<String, String> heldLeases = new ConcurrentHashMap<>();

	private volatile boolean started;

	private volatile boolean destroyed;

	/**
	 * Create a bridge with TypeScript PURISTA's defaults.
	 * @param connectionFactory the Redis connection factory
	 * @param codec the codec that writes and reads job JSON
	 */
	public RedisQueueBridge(RedisConnectionFactory connectionFactory, MessageCodec codec) {
		this(connectionFactory, codec, RedisQueueBridgeOptions.defaults(), Clock.systemUTC());
	}

	/**
	 * Create a bridge.
	 * @param connectionFactory the Redis connection factory
	 * @param codec the codec that writes and reads job JSON
	 * @param options key prefix, job defaults and waiting
	 * @param clock the clock for due times and lease expiry (all instances sharing a queue need close clocks)
	 */
	public RedisQueueBridge(RedisConnectionFactory connectionFactory, MessageCodec codec,
			RedisQueueBridgeOptions options, Clock clock) {
		Objects.requireNonNull(connectionFactory, "connectionFactory");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.codec = Objects.requireNonNull(codec, "codec");
		this.options = Objects.requireNonNull(options, "options");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.blocking = new BlockingConnections(connectionFactory);
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
	 * The options this bridge runs with.
	 * @return the options
	 */
	public RedisQueueBridgeOptions options() {
		return this.options;
	}

	/**
	 * Check that Redis answers and mark the bridge as started.
	 * @throws PuristaException if Redis cannot be reached
	 */
	@Override
	public void start() {
		checkNotDestroyed("start");
		call("start (PING)", "-", () -> this.redis.execute((connection) -> connection.ping(), true));
		this.started = true;
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	/**
	 * Whether the bridge is started and Redis answers a {@code PING} now.
	 */
	@Override
	public boolean isHealthy() {
		return isReady() && RedisHealth.answersPing(this.redis);
	}

	/**
	 * Give back the leases this instance still holds (their jobs are due again at once, attempts kept), close the
	 * waiting connections and refuse further calls with {@link BridgeStoppingException}. Jobs stay in Redis.
	 * Idempotent.
	 */
	@Override
	public void destroy() {
		if (this.destroyed) {
			return;
		}
		for (Map.Entry<String, String> held : Map.copyOf(this.heldLeases).entrySet()) {
			try {
				if ("requeued".equals(endLease(held.getValue(), held.getKey(), "release", "", 0))) {
					logger.info("Released unfinished job lease " + held.getKey() + " of queue '" + held.getValue()
							+ "' on shutdown");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release lease " + held.getKey() + " of queue '" + held.getValue()
						+ "' on shutdown; it is recovered when it expires: " + ex);
			}
		}
		this.destroyed = true;
		this.blocking.close();
		logger.debug("Destroyed Redis queue bridge " + this.instanceId);
	}

	/**
	 * Store a job.
	 * @throws PuristaException if Redis cannot be reached or refuses the job: it was not stored (or, when the
	 * connection broke after sending, the message says it may have been)
	 */
	@Override
	public EnqueueResult enqueue(EnqueueRequest request) {
		Objects.requireNonNull(request, "request");
		checkNotDestroyed("enqueue");
		QueueArguments.checkEnqueueRequest(request);
		long now = now();
		QueueMessage message = QueueMessage.enqueued(request, Ids.newUuid(), now, request.payload(),
				request.parameter(), this.options.defaultMaxAttempts(), this.options.defaultLeaseTtl().toMillis());
		String jobId = message.id();
		long scheduledAt = message.scheduledAt();
		EnqueueResult result = new EnqueueResult(jobId, request.queueName(), scheduledAt);
		String json = write(message, "job");
		RedisQueueKeys keys = keys(request.queueName());
		List<String> scriptKeys = keys.all();
		String idempotencyRecord = "";
		if (request.idempotencyKey() != null) {
			scriptKeys = new ArrayList<>(scriptKeys);
			scriptKeys.add(keys.idempotency(request.idempotencyKey()));
			idempotencyRecord = write(result, "enqueue result");
		}
		String first;
		try {
			first = this.redis.execute(this.scripts.enqueue, scriptKeys, jobId, json, Long.toString(scheduledAt),
					Long.toString(now), idempotencyRecord);
		}
		catch (DataAccessException ex) {
			String stored = wasNotSent(ex) ? "the job was not stored" : "the job may not have been stored";
			throw new PuristaException(NAME + " could not enqueue a job on queue '" + request.queueName() + "' ("
					+ stored + "): " + ex.getMostSpecificCause().getMessage(), ex);
		}
		if (first != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Idempotency key seen before on queue '" + request.queueName() + "'");
			}
			return read(first, EnqueueResult.class);
		}
		return result;
	}

	/**
	 * Lease the next due job, waiting up to {@code waitTime}. If the thread is interrupted while waiting, the
	 * interrupt flag stays set and {@code null} is returned.
	 */
	@Override
	public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
		Objects.requireNonNull(queueName, "queueName");
		checkNotDestroyed("leaseNext");
		RedisQueueKeys keys = keys(queueName);
		long deadline = System.nanoTime() + QueueArguments.waitNanos(waitTime);
		recoverOrphansFromTimeToTime(keys);
		String claim = "";
		while (true) {
			LeaseAnswer answer = takeLease(keys, claim);
			if (answer.lease() != null) {
				return answer.lease();
			}
			long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (remainingMs <= 0 || Thread.currentThread().isInterrupted()) {
				return null;
			}
			long block = Math.min(remainingMs, this.options.maxBlock().toMillis());
			if (answer.nextEventAt() >= 0) {
				block = Math.min(block, Math.max(1, answer.nextEventAt() - now()));
			}
			checkNotDestroyed("leaseNext");
			String moved = waitForJob(keys, Duration.ofMillis(block));
			if (moved == null && Thread.currentThread().isInterrupted()) {
				return null;
			}
			claim = (moved != null) ? moved : "";
		}
	}

	/**
	 * Extend a lease to {@code extension} from now.
	 * @throws PuristaException if the lease is unknown (acked, nacked, released or recovered) or already expired
	 */
	@Override
	public void extendLease(String queueName, String leaseId, Duration extension) {
		checkNotDestroyed("extendLease");
		long now = now();
		String answer = call("extend lease", queueName,
				() -> this.redis.execute(this.scripts.extend, keys(queueName).all(), leaseId, Long.toString(now),
						Long.toString(now + Math.max(0, extension.toMillis()))));
		if ("unknown".equals(answer)) {
			this.heldLeases.remove(leaseId);
			throw new PuristaException("Lease " + leaseId + " of queue '" + queueName
					+ "' is unknown: it was acked, nacked, released or recovered after it expired");
		}
		if ("expired".equals(answer)) {
			throw new PuristaException("Lease " + leaseId + " of queue '" + queueName
					+ "' expired; extend leases before they expire");
		}
	}

	/**
	 * Remove the job of a lease. An unknown lease (for example one recovered after it expired) is ignored.
	 */
	@Override
	public void ack(String queueName, String leaseId) {
		checkNotDestroyed("ack");
		this.heldLeases.remove(leaseId);
		Long acked = call("ack", queueName,
				() -> this.redis.execute(this.scripts.ack, keys(queueName).all(), leaseId));
		if (acked != null && acked == 0 && logger.isDebugEnabled()) {
			logger.debug("Ignored ack of unknown lease " + leaseId + " on queue '" + queueName + "'");
		}
	}

	/**
	 * Schedule the job of a lease again after {@code delay} (counted in the {@code retries} statistic), or
	 * dead-letter it when {@code attempt >= maxAttempts} (reason {@code reason}, else
	 * {@code max_attempts_exceeded}). An unknown lease is ignored.
	 */
	@Override
	public void nack(String queueName, String leaseId, @Nullable String reason, Duration delay) {
		endLease(queueName, leaseId, "nack", (reason != null) ? reason : "", Math.max(0, delay.toMillis()));
	}

	/**
	 * Give a lease back: the job is due at once, first in line, with its attempt count kept; never
	 * dead-lettered by this call. An unknown lease is ignored.
	 */
	@Override
	public void release(String queueName, String leaseId) {
		endLease(queueName, leaseId, "release", "", 0);
	}

	/**
	 * Dead-letter the job of a lease and end the lease with one Lua script: the job's stored JSON (attempt as
	 * leased, {@code leaseExpiresAt} 0, the reason headers added) is pushed on the dead-letter list
	 * ({@link RedisQueueKeys#ofDeadLetterQueue}) and removed from {@code :jobs}, {@code :processing} and the
	 * lease maps together, so a connection lost at any moment leaves the job either leased or dead-lettered.
	 * An unknown lease is ignored.
	 * @throws PuristaException if Redis cannot be reached; when the connection broke after sending, the script
	 * may have run
	 */
	@Override
	public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
		Objects.requireNonNull(queueName, "queueName");
		Objects.requireNonNull(leaseId, "leaseId");
		Objects.requireNonNull(request, "request");
		checkNotDestroyed("deadLetter");
		String deadLetterQueueName = request.deadLetterQueueName(queueName, CAPABILITIES);
		RedisQueueKeys target = RedisQueueKeys.ofDeadLetterQueue(this.options.keyPrefix(), deadLetterQueueName);
		List<String> scriptKeys = new ArrayList<>(keys(queueName).all());
		scriptKeys.add(target.deadLetter());
		scriptKeys.add(target.stats());
		String reason = request.reason();
		String lastRetryReason = request.lastRetryReason();
		this.heldLeases.remove(leaseId);
		String answer = call("dead-letter a job", queueName,
				() -> this.redis.execute(this.scripts.deadLetter, scriptKeys, leaseId, (reason != null) ? reason : "",
						(reason != null) ? "1" : "0", (lastRetryReason != null) ? lastRetryReason : "",
						Long.toString(now()), queueName));
		if ("corrupt".equals(answer)) {
			logger.warn("Job of lease " + leaseId + " on queue '" + queueName + "' is not a PURISTA job; moved to "
					+ "its dead-letter list with reason " + REASON_CORRUPT_JOB);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(("dead-lettered".equals(answer)) ? "Dead-lettered the job of lease " + leaseId + " on queue '"
					+ queueName + "' into '" + target.deadLetter() + "' (reason " + reason + ")"
					: "Ignored deadLetter of unknown lease " + leaseId + " on queue '" + queueName + "'");
		}
	}

	/**
	 * This bridge: it keeps dead letters in Redis lists and can peek, redrive and purge them.
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

	/**
	 * Read dead letters. An entry that is not a PURISTA job is skipped with a warning.
	 */
	@Override
	public List<QueueMessage> peekDeadLetter(String queueName, int offset, int limit) {
		QueueArguments.checkRange(offset, limit);
		checkNotDestroyed("peekDeadLetter");
		if (limit == 0) {
			return List.of();
		}
		String list = RedisQueueKeys.ofDeadLetterQueue(this.options.keyPrefix(), queueName).deadLetter();
		List<String> entries = call("peek dead letters", queueName,
				() -> this.redis.opsForList().range(list, offset, (long) offset + limit - 1));
		List<QueueMessage> messages = new ArrayList<>();
		for (String entry : (entries != null) ? entries : List.<String>of()) {
			QueueMessage message = readJob(entry);
			if (message != null) {
				messages.add(message);
			}
			else {
				logger.warn("Dead-letter list '" + list + "' holds an entry that is not a PURISTA job; skipped");
			}
		}
		return messages;
	}

	/**
	 * Move the oldest dead letters back to the queue named in each job, due at once and first in line; attempts
	 * and headers are kept. Entries that cannot run again (corrupt jobs) stay in the list.
	 */
	@Override
	public int redriveDeadLetter(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkNotDestroyed("redriveDeadLetter");
		String list = RedisQueueKeys.ofDeadLetterQueue(this.options.keyPrefix(), queueName).deadLetter();
		Long moved = call("redrive dead letters", queueName, () -> this.redis.execute(this.scripts.redrive,
				List.of(list), Integer.toString(limit), Long.toString(now()), this.options.keyPrefix()));
		return (moved != null) ? moved.intValue() : 0;
	}

	@Override
	public int purgeDeadLetter(String queueName) {
		checkNotDestroyed("purgeDeadLetter");
		String list = RedisQueueKeys.ofDeadLetterQueue(this.options.keyPrefix(), queueName).deadLetter();
		Long purged = call("purge dead letters", queueName,
				() -> this.redis.execute(this.scripts.purge, List.of(list)));
		return (purged != null) ? purged.intValue() : 0;
	}

	/**
	 * List the active leases of a queue, soonest expiry first, after recovering expired ones. Redis keeps no
	 * lease start time: {@code leasedAt} is derived as {@code leaseExpiresAt - leaseTtlMs}, which is later than
	 * the real start once a lease was extended.
	 */
	@Override
	public List<QueueLease> inspectLeases(String queueName, int limit) {
		QueueArguments.checkRange(0, limit);
		checkNotDestroyed("inspectLeases");
		List<Object> answer = call("inspect leases", queueName, () -> this.redis.execute(this.scripts.inspect,
				keys(queueName).all(), Long.toString(now()), queueName, RECOVER_LIMIT, Integer.toString(limit)));
		List<QueueLease> leases = new ArrayList<>();
		for (int i = 0; answer != null && i + 3 < answer.size(); i += 4) {
			QueueMessage message = readJob((String) answer.get(i + 2));
			if (message != null) {
				long expiresAt = Long.parseLong((String) answer.get(i + 3));
				leases.add(new QueueLease(message.id(), queueName, message, (String) answer.get(i),
						expiresAt - message.leaseTtlMs(), expiresAt));
			}
		}
		return leases;
	}

	/**
	 * Figures of a queue after recovering expired leases: {@code pending} counts due and delayed jobs,
	 * {@code inflight} the leases, {@code deadLetter} the jobs in {@code <prefix><queue>:dead-letter},
	 * {@code retries} the {@code retries} counter of {@code :stats}, {@code oldestAgeMs} the age of the older of
	 * the next pending and the next delayed job.
	 */
	@Override
	public QueueMetrics metrics(String queueName) {
		checkNotDestroyed("metrics");
		long now = now();
		List<Object> answer = call("read metrics", queueName, () -> this.redis.execute(this.scripts.metrics,
				keys(queueName).all(), Long.toString(now), queueName, RECOVER_LIMIT));
		if (answer == null || answer.size() < 5) {
			throw new PuristaException(NAME + " got no metrics for queue '" + queueName + "'");
		}
		long oldest = number(answer.get(4));
		return new QueueMetrics(number(answer.get(0)), number(answer.get(1)), number(answer.get(2)),
				number(answer.get(3)), (oldest < 0) ? null : Math.max(0, now - oldest));
	}

	private LeaseAnswer takeLease(RedisQueueKeys keys, String claim) {
		long now = now();
		String leaseId = Ids.newUuid();
		List<Object> answer = call("lease a job", keys.queueName(),
				() -> this.redis.execute(this.scripts.lease, keys.all(), Long.toString(now), leaseId, claim,
						keys.queueName(), Long.toString(this.options.defaultLeaseTtl().toMillis()), RECOVER_LIMIT));
		if (answer == null || answer.isEmpty()) {
			throw new PuristaException(NAME + " got no answer leasing from queue '" + keys.queueName() + "'");
		}
		boolean leased = "leased".equals(answer.get(0));
		logDropped(keys, answer.subList(leased ? 5 : 2, answer.size()));
		if (!leased) {
			return new LeaseAnswer(null, Long.parseLong((String) answer.get(1)));
		}
		String jobId = (String) answer.get(1);
		QueueMessage message = readJob((String) answer.get(2));
		if (message == null) {
			endLease(keys.queueName(), leaseId, "corrupt", "", 0);
			logger.warn("Job " + jobId + " of queue '" + keys.queueName() + "' is not a PURISTA job; moved to '"
					+ keys.deadLetter() + "' with reason " + REASON_CORRUPT_JOB);
			return new LeaseAnswer(null, now);
		}
		this.heldLeases.put(leaseId, keys.queueName());
		if (logger.isDebugEnabled()) {
			logger.debug("Leased job " + jobId + " of queue '" + keys.queueName() + "' (attempt " + message.attempt()
					+ ")");
		}
		return new LeaseAnswer(new QueueLease(jobId, keys.queueName(), message, leaseId,
				Long.parseLong((String) answer.get(3)), Long.parseLong((String) answer.get(4))), -1);
	}

	private @Nullable String waitForJob(RedisQueueKeys keys, Duration timeout) {
		try {
			return this.blocking.moveNext(keys, timeout);
		}
		catch (DataAccessException ex) {
			if (Thread.currentThread().isInterrupted() || ex.getCause() instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return null;
			}
			throw new PuristaException(NAME + " could not wait for jobs of queue '" + keys.queueName() + "': "
					+ ex.getMessage(), ex);
		}
	}

	private String endLease(String queueName, String leaseId, String mode, String reason, long delayMs) {
		checkNotDestroyed(mode);
		this.heldLeases.remove(leaseId);
		String answer = call(mode, queueName, () -> this.redis.execute(this.scripts.nack, keys(queueName).all(),
				leaseId, Long.toString(now()), Long.toString(delayMs), reason, mode, queueName));
		if ("unknown".equals(answer) && logger.isDebugEnabled()) {
			logger.debug("Ignored " + mode + " of unknown lease " + leaseId + " on queue '" + queueName + "'");
		}
		else if ("corrupt".equals(answer) && !"corrupt".equals(mode)) {
			logger.warn("Job of lease " + leaseId + " on queue '" + queueName + "' is not a PURISTA job; moved to "
					+ "its dead-letter list with reason " + REASON_CORRUPT_JOB);
		}
		return String.valueOf(answer);
	}

	private void recoverOrphansFromTimeToTime(RedisQueueKeys keys) {
		long now = now();
		Long last = this.orphanChecks.get(keys.queueName());
		if (last != null && now - last < this.options.orphanCheckInterval().toMillis()) {
			return;
		}
		this.orphanChecks.put(keys.queueName(), now);
		Long moved = call("recover orphaned jobs", keys.queueName(),
				() -> this.redis.execute(this.scripts.orphans, keys.all()));
		if (moved != null && moved > 0) {
			logger.info("Moved " + moved + " job(s) of queue '" + keys.queueName()
					+ "' whose consumer stopped before taking the lease back to pending");
		}
	}

	private void logDropped(RedisQueueKeys keys, List<Object> dropped) {
		for (Object entry : dropped) {
			String text = (String) entry;
			if (text.startsWith("corrupt:")) {
				logger.warn("Job " + text.substring(8) + " of queue '" + keys.queueName() + "' is not a PURISTA job;"
						+ " moved to '" + keys.deadLetter() + "' with reason " + REASON_CORRUPT_JOB);
			}
			else {
				logger.warn("Job id " + text.substring(text.indexOf(':') + 1) + " of queue '" + keys.queueName()
						+ "' had no stored job and was dropped");
			}
		}
	}

	private <T> T call(String operation, String queueName, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (DataAccessException ex) {
			throw new PuristaException(NAME + " could not " + operation + " on queue '" + queueName + "': "
					+ ex.getMostSpecificCause().getMessage(), ex);
		}
	}

	/**
	 * Whether a failed command never reached Redis: no connection could be made, or Lettuce rejected the
	 * command while disconnected ({@code purista.redis.reject-commands-while-disconnected}). A command that was
	 * sent when the connection broke may have run.
	 */
	private static boolean wasNotSent(DataAccessException ex) {
		String cause = String.valueOf(ex.getMostSpecificCause().getMessage());
		return ex instanceof RedisConnectionFailureException || cause.startsWith("Currently not connected")
				|| cause.startsWith("Unable to connect");
	}

	private @Nullable QueueMessage readJob(String json) {
		try {
			return this.codec.mapper().readValue(json, QueueMessage.class);
		}
		catch (JacksonException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not a PURISTA job: " + ex.getOriginalMessage());
			}
			return null;
		}
	}

	private <T> T read(String json, Class<T> type) {
		try {
			return this.codec.mapper().readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new PuristaException(NAME + " read an unexpected " + type.getSimpleName() + " from Redis: " + json,
					ex);
		}
	}

	private String write(Object value, String what) {
		try {
			return this.codec.mapper().writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The " + what + " cannot be written as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private RedisQueueKeys keys(String queueName) {
		return this.keys.computeIfAbsent(queueName, (name) -> new RedisQueueKeys(this.options.keyPrefix(), name));
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
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
	 * What one lease script call gave: a lease, or when the next delayed job or lease expiry is due.
	 */
	private record LeaseAnswer(@Nullable QueueLease lease, long nextEventAt) {

	}

}
