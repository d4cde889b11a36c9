package dev.purista.nats.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.nats.NatsTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NatsQueueBridge} and TypeScript PURISTA's {@code NatsQueueBridge} share queues: a plain jnats client
 * plays TypeScript (its stream, consumer and bucket names, its job JSON, its consumer settings), and each side
 * leases what the other enqueued. The names and settings checked here are those of
 * {@code packages/nats-queue-bridge/src/NatsQueueBridge.impl.ts}.
 */
class TypeScriptQueueInteropIntegrationTests {

	private static NatsTestSupport nats;

	private final MessageCodec codec = new MessageCodec();

	private Connection typeScript;

	private NatsQueueBridge java;

	private String queue = "";

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@BeforeEach
	void connect() {
		this.queue = "interop-" + UUID.randomUUID().toString().substring(0, 8);
		this.typeScript = nats.connect();
		this.java = new NatsQueueBridge(nats.options(), this.codec);
		this.java.start();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.java.destroy();
		this.typeScript.close();
	}

	@Test
	void javaCreatesTypeScriptsStreamsAndConsumersAndWritesTypeScriptsJobJson() throws Exception {
		EnqueueResult result = this.java.enqueue(EnqueueRequest.of(this.queue, Map.of("to", "a@b.co"))
			.withHeaders(Map.of(QueueHeaders.TENANT_ID, "t-1"))
			.withMaxAttempts(3));

		JetStreamManagement jsm = this.typeScript.jetStreamManagement();
		StreamInfo pending = jsm.getStreamInfo("purista_queue_" + this.queue + "_pending");
		assertThat(pending.getConfiguration().getSubjects()).containsExactly("purista.queue." + this.queue + ".pending");
		assertThat(pending.getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
		assertThat(pending.getConfiguration().getStorageType()).isEqualTo(StorageType.File);
		StreamInfo scheduled = jsm.getStreamInfo("purista_queue_" + this.queue + "_scheduled");
		assertThat(scheduled.getConfiguration().getSubjects())
			.containsExactly("purista.queue." + this.queue + ".scheduled");
		assertThat(scheduled.getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
		for (String kind : List.of("pending", "scheduled")) {
			ConsumerInfo consumer = jsm.getConsumerInfo("purista_queue_" + this.queue + "_" + kind,
					this.queue + "_" + kind + "_consumer");
			ConsumerConfiguration configuration = consumer.getConsumerConfiguration();
			assertThat(configuration.getDurable()).isEqualTo(this.queue + "_" + kind + "_consumer");
			assertThat(configuration.getFilterSubject()).isEqualTo("purista.queue." + this.queue + "." + kind);
			assertThat(configuration.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
			assertThat(configuration.getDeliverPolicy()).isEqualTo(DeliverPolicy.All);
			assertThat(configuration.getAckWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(configuration.getMaxDeliver()).isEqualTo(-1);
			assertThat(configuration.getMaxAckPending()).isEqualTo(1024);
		}

		MessageInfo stored = jsm.getMessage(pending.getConfiguration().getName(),
				jsm.getStreamInfo(pending.getConfiguration().getName()).getStreamState().getFirstSequence());
		JsonNode job = this.codec.mapper().readTree(stored.getData());
		assertThat(job.path("id").asString()).isEqualTo(result.jobId());
		assertThat(job.path("queueName").asString()).isEqualTo(this.queue);
		assertThat(job.path("payload").path("to").asString()).isEqualTo("a@b.co");
		assertThat(job.path("headers").path(QueueHeaders.TENANT_ID).asString()).isEqualTo("t-1");
		assertThat(job.path("createdAt").isNumber()).isTrue();
		assertThat(job.path("scheduledAt").asLong()).isEqualTo(result.scheduledAt());
		assertThat(job.path("attempt").asInt()).isZero();
		assertThat(job.path("maxAttempts").asInt()).isEqualTo(3);
		assertThat(job.path("leaseExpiresAt").asLong()).isZero();
		assertThat(job.path("leaseTtlMs").asLong()).isEqualTo(30_000);

		Message leasedByTypeScript = typeScriptFetch("pending");
		assertThat(this.codec.mapper().readTree(leasedByTypeScript.getData()).path("id").asString())
			.isEqualTo(result.jobId());
		leasedByTypeScript.ackSync(Duration.ofSeconds(5));
		assertThat(this.java.leaseNext(this.queue, Duration.ZERO)).isNull();
	}

	@Test
	void idempotentEnqueueUsesTypeScriptsBucketKeyAndJobId() throws Exception {
		EnqueueResult first = this.java
			.enqueue(EnqueueRequest.of(this.queue, Map.of("n", 1)).withIdempotencyKey("order-42"));
		String hex = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest((this.queue + "\0order-42").getBytes(StandardCharsets.UTF_8)));
		assertThat(first.jobId()).isEqualTo("idem-" + hex);

		KeyValueManagement management = this.typeScript.keyValueManagement();
		assertThat(management.getStatus("purista_queue_idempotency").getMaxHistoryPerKey()).isEqualTo(1);
		KeyValueEntry entry = this.typeScript.keyValue("purista_queue_idempotency").get(hex);
		assertThat(entry).isNotNull();
		JsonNode record = this.codec.mapper().readTree(entry.getValue());
		assertThat(record.path("state").asString()).isEqualTo("published");
		assertThat(record.path("result").path("jobId").asString()).isEqualTo(first.jobId());
		assertThat(record.path("result").path("queueName").asString()).isEqualTo(this.queue);
		assertThat(record.path("result").path("scheduledAt").asLong()).isEqualTo(first.scheduledAt());
		assertThat(record.path("message").path("id").asString()).isEqualTo(first.jobId());
		assertThat(record.path("message").path("idempotencyKey").asString()).isEqualTo("order-42");
		assertThat(record.path("updatedAt").isNumber()).isTrue();
	}

	@Test
	void javaLeasesWhatTypeScriptEnqueuedAndRetriesAndDeadLettersItTheTypeScriptWay() throws Exception {
		createTypeScriptTopology();
		long now = System.currentTimeMillis();
		String jobId = UUID.randomUUID().toString();
		typeScriptPublish("pending", typeScriptJob(jobId, now, now, 2));

		QueueLease first = this.java.leaseNext(this.queue, Duration.ofSeconds(10));
		assertThat(first).isNotNull();
		assertThat(first.id()).isEqualTo(jobId);
		assertThat(first.message().attempt()).isEqualTo(1);
		assertThat(first.message().maxAttempts()).isEqualTo(2);
		assertThat(this.codec.copyAsJson(first.message().payload()).path("to").asString()).isEqualTo("a@b.co");
		assertThat(first.message().headers()).containsEntry(QueueHeaders.PRINCIPAL_ID, "p-1");
		this.java.nack(this.queue, first.leaseId(), "smtp down", Duration.ZERO);

		Message retried = typeScriptFetch("pending");
		JsonNode retry = this.codec.mapper().readTree(retried.getData());
		assertThat(retry.path("id").asString()).isEqualTo(jobId);
		assertThat(retry.path("attempt").asInt()).as("the attempt of the lease, kept for the next lease").isEqualTo(1);
		assertThat(retry.path("leaseExpiresAt").asLong()).isZero();
		assertThat(retry.path("headers").path(QueueHeaders.LAST_RETRY_REASON).asString()).isEqualTo("smtp down");
		assertThat(retried.metaData().deliveredCount()).as("a republished message, not a JetStream nak")
			.isEqualTo(1);
		retried.nak();

		QueueLease last = this.java.leaseNext(this.queue, Duration.ofSeconds(10));
		assertThat(last).isNotNull();
		assertThat(last.message().attempt()).isEqualTo(2);
		this.java.nack(this.queue, last.leaseId(), "smtp still down", Duration.ZERO);

		JetStreamManagement jsm = this.typeScript.jetStreamManagement();
		StreamInfo deadLetters = jsm.getStreamInfo("purista_queue_" + this.queue + "_dead_letter");
		assertThat(deadLetters.getConfiguration().getSubjects())
			.containsExactly("purista.queue." + this.queue + ".dead-letter");
		assertThat(deadLetters.getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
		assertThat(deadLetters.getStreamState().getMsgCount()).isEqualTo(1);
		JsonNode deadLetter = this.codec.mapper()
			.readTree(jsm.getMessage(deadLetters.getConfiguration().getName(),
					deadLetters.getStreamState().getFirstSequence())
				.getData());
		assertThat(deadLetter.path("id").asString()).isEqualTo(jobId);
		assertThat(deadLetter.path("headers").path(QueueHeaders.DEAD_LETTER_REASON).asString())
			.isEqualTo("smtp still down");
		assertThat(deadLetter.path("leaseExpiresAt").asLong()).isZero();
	}

	@Test
	void javaReleasesADelayedJobTypeScriptPutOnTheScheduledStream() throws Exception {
		createTypeScriptTopology();
		long now = System.currentTimeMillis();
		long due = now + 300;
		String jobId = UUID.randomUUID().toString();
		typeScriptPublish("scheduled", typeScriptJob(jobId, now, due, 10));

		QueueLease lease = this.java.leaseNext(this.queue, Duration.ofSeconds(10));
		assertThat(lease).isNotNull();
		assertThat(lease.id()).isEqualTo(jobId);
		assertThat(lease.leasedAt()).isGreaterThanOrEqualTo(due);
		this.java.ack(this.queue, lease.leaseId());
	}

	@Test
	void aMessageThatIsNotAJobIsDeadLetteredWithReasonCorruptJobAndTheQueueGoesOn() throws Exception {
		createTypeScriptTopology();
		JetStream js = this.typeScript.jetStream();
		js.publish("purista.queue." + this.queue + ".pending", "not json".getBytes(StandardCharsets.UTF_8));
		String jobId = UUID.randomUUID().toString();
		long now = System.currentTimeMillis();
		typeScriptPublish("pending", typeScriptJob(jobId, now, now, 10));

		QueueLease lease = this.java.leaseNext(this.queue, Duration.ofSeconds(10));
		assertThat(lease).isNotNull();
		assertThat(lease.id()).isEqualTo(jobId);
		JetStreamManagement jsm = this.typeScript.jetStreamManagement();
		String stream = "purista_queue_" + this.queue + "_dead_letter";
		MessageInfo corrupt = jsm.getMessage(stream, jsm.getStreamInfo(stream).getStreamState().getFirstSequence());
		assertThat(new String(corrupt.getData(), StandardCharsets.UTF_8)).isEqualTo("not json");
		assertThat(corrupt.getHeaders().getFirst(QueueHeaders.DEAD_LETTER_REASON))
			.isEqualTo(NatsQueueBridge.REASON_CORRUPT_JOB);
		this.java.ack(this.queue, lease.leaseId());
	}

	private byte[] typeScriptJob(String jobId, long createdAt, long scheduledAt, int maxAttempts) {
		Map<String, Object> job = new java.util.LinkedHashMap<>();
		job.put("id", jobId);
		job.put("queueName", this.queue);
		job.put("payload", Map.of("to", "a@b.co"));
		job.put("headers", Map.of(QueueHeaders.PRINCIPAL_ID, "p-1"));
		job.put("createdAt", createdAt);
		job.put("scheduledAt", scheduledAt);
		job.put("attempt", 0);
		job.put("maxAttempts", maxAttempts);
		job.put("leaseExpiresAt", 0);
		job.put("leaseTtlMs", 30_000);
		return this.codec.mapper().writeValueAsBytes(job);
	}

	private void typeScriptPublish(String kind, byte[] job) throws Exception {
		this.typeScript.jetStream().publish("purista.queue." + this.queue + "." + kind, job);
	}

	private void createTypeScriptTopology() throws Exception {
		JetStreamManagement jsm = this.typeScript.jetStreamManagement();
		for (String kind : List.of("pending", "scheduled")) {
			String stream = "purista_queue_" + this.queue + "_" + kind;
			String subject = "purista.queue." + this.queue + "." + kind;
			jsm.addStream(StreamConfiguration.builder()
				.name(stream)
				.subjects(subject)
				.retentionPolicy(RetentionPolicy.WorkQueue)
				.storageType(StorageType.File)
				.build());
			jsm.addOrUpdateConsumer(stream,
					ConsumerConfiguration.builder()
						.name(this.queue + "_" + kind + "_consumer")
						.durable(this.queue + "_" + kind + "_consumer")
						.filterSubject(subject)
						.ackPolicy(AckPolicy.Explicit)
						.deliverPolicy(DeliverPolicy.All)
						.ackWait(Duration.ofSeconds(30))
						.maxDeliver(-1)
						.maxAckPending(1024)
						.build());
		}
	}

	private Message typeScriptFetch(String kind) throws Exception {
		JetStreamSubscription subscription = this.typeScript.jetStream()
			.subscribe("purista.queue." + this.queue + "." + kind, PullSubscribeOptions
				.bind("purista_queue_" + this.queue + "_" + kind, this.queue + "_" + kind + "_consumer"));
		List<Message> fetched = subscription.fetch(1, Duration.ofSeconds(10));
		assertThat(fetched).as("a message on the %s stream", kind).hasSize(1);
		return fetched.get(0);
	}

}
