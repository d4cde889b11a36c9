package dev.purista.redis.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.health.PuristaHealthAutoConfiguration;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.error.PuristaException;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.redis.RedisTestSupport;
import dev.purista.redis.autoconfigure.PuristaRedisProperties;
import dev.purista.redis.autoconfigure.PuristaRedisQueueAutoConfiguration;
import dev.purista.test.HandlerGate;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A Redis outage while a PURISTA service works a queue on the auto-configured Redis connection: Redis is
 * reached through a {@link TcpProxy} the test cuts and restores. While cut, enqueue fails fast saying the job
 * was not stored, the worker backs off instead of spinning and the {@code purista} health reports the queue
 * bridge {@code DOWN}; once Redis is reachable again, work resumes on its own and no job is lost.
 */
class RedisQueueOutageIntegrationTests {

	private static final Log logger = LogFactory.getLog(RedisQueueOutageIntegrationTests.class);

	private static final String QUEUE = "outage-" + UUID.randomUUID();

	private static final String KEY_PREFIX = "purista-test:outage:" + UUID.randomUUID() + ":";

	private static final int WORKERS = 2;

	/** A database of its own: other test classes flush database 0 of the shared Redis while this one runs. */
	private static final int DATABASE = 11;

	private static BrokerAddress redis;

