package dev.purista.redis.queue;

import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.queue.worker.QueueWorkerOptions;
import dev.purista.core.queue.worker.QueueWorkerRuntime;

/**
 * A queue worker in a JVM of its own, for {@link RedisQueueWorkerKillIntegrationTests}: a {@link QueueWorkerRuntime} with
 * one handler on a {@link RedisQueueBridge}, each job taking {@code workMs}. What it does is recorded in Redis
 * under a records key {@code r}:
 * <ul>
 * <li>before a job's work, {@code jobId|attempt|pid|leasedAt|leaseExpiresAt|startedAt} is appended to
 * {@code r:started};</li>
 * <li>after the runtime's ack returned, the job's field of hash {@code r:acks} is incremented and
 * {@code jobId|attempt|pid} is appended to {@code r:acked}.</li>
 * </ul>
 * It runs until its standard input closes (then it drains and exits with 0) or it is killed.
 * <p>
 * Arguments: the Redis URL, the queue name, the records key and the work time of one job in milliseconds.
 */
public final class QueueWorkerProcess {

	private QueueWorkerProcess() {
	}

	/**
	 * Work the queue until standard input closes.
	 * @param args the Redis URL, the queue name, the records key and the work time of one job in milliseconds
	 * @throws Exception if Redis cannot be reached or draining was interrupted
	 */
	public static void main(String[] args) throws Exception {
		URI redisUrl = URI.create(args[0]);
		String queueName = args[1];
		String records = args[2];
		long workMs = Long.parseLong(args[3]);
		String pid = Long.toString(ProcessHandle.current().pid());
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redisUrl.getHost(), redisUrl.getPort()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		RedisQueueBridge bridge = new RedisQueueBridge(connectionFactory, new MessageCodec(),
				RedisQueueBridgeOptions.defaults(), Clock.systemUTC());
		bridge.start();
		// jobs are shorter than their lease: no heartbeat, so a dead worker's lease simply expires
		QueueWorkerOptions options = QueueWorkerOptions.of(queueName)
			.withLifecycle(QueueLifecycle.defaults().withAutoHeartbeat(false))
			.withIdlePollWait(Duration.ofMillis(200));
		QueueWorkerRuntime runtime = new QueueWorkerRuntime(new AckRecordingBridge(bridge, redis, records, pid),
				options, (job) -> {
					QueueLease lease = job.lease();
					redis.opsForList()
						.rightPush(records + ":started", String.join("|", job.id(), Integer.toString(job.attempt()),
								pid, Long.toString(lease.leasedAt()), Long.toString(lease.leaseExpiresAt()),
								Long.toString(System.currentTimeMillis())));
					Thread.sleep(workMs); // the job's work
					return null;
				});
		runtime.start();
		System.in.transferTo(OutputStream.nullOutputStream());
		runtime.awaitDrain(Duration.ofSeconds(5));
		bridge.destroy();
		connectionFactory.destroy();
	}

	/**
	 * Records every ack of a job the worker finished, once the bridge's ack returned. Dead-lettered jobs are not
	 * acked and not counted.
	 */
	private static final class AckRecordingBridge extends ForwardingQueueBridge {

		private final StringRedisTemplate redis;

		private final String records;

		private final String pid;

		private final Map<String, QueueMessage> leased = new ConcurrentHashMap<>();

		AckRecordingBridge(QueueBridge delegate, StringRedisTemplate redis, String records, String pid) {
			super(delegate);
			this.redis = redis;
			this.records = records;
			this.pid = pid;
		}

		@Override
		public @Nullable QueueLease leaseNext(String queueName, Duration waitTime) {
			QueueLease lease = super.leaseNext(queueName, waitTime);
			if (lease != null) {
				this.leased.put(lease.leaseId(), lease.message());
			}
			return lease;
		}

		@Override
		public void deadLetter(String queueName, String leaseId, DeadLetterRequest request) {
			super.deadLetter(queueName, leaseId, request);
			this.leased.remove(leaseId);
		}

		@Override
		public void ack(String queueName, String leaseId) {
			super.ack(queueName, leaseId);
			QueueMessage message = this.leased.remove(leaseId);
			if (message != null) {
				this.redis.opsForHash().increment(this.records + ":acks", message.id(), 1);
				this.redis.opsForList()
					.rightPush(this.records + ":acked",
							String.join("|", message.id(), Integer.toString(message.attempt()), this.pid));
			}
		}

	}

}
