package dev.purista.redis.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.error.PuristaException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.redis.RedisTestSupport;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisQueueBridge#deadLetter} against real Redis while the connection drops: the bridge under test
 * reaches Redis through a {@link TcpProxy} that is cut before a dead-lettering (the request never leaves), made
 * to drop Redis's replies (the script runs, the client only sees a timeout) and cut after it, and cut at varied
 * moments while a thread dead-letters jobs one after another. Afterwards every job is, read raw from Redis, in
 * exactly one place (dead-letter list, pending or leased), never dead-lettered and leased at once, and when the
 * leases have expired only the jobs that were not dead-lettered are delivered again, each once.
 * <p>
 * With the two steps the runtime made before ({@code moveToDeadLetter} then {@code ack}), a reply lost after the
 * move leaves the job in the dead-letter list and leased: this test fails on that sequence.
 */
class RedisQueueDeadLetterIntegrationTests {

	/** A database of its own, so that no other test class flushes it meanwhile. */
	private static final int DATABASE = 12;

	/** How long the bridge under test waits for an answer: a dropped reply fails after this long. */
	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

	private static final long LEASE_TTL_MS = 8000;

	private final MessageCodec codec = new MessageCodec();

	private final String prefix = "purista-test:dead-letter:" + UUID.randomUUID() + ":";

	private final String queue = "crash";

	private RedisTestSupport direct;

	private TcpProxy proxy;

	private LettuceConnectionFactory proxied;

	private RedisQueueBridge bridge;

	private RedisQueueBridge observer;