	private static TcpProxy proxy;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class, PuristaRedisQueueAutoConfiguration.class,
				PuristaAutoConfiguration.class,
				PuristaHealthAutoConfiguration.class))
		// short leases: jobs whose ack is lost in the outage are due again soon after Redis is back
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + proxy.port(),
				"spring.data.redis.database=" + DATABASE, "purista.queue-bridge.type=redis",
				"purista.redis.queue.key-prefix=" + KEY_PREFIX, "purista.redis.queue.default-lease-ttl=2s")
		.withUserConfiguration(OutageConfiguration.class);

	@BeforeAll
	static void startProxy() {
		redis = BrokerResolution.require(Broker.REDIS);
		proxy = new TcpProxy(redis.host(), redis.port()).start();
	}

	@AfterAll
	static void closeProxyAndDeleteKeys() {
		if (proxy == null) {
			return;
		}
		proxy.close();
		try (RedisTestSupport direct = new RedisTestSupport(DATABASE)) {
			Set<String> keys = direct.template.keys(KEY_PREFIX + "*");
			if (keys != null && !keys.isEmpty()) {
				direct.template.delete(keys);
			}
		}
	}

	@Test
	void outageFailsEnqueueFastBacksOffWorkersReportsDownAndWorkResumesWithoutLosingJobs() {
		this.runner.run((context) -> {
			try {
				assertThat(context).hasNotFailed();
				CountingQueueBridge bridge = context.getBean(CountingQueueBridge.class);
				Recorder recorder = context.getBean(Recorder.class);
				HealthIndicator health = (HealthIndicator) context.getBean(PuristaHealthContributor.class)
					.getContributor(PuristaHealthContributor.QUEUE_BRIDGE);

				enqueue(bridge, 0, 5);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder.processed)
					.containsAll(numbers(0, 5)));
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);

				// at the cut both workers run a job (its ack will fail) and eight jobs wait in Redis
				recorder.gate.hold();
				enqueue(bridge, 5, 15);
				await().atMost(Duration.ofSeconds(10)).until(() -> recorder.gate.held() == WORKERS);
				proxy.cutConnections();
				long cutAt = System.nanoTime();
				int leaseCallsAtCut = bridge.leaseCalls.get();
				int failedLeaseCallsAtCut = bridge.failedLeaseCalls.get();
				recorder.gate.release();

				// wait until Lettuce saw the drop, so the enqueue meets a disconnected client instead of racing the cut
				StatefulConnection<?, ?> shared = sharedConnection(context.getBean(RedisConnectionFactory.class));
				await().atMost(Duration.ofSeconds(5)).until(() -> !shared.isOpen());
				long enqueueStarted = System.nanoTime();
				assertThatExceptionOfType(PuristaException.class)
					.isThrownBy(() -> bridge.enqueue(EnqueueRequest.of(QUEUE, new Job(-1))))
					.withMessageContaining("could not enqueue a job on queue '" + QUEUE + "'")
					.withMessageContaining("(the job was not stored)");
				long enqueueMs = millisSince(enqueueStarted);
				assertThat(enqueueMs).as("enqueue failed after %d ms", enqueueMs).isLessThan(1000);

				await().atMost(Duration.ofSeconds(5)).until(() -> Status.DOWN.equals(health.health().getStatus()));
				long downMs = millisSince(cutAt);

				// backing off from 100 ms to 5 s a worker leases about 6 times in 3 s; a loop without backoff thousands
				await().during(Duration.ofSeconds(3))
					.atMost(Duration.ofSeconds(4))
					.untilAsserted(() -> assertThat(bridge.leaseCalls.get() - leaseCallsAtCut)
						.as("lease calls since the cut")
						.isLessThanOrEqualTo(10 * WORKERS));
				assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
				int outageLeaseCalls = bridge.leaseCalls.get() - leaseCallsAtCut;
				int outageFailedLeaseCalls = bridge.failedLeaseCalls.get() - failedLeaseCallsAtCut;
				long outageMs = millisSince(cutAt);

				proxy.restore();
				long restoredAt = System.nanoTime();
				await().atMost(Duration.ofSeconds(20)).until(() -> Status.UP.equals(health.health().getStatus()));
				long upMs = millisSince(restoredAt);
				enqueue(bridge, 100, 105);
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recorder.processed)
					.containsAll(numbers(0, 15))
					.containsAll(numbers(100, 105)));
				long resumedMs = millisSince(restoredAt);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bridge.inspection().orElseThrow().metrics(QUEUE))
					.extracting(QueueMetrics::pending, QueueMetrics::inflight, QueueMetrics::deadLetter)
					.containsExactly(0L, 0L, 0L));
				assertThat(recorder.processed).doesNotContain(-1);
				logger.info("Redis outage figures: enqueue failed in " + enqueueMs + " ms; health DOWN " + downMs
						+ " ms after the cut; " + outageLeaseCalls + " lease calls (" + outageFailedLeaseCalls
						+ " failed) by " + WORKERS + " workers in " + outageMs + " ms of outage; health UP " + upMs
						+ " ms and all jobs processed " + resumedMs + " ms after the restore");
			}
			finally {
				// a failed step must not leave Redis cut off while the context closes
				proxy.restore();
			}
		});
	}

	private static void enqueue(CountingQueueBridge bridge, int from, int to) {
		IntStream.range(from, to).forEach((n) -> bridge.enqueue(EnqueueRequest.of(QUEUE, new Job(n))));
	}

	private static List<Integer> numbers(int from, int to) {
		return IntStream.range(from, to).boxed().toList();
	}

	private static long millisSince(long nanoTime) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
	}

	@SuppressWarnings("deprecation") // Lettuce has no other way from the commands API to its connection
	private static StatefulConnection<?, ?> sharedConnection(RedisConnectionFactory connectionFactory) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			return ((RedisAsyncCommands<?, ?>) connection.getNativeConnection()).getStatefulConnection();
		}
	}

	record Job(int n) {

	}

	/**
	 * Records the jobs the worker finished; while held, jobs wait for {@link #release()}.
	 */
	static final class Recorder {

		final Set<Integer> processed = ConcurrentHashMap.newKeySet();

		final HandlerGate gate = new HandlerGate();

		void handle(Job job) throws InterruptedException {
			this.gate.pass();
			this.processed.add(job.n());
		}

	}

	/**
	 * Counts the worker's lease calls.
	 */
	static final class CountingQueueBridge extends ForwardingQueueBridge {

		final AtomicInteger leaseCalls = new AtomicInteger();

		final AtomicInteger failedLeaseCalls = new AtomicInteger();

		CountingQueueBridge(RedisQueueBridge delegate) {
			super(delegate);
		}

		@Override
		public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
			this.leaseCalls.incrementAndGet();
			try {
				return super.leaseNext(queueName, waitTime);
			}
			catch (RuntimeException ex) {
				this.failedLeaseCalls.incrementAndGet();
				throw ex;
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OutageConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		CountingQueueBridge countingQueueBridge(RedisConnectionFactory connectionFactory, MessageCodec codec,
				PuristaRedisProperties properties) {
			return new CountingQueueBridge(new RedisQueueBridge(connectionFactory, codec,
					properties.getQueue().toOptions(), Clock.systemUTC()));
		}

		@Bean
		ServiceDefinition outageService(Recorder recorder) {
			return ServiceBuilder.service("Outage", "1")
				.queueWorker(QUEUE, "record")
				.payload(Job.class)
				.maxParallelHandlers(WORKERS)
				.handler((job, parameter, context) -> {
					recorder.handle(job);
					return null;
				})
				.build();
		}

	}

}
