package dev.purista.redis.queue;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.redis.RedisTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Two {@link QueueWorkerProcess} JVMs work one Redis queue and one of them is killed with {@code SIGKILL} in the
 * middle of a job: the job is leased again by the other once its lease expired, with its attempt increased, and
 * every job ends acked exactly once or dead-lettered.
 */
class RedisQueueWorkerKillIntegrationTests {

	private static final Log logger = LogFactory.getLog(RedisQueueWorkerKillIntegrationTests.class);

	private static final int JOBS = 200;

	private static final long LEASE_TTL_MS = 2_000;

	private static final int MAX_ATTEMPTS = 3;

	private static final long WORK_MS = 50;

	/** How many jobs are acked before a worker is killed, so that it dies in the middle of the run. */
	private static final int ACKED_BEFORE_KILL = 40;

	private final String runId = UUID.randomUUID().toString();

	private final String queueName = "kill-tests-" + this.runId;

	private final String records = "purista-test:kill-tests:" + this.runId;

	private final List<Process> workers = new ArrayList<>();

	private RedisTestSupport redis;

	private RedisQueueBridge bridge;

	@BeforeEach
	void connect() {
		this.redis = new RedisTestSupport();
		this.bridge = new RedisQueueBridge(this.redis.connectionFactory, new MessageCodec(),
				RedisQueueBridgeOptions.defaults(), Clock.systemUTC());
		this.bridge.start();
	}

	@AfterEach
	void stopWorkersAndCleanUp() {
		this.workers.forEach((worker) -> worker.destroyForcibly().onExit().join());
		if (this.bridge != null) {
			this.bridge.destroy();
		}
		if (this.redis != null) {
			List<String> keys = new ArrayList<>(
					new RedisQueueKeys(RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX, this.queueName).all());
			keys.addAll(List.of(started(), acked(), acks()));
			this.redis.template.delete(keys);
			this.redis.close();
		}
	}

	@Test
	void jobOfWorkerKilledMidJobIsLeasedAgainAfterItsLeaseExpiredAndEveryJobEndsAckedOnceOrDeadLettered()
			throws Exception {
		long began = System.currentTimeMillis();
		Process victim = startWorker("victim");
		Process survivor = startWorker("survivor");
		Set<String> jobIds = new HashSet<>();
		for (int i = 0; i < JOBS; i++) {
			jobIds.add(this.bridge
				.enqueue(EnqueueRequest.of(this.queueName, Map.of("n", i))
					.withLeaseTtlMs(LEASE_TTL_MS)
					.withMaxAttempts(MAX_ATTEMPTS))
				.jobId());
		}

		await("the victim in the middle of a job").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> isMidJob(victim.pid()));
		victim.destroyForcibly();
		long killedAt = System.currentTimeMillis();
		assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(victim.exitValue()).as("exit status of a JVM killed by SIGKILL").isEqualTo(128 + 9);
		assertThat(ProcessHandle.of(victim.pid()).filter(ProcessHandle::isAlive)).isEmpty();
		List<Start> unfinished = unfinishedStartsOf(victim.pid());
		assertThat(unfinished).as("jobs the killed worker started and did not ack").hasSize(1);
		Start interrupted = unfinished.get(0);
		int ackedAtKill = this.redis.template.opsForList().size(acked()).intValue();