	@BeforeEach
	void connect() {
		this.direct = new RedisTestSupport(DATABASE);
		this.proxy = new TcpProxy(this.direct.address.host(), this.direct.address.port()).start();
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", this.proxy.port());
		server.setDatabase(DATABASE);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(COMMAND_TIMEOUT)
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		this.proxied = new LettuceConnectionFactory(server, client);
		this.proxied.afterPropertiesSet();
		this.proxied.start();
		RedisQueueBridgeOptions options = RedisQueueBridgeOptions.builder().keyPrefix(this.prefix).build();
		this.bridge = new RedisQueueBridge(this.proxied, this.codec, options, Clock.systemUTC());
		// the first connection's handshake is bounded by the short command timeout: try again on a busy machine
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			this.bridge.start();
			return true;
		});
		this.observer = new RedisQueueBridge(this.direct.connectionFactory, this.codec, options, Clock.systemUTC());
		this.observer.start();
	}

	@AfterEach
	void disconnect() {
		if (this.proxy != null) {
			this.proxy.restore();
		}
		if (this.bridge != null) {
			this.bridge.destroy();
		}
		if (this.observer != null) {
			this.observer.destroy();
		}
		if (this.proxied != null) {
			this.proxied.destroy();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.direct != null) {
			Set<String> keys = template().keys(this.prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				template().delete(keys);
			}
			this.direct.close();
		}
	}

	@Test
	void afterTheConnectionDropsAtAnyPointOfADeadLetteringTheJobIsInExactlyOnePlace() throws Exception {
		List<QueueLease> leases = enqueueAndLease(60);
		Set<String> acknowledged = new HashSet<>();
		Set<String> failed = new HashSet<>();

		// after: dead-lettered and answered, then the connection drops
		for (QueueLease lease : leases.subList(0, 10)) {
			deadLetter(lease);
			acknowledged.add(lease.id());
		}
		this.proxy.cutConnections();

		// before: the connection is down, the request never leaves
		for (QueueLease lease : leases.subList(10, 20)) {
			assertThatExceptionOfType(PuristaException.class).isThrownBy(() -> deadLetter(lease));
			failed.add(lease.id());
		}
		restoreAndAwaitConnection();

		// during: the script reaches Redis and runs, its answer is lost and the client times out
		this.proxy.dropReplies();
		for (QueueLease lease : leases.subList(20, 23)) {
			assertThatExceptionOfType(PuristaException.class).isThrownBy(() -> deadLetter(lease));
			failed.add(lease.id());
		}
		this.proxy.cutConnections();
		restoreAndAwaitConnection();

		// varied moments: a thread dead-letters one job after another (waiting for Redis after a failure, as a
		// worker backs off) while the connection is cut three times, whenever the thread happens to be
		List<QueueLease> rest = leases.subList(23, leases.size());
		AtomicInteger calls = new AtomicInteger();
		ExecutorService worker = Executors.newSingleThreadExecutor();
		try {
			Future<Map<String, Boolean>> outcome = worker.submit(() -> {
				Map<String, Boolean> answered = new HashMap<>();
				for (QueueLease lease : rest) {
					try {
						deadLetter(lease);
						answered.put(lease.id(), true);
					}
					catch (PuristaException ex) {
						answered.put(lease.id(), false);
						await().atMost(Duration.ofSeconds(30)).until(this.bridge::isHealthy);
					}
					calls.incrementAndGet();
				}
				return answered;
			});
			for (int cut = 0; cut < 3 && !outcome.isDone(); cut++) {
				int target = calls.get() + 3;
				await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= target || outcome.isDone());
				this.proxy.cutConnections();
				restoreAndAwaitConnection();
			}
			outcome.get(60, TimeUnit.SECONDS).forEach((id, answered) -> (answered ? acknowledged : failed).add(id));
		}
		finally {
			worker.shutdownNow();
		}
		assertThat(failed).as("dead-letterings that failed").isNotEmpty();

		Set<String> all = new LinkedHashSet<>();
		leases.forEach((lease) -> all.add(lease.id()));
		Places places = places();
		assertThat(places.deadLettered()).doesNotHaveDuplicates();
		for (String id : all) {
			int count = (places.deadLettered().contains(id) ? 1 : 0) + (places.waiting().contains(id) ? 1 : 0)
					+ (places.leased().contains(id) ? 1 : 0);
			assertThat(count).as("places of job %s (dead-lettered %s, waiting %s, leased %s)", id,
					places.deadLettered().contains(id), places.waiting().contains(id), places.leased().contains(id))
				.isEqualTo(1);
		}
		assertThat(places.deadLettered()).as("every answered dead-lettering").containsAll(acknowledged);
		assertThat(places.leased()).as("the requests that never left").containsAll(leases.subList(10, 20)
			.stream()
			.map(QueueLease::id)
			.toList());
		assertThat(places.deadLettered()).as("the scripts whose answers were lost ran").containsAll(leases
			.subList(20, 23)
			.stream()
			.map(QueueLease::id)
			.toList());

		// when the leases expire, only the jobs that were not dead-lettered come again, each once
		List<String> delivered = new ArrayList<>();
		long drainUntil = Math.max(leases.stream().mapToLong(QueueLease::leaseExpiresAt).max().orElseThrow() + 1500,
				System.currentTimeMillis() + 2000);
		while (System.currentTimeMillis() < drainUntil) {
			QueueLease again = this.observer.leaseNext(this.queue, Duration.ofMillis(500));
			if (again != null) {
				delivered.add(again.id());
				this.observer.ack(this.queue, again.leaseId());
			}
		}
		assertThat(delivered).doesNotHaveDuplicates()
			.doesNotContainAnyElementsOf(places.deadLettered())
			.containsExactlyInAnyOrderElementsOf(places.leased());
		assertThat(places().deadLettered()).containsExactlyInAnyOrderElementsOf(places.deadLettered());
		assertThat(places().leased()).isEmpty();
	}

	private List<QueueLease> enqueueAndLease(int count) {
		for (int i = 0; i < count; i++) {
			this.observer.enqueue(EnqueueRequest.of(this.queue, Map.of("n", i)).withLeaseTtlMs(LEASE_TTL_MS));
		}
		List<QueueLease> leases = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			QueueLease lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
			assertThat(lease).isNotNull();
			leases.add(lease);
		}
		return leases;
	}

	private void deadLetter(QueueLease lease) {
		this.bridge.deadLetter(this.queue, lease.leaseId(), DeadLetterRequest.because("poison"));
	}

	private void restoreAndAwaitConnection() {
		this.proxy.restore();
		await().atMost(Duration.ofSeconds(30)).until(this.bridge::isHealthy);
	}

	/**
	 * Where the jobs are, read raw from Redis: ids in the dead-letter list, waiting ({@code :pending} or
	 * {@code :scheduled}) and leased ({@code :lease-by-job} or {@code :processing}).
	 */
	private Places places() {
		RedisQueueKeys keys = new RedisQueueKeys(this.prefix, this.queue);
		List<String> deadLettered = new ArrayList<>();
		for (String json : template().opsForList().range(keys.deadLetter(), 0, -1)) {
			deadLettered.add(this.codec.mapper().readTree(json).get("id").asString());
		}
		Set<String> waiting = new HashSet<>(template().opsForList().range(keys.pending(), 0, -1));
		waiting.addAll(template().opsForZSet().range(keys.scheduled(), 0, -1));
		Set<String> leased = new HashSet<>();
		template().opsForHash().keys(keys.leaseByJob()).forEach((id) -> leased.add((String) id));
		leased.addAll(template().opsForList().range(keys.processing(), 0, -1));
		return new Places(deadLettered, waiting, leased);
	}

	private StringRedisTemplate template() {
		return this.direct.template;
	}

	private record Places(List<String> deadLettered, Set<String> waiting, Set<String> leased) {

	}

}
