package dev.purista.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
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

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueLease;
import dev.purista.nats.queue.NatsQueueBridge;
import dev.purista.nats.queue.NatsQueueBridgeOptions;
import dev.purista.nats.queue.NatsQueueNames;

/**
 * Jobs per second through a real NATS JetStream: each operation is one job that the worker thread enqueues,
 * leases (waiting up to 1 s) and acknowledges, with 1 and 4 worker threads sharing one queue.
 * <p>
 * {@code threads*Purista} runs the job through {@link NatsQueueBridge} with its defaults (file storage, a durable
 * pull consumer with explicit acks, {@code ack_wait} 30 s): a JetStream publish, a fetch of one message (after
 * the bridge's checks for expired leases and due delayed jobs) and a synchronous ack.
 * {@code threads*Jnats} is the baseline: the same three steps written directly against jnats on a stream and
 * durable consumer of its own, configured like the bridge's ({@code WorkQueue} retention, file storage, explicit
 * ack, {@code max_ack_pending} 1024): {@link JetStream#publish(String, byte[])} of a job JSON of the same shape,
 * {@link JetStreamSubscription#fetch(int, Duration)} of one message on a pull subscription of the worker's own,
 * in slices of 100 ms (the bridge's poll interval) until a message arrives or 1 s has passed, as the bridge's
 * lease calls do, and {@link Message#ackSync(Duration)}.
 * <p>
 * NATS is found as {@link NatsCommandBenchmark} finds it. Every stream the benchmark creates is named after
 * {@value NatsCommandBenchmark#SUBJECT_PREFIX}{@code <random>}; it is deleted after the trial, which fails if a
 * job was left behind.
 * <p>
 * Each trial runs jobs on one thread for 8 s before the measured threads start, as
 * {@link InMemoryCommandBenchmark} does. The names sort so that JMH runs each baseline right before the PURISTA
 * benchmark with the same number of threads, as in {@link RedisQueueBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class NatsQueueBenchmark {

	private static final String QUEUE = "email";

	private static final Duration WAIT = Duration.ofSeconds(1);

	/**
	 * How long one baseline fetch waits: the bridge's poll interval, as the bridge fetches in slices of it (a
	 * baseline asking {@code fetch(1, 1 s)} ran at about 60 % of the speed in a short run).
	 */
	private static final Duration FETCH_WAIT = NatsQueueBridgeOptions.DEFAULT_POLL_INTERVAL;

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

	private static final String PAYLOAD_JSON = "{\"to\":\"a@b.co\",\"subject\":\"hi\"}";

	/**
	 * The PURISTA side: one bridge on one connection, shared by all worker threads.
	 */
	@State(Scope.Benchmark)
	public static class Purista {

		private final Email payload = new Email("a@b.co", "hi");

		private NatsQueueBridge bridge;

		private NatsQueueNames names;

		@Setup(Level.Trial)
		public void start() {
			String prefix = NatsCommandBenchmark.uniqueName() + ".queue";
			this.names = new NatsQueueNames(prefix);
			this.bridge = new NatsQueueBridge(NatsCommandBenchmark.natsOptions(), new MessageCodec(),
					NatsQueueBridgeOptions.builder().subjectPrefix(prefix).build());
			this.bridge.start();
			InMemoryCommandBenchmark.preWarm(this::job);
		}

		@TearDown(Level.Trial)
		public void stop() throws IOException, InterruptedException, JetStreamApiException {
			this.bridge.destroy();
			try (Connection connection = Nats.connect(NatsCommandBenchmark.natsOptions())) {
				JetStreamManagement jsm = connection.jetStreamManagement();
				long left = jsm.getStreamInfo(this.names.pendingStream(QUEUE)).getStreamState().getMsgCount()
						+ jsm.getStreamInfo(this.names.scheduledStream(QUEUE)).getStreamState().getMsgCount();
				jsm.deleteStream(this.names.pendingStream(QUEUE));
				jsm.deleteStream(this.names.scheduledStream(QUEUE));
				if (left != 0) {
					throw new IllegalStateException(left + " jobs were left in JetStream after the trial");
				}
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

	}

	/**
	 * The baseline: one connection with a stream and a durable pull consumer of its own, shared by all worker
	 * threads, and a pull subscription per worker.
	 */
	@State(Scope.Benchmark)
	public static class Jnats {

		private Connection connection;

		private JetStream jetStream;

		private String stream;

		private String subject;

		private String consumer;

		@Setup(Level.Trial)
		public void start() throws IOException, InterruptedException, JetStreamApiException {
			String name = NatsCommandBenchmark.uniqueName();
			this.stream = name + "_raw";
			this.subject = name + ".raw." + QUEUE + ".pending";
			this.consumer = QUEUE + "_raw_consumer";
			this.connection = Nats.connect(NatsCommandBenchmark.natsOptions());
			JetStreamManagement jsm = this.connection.jetStreamManagement();
			jsm.addStream(StreamConfiguration.builder()
				.name(this.stream)
				.subjects(this.subject)
				.retentionPolicy(RetentionPolicy.WorkQueue)
				.storageType(StorageType.File)
				.build());
			jsm.addOrUpdateConsumer(this.stream, ConsumerConfiguration.builder()
				.durable(this.consumer)
				.filterSubject(this.subject)
				.ackPolicy(AckPolicy.Explicit)
				.deliverPolicy(DeliverPolicy.All)
				.ackWait(Duration.ofSeconds(30))
				.maxDeliver(-1)
				.maxAckPending(1024)
				.build());
			this.jetStream = this.connection.jetStream();
			JnatsWorker worker = new JnatsWorker();
			worker.subscribe(this);
			InMemoryCommandBenchmark.preWarm(() -> job(worker));
		}

		/**
		 * Delete the stream and close the connection, which ends the workers' subscriptions too: JMH may tear
		 * down this state before the workers' states.
		 */
		@TearDown(Level.Trial)
		public void stop() throws IOException, InterruptedException, JetStreamApiException {
			try {
				JetStreamManagement jsm = this.connection.jetStreamManagement();
				long left = jsm.getStreamInfo(this.stream).getStreamState().getMsgCount();
				jsm.deleteStream(this.stream);
				if (left != 0) {
					throw new IllegalStateException(left + " jobs were left in JetStream after the trial");
				}
			}
			finally {
				this.connection.close();
			}
		}

		/**
		 * Bind a pull subscription to the durable consumer.
		 * @return the subscription
		 */
		JetStreamSubscription subscribe() throws IOException, JetStreamApiException {
			return this.jetStream.subscribe(this.subject, PullSubscribeOptions.bind(this.stream, this.consumer));
		}

		/**
		 * Publish one job, fetch the oldest pending job (in 100 ms slices, up to 1 s) and ack it synchronously.
		 * @param worker the calling thread's pull subscription
		 * @return the JSON of the job acknowledged
		 */
		byte[] job(JnatsWorker worker) {
			String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"queueName\":\"" + QUEUE + "\",\"payload\":"
					+ PAYLOAD_JSON + ",\"createdAt\":" + System.currentTimeMillis() + ",\"attempt\":0}";
			try {
				this.jetStream.publish(this.subject, json.getBytes(StandardCharsets.UTF_8));
				long deadline = System.nanoTime() + WAIT.toNanos();
				List<Message> fetched = worker.subscription.fetch(1, FETCH_WAIT);
				while (fetched.isEmpty()) {
					if (System.nanoTime() - deadline > 0) {
						throw new IllegalStateException("No job fetched within " + WAIT);
					}
					fetched = worker.subscription.fetch(1, FETCH_WAIT);
				}
				Message message = fetched.get(0);
				message.ackSync(ACK_TIMEOUT);
				return message.getData();
			}
			catch (IOException | JetStreamApiException | TimeoutException ex) {
				throw new IllegalStateException("The job failed: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}

	}

	/**
	 * A baseline worker's own pull subscription: fetches on one subscription do not overlap.
	 */
	@State(Scope.Thread)
	public static class JnatsWorker {

		private JetStreamSubscription subscription;

		@Setup(Level.Trial)
		public void subscribe(Jnats jnats) throws IOException, JetStreamApiException {
			this.subscription = jnats.subscribe();
		}

	}

	@Benchmark
	@Threads(1)
	public byte[] threads1Jnats(Jnats jnats, JnatsWorker worker) {
		return jnats.job(worker);
	}

	@Benchmark
	@Threads(1)
	public String threads1Purista(Purista purista) {
		return purista.job();
	}

	@Benchmark
	@Threads(4)
	public byte[] threads4Jnats(Jnats jnats, JnatsWorker worker) {
		return jnats.job(worker);
	}

	@Benchmark
	@Threads(4)
	public String threads4Purista(Purista purista) {
		return purista.job();
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