		await("every job acked or dead-lettered").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.redis.template.opsForHash().size(acks()) + deadLetters().size() >= JOBS);
		long settledAt = System.currentTimeMillis();

		List<Start> startsOfInterrupted = starts().stream()
			.filter((start) -> start.jobId().equals(interrupted.jobId()))
			.toList();
		assertThat(startsOfInterrupted).extracting(Start::attempt, Start::pid)
			.containsExactly(tuple(interrupted.attempt(), victim.pid()),
					tuple(interrupted.attempt() + 1, survivor.pid()));
		Start retry = startsOfInterrupted.get(1);
		assertThat(retry.leasedAt()).as("when the job was leased again")
			.isGreaterThanOrEqualTo(interrupted.leaseExpiresAt());
		assertThat(this.redis.template.opsForList().range(acked(), 0, -1))
			.contains(retry.jobId() + "|" + retry.attempt() + "|" + survivor.pid());
		Map<Object, Object> ackCounts = this.redis.template.opsForHash().entries(acks());
		assertThat(ackCounts).as("acks per job").allSatisfy((jobId, count) -> assertThat(count).isEqualTo("1"));
		Set<String> ackedIds = ackCounts.keySet().stream().map(Object::toString).collect(Collectors.toSet());
		Set<String> deadIds = deadLetters().stream().map(QueueMessage::id).collect(Collectors.toSet());
		assertThat(ackedIds).as("jobs both acked and dead-lettered").filteredOn(deadIds::contains).isEmpty();
		Set<String> settled = new HashSet<>(ackedIds);
		settled.addAll(deadIds);
		assertThat(settled).isEqualTo(jobIds);
		QueueMetrics metrics = this.bridge.metrics(this.queueName);
		assertThat(metrics.pending()).isZero();
		assertThat(metrics.inflight()).isZero();
		assertThat(metrics.deadLetter()).isEqualTo(deadIds.size());

		survivor.getOutputStream().close();
		assertThat(survivor.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(survivor.exitValue()).isZero();
		Map<Long, Long> startsByPid = starts().stream()
			.collect(Collectors.groupingBy(Start::pid, Collectors.counting()));
		logger.info("Killed worker " + victim.pid() + " " + (killedAt - began) + " ms after launch, on attempt "
				+ interrupted.attempt() + " of job " + interrupted.jobId() + ", after " + ackedAtKill
				+ " acks; its lease expired " + (interrupted.leaseExpiresAt() - killedAt)
				+ " ms after the kill and was leased again by " + survivor.pid() + " "
				+ (retry.leasedAt() - interrupted.leaseExpiresAt()) + " ms after expiry; starts per worker "
				+ startsByPid + ", acked " + ackedIds.size() + ", dead-lettered " + deadIds.size()
				+ "; first job started " + (starts().get(0).startedAt() - began) + " ms after launch, all settled "
				+ (settledAt - began) + " ms after launch");
	}

	private Process startWorker(String name) throws IOException {
		File log = new File("target/kill-tests/" + this.runId + "-" + name + ".log");
		log.getParentFile().mkdirs();
		// C1 only and the serial collector: the worker JVM starts faster
		Process worker = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				QueueWorkerProcess.class.getName(), this.redis.address.url(), this.queueName, this.records,
				Long.toString(WORK_MS))
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		this.workers.add(worker);
		return worker;
	}

	/**
	 * Whether enough jobs were acked and the worker started a job so recently that it is still far from done.
	 */
	private boolean isMidJob(long pid) {
		if (this.redis.template.opsForList().size(acked()) < ACKED_BEFORE_KILL) {
			return false;
		}
		long now = System.currentTimeMillis();
		return unfinishedStartsOf(pid).stream().anyMatch((start) -> now - start.startedAt() <= WORK_MS / 5);
	}

	private List<Start> unfinishedStartsOf(long pid) {
		Set<String> finished = new HashSet<>(this.redis.template.opsForList().range(acked(), 0, -1));
		return starts().stream()
			.filter((start) -> start.pid() == pid)
			.filter((start) -> !finished.contains(start.jobId() + "|" + start.attempt() + "|" + pid))
			.toList();
	}

	private List<Start> starts() {
		return this.redis.template.opsForList().range(started(), 0, -1).stream().map(Start::parse).toList();
	}

	private List<QueueMessage> deadLetters() {
		return this.bridge.peekDeadLetter(this.queueName + RedisQueueKeys.DEAD_LETTER_SUFFIX, 0, JOBS);
	}

	private String started() {
		return this.records + ":started";
	}

	private String acked() {
		return this.records + ":acked";
	}

	private String acks() {
		return this.records + ":acks";
	}

	/**
	 * A worker's record of starting a job's work.
	 */
	private record Start(String jobId, int attempt, long pid, long leasedAt, long leaseExpiresAt, long startedAt) {

		static Start parse(String record) {
			String[] fields = record.split("\\|");
			return new Start(fields[0], Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
					Long.parseLong(fields[3]), Long.parseLong(fields[4]), Long.parseLong(fields[5]));
		}

	}

}
