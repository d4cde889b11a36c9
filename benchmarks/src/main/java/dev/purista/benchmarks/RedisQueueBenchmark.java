package dev.purista.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.redis.queue.RedisQueueBridge;
import dev.purista.redis.queue.RedisQueueBridgeOptions;
import dev.purista.redis.queue.RedisQueueKeys;

/**
 * Jobs per second through a real Redis: each operation is one job that the worker thread enqueues, leases
 * (waiting up to 1 s) and acknowledges, with 1 and 4 worker threads sharing one queue.
 * <p>
 * {@code threads*Purista} runs the job through {@link RedisQueueBridge} on a {@link LettuceConnectionFactory},
 * connected as a Spring Boot application connects it (one Lua script per enqueue, lease and ack).
 * {@code threads*Lettuce} is the baseline: the same three steps written directly against Lettuce,
 * {@code LPUSH pending <job JSON>}, {@code BLMOVE pending processing RIGHT LEFT 1} on a connection of the
 * worker's own and {@code LREM processing 1 <job JSON>}, the other commands on one shared connection.
 * <p>
 * Redis is found at {@code PURISTA_TEST_REDIS_URL}, else at the system property {@value #REDIS_URL_PROPERTY},
 * else at {@value #DEFAULT_REDIS_URL}. The benchmark only touches keys starting with {@value #KEY_PREFIX}; it
 * deletes them before and after each trial and fails the trial if a job was left behind.
 * <p>
 * Each trial runs jobs on one thread for 8 s before the measured threads start, as
 * {@link InMemoryCommandBenchmark} does. The names sort so that JMH runs each PURISTA benchmark right after its
 * baseline with the same number of threads, which keeps the pair's ratio comparable on a machine whose load
 * changes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class RedisQueueBenchmark {

	/** The environment variable with the Redis address, as the broker tests use it. */
	public static final String REDIS_URL_ENVIRONMENT = "PURISTA_TEST_REDIS_URL";

	/** The system property with the Redis address, used when the environment variable is not set. */
	public static final String REDIS_URL_PROPERTY = "purista.benchmark.redis-url";

	/** The Redis address used when neither is set. */
	public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6390";

	/** The prefix of every key the benchmark writes. */
	public static final String KEY_PREFIX = "purista-benchmark:";

	private static final String QUEUE = "email";

	private static final Duration WAIT = Duration.ofSeconds(1);

	private static final String PAYLOAD_JSON = "{\"to\":\"a@b.co\",\"subject\":\"hi\"}";

	/**
	 * The PURISTA side: one bridge on one connection factory, shared by all worker threads.
	 */
	@State(Scope.Benchmark)
	public static class Purista {

		private final Email payload = new Email("a@b.co", "hi");

		private LettuceConnectionFactory connectionFactory;

		private RedisQueueBridge bridge;

		private RedisQueueKeys keys;

		@Setup(Level.Trial)
		public void start() {
			URI url = URI.create(redisUrl());
			RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(url.getHost(),
					(url.getPort() > 0) ? url.getPort() : 6379);
			String userInfo = url.getUserInfo();
			if (userInfo != null) {
				configuration.setPassword(RedisPassword.of(userInfo.substring(userInfo.indexOf(':') + 1)));
			}
			if (url.getPath() != null && url.getPath().length() > 1) {
				configuration.setDatabase(Integer.parseInt(url.getPath().substring(1)));
			}
			this.connectionFactory = new LettuceConnectionFactory(configuration);
			this.connectionFactory.afterPropertiesSet();
			this.connectionFactory.start();
			String prefix = KEY_PREFIX + "queue:";
			this.keys = new RedisQueueKeys(prefix, QUEUE);
			template().delete(this.keys.all());
			this.bridge = new RedisQueueBridge(this.connectionFactory, new MessageCodec(),
					RedisQueueBridgeOptions.builder().keyPrefix(prefix).build(), Clock.systemUTC());
			this.bridge.start();
			InMemoryCommandBenchmark.preWarm(this::job);
		}

		@TearDown(Level.Trial)
		public void stop() {
			try {
				this.bridge.destroy();
				StringRedisTemplate redis = template();
				long left = redis.opsForList().size(this.keys.pending())
						+ redis.opsForList().size(this.keys.processing()) + redis.opsForHash().size(this.keys.jobs())
						+ redis.opsForHash().size(this.keys.leases());
				redis.delete(this.keys.all());
				if (left != 0) {
					throw new IllegalStateException(left + " job entries were left in Redis after the trial");
				}
			}
			finally {
				this.connectionFactory.destroy();
			}
		}

		/**
		 * Enqueue one job, lease the next job and acknowledge it.
		 * @return the id of the job acknowledged
		 */
		String job() {
			this.bridge.enqueue(EnqueueRequest.of(QUEUE, this.payload));
			QueueLease lease = this.bridge.leaseNext(QUEUE, WAIT);
			if (lease == null) {
				throw new IllegalStateException("No job to lease within " + WAIT);
			}
			this.bridge.ack(QUEUE, lease.leaseId());
			return lease.id();
		}

		private StringRedisTemplate template() {
			return new StringRedisTemplate(this.connectionFactory);
		}

	}

	/**
	 * The baseline: one Lettuce client and one connection for {@code LPUSH} and {@code LREM}, shared by all
	 * worker threads, and the workers' own connections for {@code BLMOVE}.
	 */
	@State(Scope.Benchmark)
	public static class Lettuce {

		private static final String PENDING = KEY_PREFIX + "raw:" + QUEUE + ":pending";

		private static final String PROCESSING = KEY_PREFIX + "raw:" + QUEUE + ":processing";

		private final Queue<StatefulRedisConnection<String, String>> connections = new ConcurrentLinkedQueue<>();

		private RedisClient client;

		private RedisCommands<String, String> commands;

		@Setup(Level.Trial)
		public void start() {
			this.client = RedisClient.create(redisUrl());
			this.commands = connect();
			this.commands.del(PENDING, PROCESSING);
			LettuceWorker worker = new LettuceWorker();
			worker.connect(this);
			InMemoryCommandBenchmark.preWarm(() -> job(worker));
		}

		/**
		 * Delete the lists and close all connections, the workers' too: JMH may tear down this state before the
		 * workers' states.
		 */
		@TearDown(Level.Trial)
		public void stop() {
			try {
				long left = this.commands.llen(PENDING) + this.commands.llen(PROCESSING);
				this.commands.del(PENDING, PROCESSING);
				if (left != 0) {
					throw new IllegalStateException(left + " jobs were left in Redis after the trial");
				}
			}
			finally {
				this.connections.forEach(StatefulRedisConnection::close);
				this.client.shutdown();
			}
		}

		/**
		 * Open a connection that is closed with this state.
		 * @return its synchronous commands
		 */
		RedisCommands<String, String> connect() {
			StatefulRedisConnection<String, String> connection = this.client.connect();
			this.connections.add(connection);
			return connection.sync();
		}

		/**
		 * Push one job, move the oldest pending job into processing (waiting up to 1 s) and remove it.
		 * @param worker the calling thread's connection for the blocking move
		 * @return the JSON of the job removed
		 */
		String job(LettuceWorker worker) {
			String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"queueName\":\"" + QUEUE + "\",\"payload\":"
					+ PAYLOAD_JSON + ",\"createdAt\":" + System.currentTimeMillis() + ",\"attempt\":0}";
			this.commands.lpush(PENDING, json);
			String moved = worker.commands.blmove(PENDING, PROCESSING, LMoveArgs.Builder.rightLeft(),
					WAIT.toMillis() / 1000.0);
			if (moved == null) {
				throw new IllegalStateException("No job moved within " + WAIT);
			}
			this.commands.lrem(PROCESSING, 1, moved);
			return moved;
		}

	}

	/**
	 * A baseline worker's own connection: a blocking command holds its connection until it returns.
	 */
	@State(Scope.Thread)
	public static class LettuceWorker {

		private RedisCommands<String, String> commands;

		@Setup(Level.Trial)
		public void connect(Lettuce lettuce) {
			this.commands = lettuce.connect();
		}

	}

	static String redisUrl() {
		String url = System.getenv(REDIS_URL_ENVIRONMENT);
		if (url == null || url.isBlank()) {
			url = System.getProperty(REDIS_URL_PROPERTY, DEFAULT_REDIS_URL);
		}
		return url;
	}

	@Benchmark
	@Threads(1)
	public String threads1Purista(Purista purista) {
		return purista.job();
	}

	@Benchmark
	@Threads(4)
	public String threads4Purista(Purista purista) {
		return purista.job();
	}

	@Benchmark
	@Threads(1)
	public String threads1Lettuce(Lettuce lettuce, LettuceWorker worker) {
		return lettuce.job(worker);
	}

	@Benchmark
	@Threads(4)
	public String threads4Lettuce(Lettuce lettuce, LettuceWorker worker) {
		return lettuce.job(worker);
	}

	/**
	 * The job payload.
	 *
	 * @param to the recipient
	 * @param subject the subject
	 */
	public record Email(String to, String subject) {

	}

}
