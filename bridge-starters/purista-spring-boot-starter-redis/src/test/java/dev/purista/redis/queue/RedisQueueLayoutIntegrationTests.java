package dev.purista.redis.queue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.DeadLetterRequest;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.redis.RedisTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis keys and JSON {@link RedisQueueBridge} writes, read raw and checked against TypeScript PURISTA's
 * layout and the {@code QueueMessage} shape of {@code purista-vectors/default-queue-bridge.json}; jobs written
 * the TypeScript way are leased; corrupt jobs are dead-lettered without stopping the queue.
 */
class RedisQueueLayoutIntegrationTests {

	private static final String PREFIX = "purista:queue:";

	private static RedisTestSupport redis;

	private static JsonNode vector;

	private final MessageCodec codec = new MessageCodec();

	private final List<RedisQueueBridge> bridges = new ArrayList<>();

	private String queue = "";

	private RedisQueueBridge bridge;

	@BeforeAll
	static void connect() throws IOException {
		redis = new RedisTestSupport();
		try (InputStream in = RedisQueueLayoutIntegrationTests.class.getResourceAsStream("/purista-vectors/default-queue-bridge.json")) {
			vector = new MessageCodec().mapper().readTree(in);
		}
	}

	@AfterAll
	static void disconnect() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void startBridge() {
		this.queue = "layout-" + UUID.randomUUID().toString().substring(0, 8);
		this.bridge = newBridge();
	}

	@AfterEach
	void cleanUp() {
		this.bridges.forEach(RedisQueueBridge::destroy);
		Set<String> keys = template().keys(PREFIX + this.queue + "*");
		if (keys != null && !keys.isEmpty()) {
			template().delete(keys);
		}
	}

	@Test
	void enqueueLeaseNackAndDeadLetterWriteTypeScriptKeysAndJson() {
		EnqueueResult result = this.bridge.enqueue(EnqueueRequest.of(this.queue, Map.of("to", "a@b.co"))
			.withParameter(Map.of())
			.withHeaders(Map.of(QueueHeaders.TENANT_ID, "t-1"))
			.withMaxAttempts(3)
			.withLeaseTtlMs(30_000L)
			.withIdempotencyKey("k-1"));
		String id = result.jobId();

		assertThat(type("jobs")).isEqualTo(DataType.HASH);
		assertThat(list("pending")).containsExactly(id);
		JsonNode enqueued = job(id);
		assertThat(fieldNames(enqueued)).isEqualTo(fieldNames(vector.get("lease").get("message")));
		assertThat(enqueued.get("attempt").asInt()).isZero();
		assertThat(enqueued.get("leaseExpiresAt").asLong()).isZero();
		assertThat(enqueued.get("createdAt").asLong()).isEqualTo(result.scheduledAt());
		JsonNode idempotency = json(template().opsForValue().get(key("idempotency:k-1")));
		assertThat(fieldNames(idempotency)).isEqualTo(fieldNames(vector.get("enqueueResult")));
		assertThat(idempotency.get("jobId").asString()).isEqualTo(id);

		QueueLease lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(lease).isNotNull();
		assertThat(fieldNames(this.codec.mapper().valueToTree(lease))).isEqualTo(fieldNames(vector.get("lease")));
		assertThat(list("pending")).isEmpty();
		assertThat(list("processing")).containsExactly(id);
		assertThat(template().opsForHash().get(key("leases"), lease.leaseId())).isEqualTo(id);
		assertThat(template().opsForHash().get(key("lease-by-job"), id)).isEqualTo(lease.leaseId());
		assertThat(template().opsForZSet().score(key("lease-expiry"), lease.leaseId()))
			.isEqualTo((double) lease.leaseExpiresAt());
		JsonNode leased = job(id);
		assertThat(leased.get("attempt").asInt()).isEqualTo(1);
		assertThat(leased.get("leaseExpiresAt").asLong()).isEqualTo(lease.leaseExpiresAt())
			.isEqualTo(lease.leasedAt() + 30_000);

		this.bridge.nack(this.queue, lease.leaseId(), "busy", Duration.ofMinutes(1));
		assertThat(list("processing")).isEmpty();
		assertThat(template().opsForHash().size(key("leases"))).isZero();
		assertThat(template().opsForHash().size(key("lease-by-job"))).isZero();
		assertThat(template().opsForZSet().size(key("lease-expiry"))).isZero();
		JsonNode nacked = job(id);
		assertThat(template().opsForZSet().score(key("scheduled"), id))
			.isEqualTo(nacked.get("scheduledAt").asDouble());
		assertThat(nacked.get("headers").get(QueueHeaders.LAST_RETRY_REASON).asString()).isEqualTo("busy");
		assertThat(nacked.get("headers").get(QueueHeaders.TENANT_ID).asString()).isEqualTo("t-1");
		assertThat(nacked.get("leaseExpiresAt").asLong()).isZero();
		assertThat(template().opsForHash().get(key("stats"), "retries")).isEqualTo("1");

		String last = this.bridge.enqueue(EnqueueRequest.of(this.queue, "last").withMaxAttempts(1)).jobId();
		QueueLease lastLease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(lastLease.id()).isEqualTo(last);
		this.bridge.nack(this.queue, lastLease.leaseId(), null, Duration.ZERO);
		assertThat(template().opsForHash().hasKey(key("jobs"), last)).isFalse();
		List<String> deadLetters = list("dead-letter");
		assertThat(deadLetters).hasSize(1);
		JsonNode dead = json(deadLetters.get(0));
		assertThat(dead.get("id").asString()).isEqualTo(last);
		assertThat(dead.get("headers").get(QueueHeaders.DEAD_LETTER_REASON).asString())
			.isEqualTo(QueueHeaders.REASON_MAX_ATTEMPTS_EXCEEDED);
		assertThat(template().opsForHash().get(key("stats"), "deadLetter")).isEqualTo("1");
		assertThat(this.bridge.capabilities().deadLetterQueueName(this.queue)).isEqualTo(this.queue + ":dead-letter");
	}

	@Test
	void delayedJobWaitsInTheScheduledSet() {
		long due = System.currentTimeMillis() + 600_000;
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "later").withScheduledAt(due)).jobId();
		assertThat(list("pending")).isEmpty();
		assertThat(template().opsForZSet().score(key("scheduled"), id)).isEqualTo((double) due);
	}

	@Test
	void jobWrittenTheTypeScriptWayIsLeasedWithItsPayloadTextKept() {
		String payload = "{\"tags\":[],\"nested\":{},\"big\":12345678901234567890,\"ratio\":0.1,"
				+ "\"text\":\"say \\\"hi\\\" \\\\ ok\",\"attempt\":99,\"list\":[{\"attempt\":98}]}";
		String id = UUID.randomUUID().toString();
		long now = System.currentTimeMillis();
		String job = "{\"id\":\"" + id + "\",\"queueName\":\"" + this.queue + "\",\"payload\":" + payload
				+ ",\"parameter\":{},\"headers\":{\"purista.tenantId\":\"t-1\"},\"createdAt\":" + now
				+ ",\"scheduledAt\":" + now + ",\"attempt\":0,\"maxAttempts\":3,\"leaseExpiresAt\":0,"
				+ "\"leaseTtlMs\":30000,\"idempotencyKey\":\"k-1\"}";
		template().opsForHash().put(key("jobs"), id, job);
		template().opsForList().leftPush(key("pending"), id);

		QueueLease lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(lease).isNotNull();
		assertThat(lease.id()).isEqualTo(id);
		assertThat(lease.message().attempt()).isEqualTo(1);
		assertThat(lease.message().payload()).isEqualTo(json(payload));
		String stored = (String) template().opsForHash().get(key("jobs"), id);
		assertThat(stored).contains("\"payload\":" + payload + ",").contains("\"attempt\":1,");

		this.bridge.nack(this.queue, lease.leaseId(), "retry", Duration.ZERO);
		assertThat((String) template().opsForHash().get(key("jobs"), id)).contains("\"payload\":" + payload + ",");
		assertThat(this.bridge.leaseNext(this.queue, Duration.ofSeconds(5)).message().attempt()).isEqualTo(2);
	}

	@Test
	void corruptOrMissingJobsAreDeadLetteredOrDroppedAndTheQueueGoesOn() {
		template().opsForHash().put(key("jobs"), "not-json", "{not json");
		template().opsForHash().put(key("jobs"), "wrong-shape",
				"{\"id\":\"wrong-shape\",\"queueName\":\"" + this.queue + "\",\"attempt\":0,\"headers\":\"oops\"}");
		template().opsForList().leftPush(key("pending"), "not-json");
		template().opsForList().leftPush(key("pending"), "wrong-shape");
		template().opsForList().leftPush(key("pending"), "no-job-stored");
		String good = this.bridge.enqueue(EnqueueRequest.of(this.queue, Map.of("n", 1))).jobId();

		QueueLease lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		while (lease != null && !lease.id().equals(good)) {
			lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		}
		assertThat(lease).as("the good job behind the broken ones").isNotNull();
		this.bridge.ack(this.queue, lease.leaseId());

		List<QueueMessage> deadLetters = this.bridge.peekDeadLetter(this.queue + ":dead-letter", 0, 10);
		assertThat(deadLetters).extracting(QueueMessage::id).containsExactly("not-json", "wrong-shape");
		assertThat(deadLetters).allSatisfy((message) -> assertThat(message.headers())
			.containsEntry(QueueHeaders.DEAD_LETTER_REASON, RedisQueueBridge.REASON_CORRUPT_JOB));
		assertThat(deadLetters.get(0).extensions()).containsEntry("corruptJob", "{not json");
		assertThat(list("processing")).isEmpty();
		assertThat(list("pending")).isEmpty();
		assertThat(template().opsForHash().size(key("jobs"))).isZero();
		assertThat(this.bridge.redriveDeadLetter(this.queue + ":dead-letter", 10)).as("corrupt jobs stay").isZero();
		assertThat(list("dead-letter")).hasSize(2);
	}

	@Test
	void jobEnqueuedWithoutALeaseTimeIsLeasedForThirtySecondsInTypeScriptsFields() {
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "job")).jobId();
		assertThat(job(id).get("leaseTtlMs").asLong()).isEqualTo(30_000L);

		QueueLease lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(lease.leaseExpiresAt() - lease.leasedAt()).as("a dead worker's job is leased again within a minute")
			.isEqualTo(30_000L)
			.isLessThanOrEqualTo(60_000L);
		JsonNode leased = job(id);
		assertThat(fieldNames(vector.get("lease").get("message"))).as("only fields TypeScript PURISTA writes")
			.containsAll(fieldNames(leased));
		assertThat(leased.get("leaseExpiresAt").asLong()).isEqualTo(lease.leaseExpiresAt());
		assertThat(template().opsForZSet().score(key("lease-expiry"), lease.leaseId()))
			.isEqualTo((double) lease.leaseExpiresAt());
	}

	@Test
	void destroyGivesBackTheLeasesItHolds() {
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "job").withLeaseTtlMs(600_000L)).jobId();
		QueueLease held = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(held.id()).isEqualTo(id);
		this.bridge.destroy();

		QueueLease again = newBridge().leaseNext(this.queue, Duration.ZERO);
		assertThat(again).as("released at once, not after the 10 minute lease").isNotNull();
		assertThat(again.id()).isEqualTo(id);
		assertThat(again.message().attempt()).isEqualTo(2);
	}

	@Test
	void jobMovedByAConsumerThatDiedBeforeTakingTheLeaseIsRecovered() {
		String id = this.bridge.enqueue(EnqueueRequest.of(this.queue, "job")).jobId();
		template().opsForList().move(key("pending"), org.springframework.data.redis.connection.RedisListCommands.Direction.RIGHT,
				key("processing"), org.springframework.data.redis.connection.RedisListCommands.Direction.LEFT);
		assertThat(list("processing")).containsExactly(id);

		QueueLease lease = newBridge().leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(lease).isNotNull();
		assertThat(lease.id()).isEqualTo(id);
		assertThat(lease.message().attempt()).isEqualTo(1);
	}

	@Test
	void deadLetterEndsTheLeaseAndPushesTheStoredJobWithItsReasonsAndPayloadText() {
		String payload = "{\"tags\":[],\"big\":12345678901234567890}";
		String id = UUID.randomUUID().toString();
		long now = System.currentTimeMillis();
		template().opsForHash().put(key("jobs"), id, "{\"id\":\"" + id + "\",\"queueName\":\"" + this.queue
				+ "\",\"payload\":" + payload + ",\"headers\":{\"purista.tenantId\":\"t-1\"},\"createdAt\":" + now
				+ ",\"scheduledAt\":" + now + ",\"attempt\":0,\"maxAttempts\":3,\"leaseExpiresAt\":0,"
				+ "\"leaseTtlMs\":30000}");
		template().opsForList().leftPush(key("pending"), id);
		QueueLease lease = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		assertThat(lease.id()).isEqualTo(id);

		this.bridge.deadLetter(this.queue, lease.leaseId(),
				DeadLetterRequest.because(QueueHeaders.REASON_RETRY_WINDOW_EXPIRED).withLastRetryReason("busy"));

		assertThat(template().opsForHash().hasKey(key("jobs"), id)).isFalse();
		assertThat(list("processing")).isEmpty();
		assertThat(list("pending")).isEmpty();
		assertThat(template().opsForHash().size(key("leases"))).isZero();
		assertThat(template().opsForHash().size(key("lease-by-job"))).isZero();
		assertThat(template().opsForZSet().size(key("lease-expiry"))).isZero();
		assertThat(template().opsForHash().get(key("stats"), "deadLetter")).isEqualTo("1");
		assertThat(list("dead-letter")).singleElement().satisfies((text) -> {
			assertThat(text).contains("\"payload\":" + payload + ",");
			JsonNode dead = json(text);
			assertThat(dead.get("attempt").asInt()).isEqualTo(1);
			assertThat(dead.get("leaseExpiresAt").asLong()).isZero();
			assertThat(dead.get("headers").get(QueueHeaders.DEAD_LETTER_REASON).asString())
				.isEqualTo(QueueHeaders.REASON_RETRY_WINDOW_EXPIRED);
			assertThat(dead.get("headers").get(QueueHeaders.LAST_RETRY_REASON).asString()).isEqualTo("busy");
			assertThat(dead.get("headers").get(QueueHeaders.TENANT_ID).asString()).isEqualTo("t-1");
		});
	}

	@Test
	void deadLetterQueueNamesMapToListsWithTheDeadLetterSuffix() {
		this.bridge.enqueue(EnqueueRequest.of(this.queue, "x"));
		this.bridge.enqueue(EnqueueRequest.of(this.queue, "y"));
		QueueLease runtime = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		this.bridge.deadLetter(this.queue, runtime.leaseId(),
				DeadLetterRequest.because("runtime").into(this.queue + ":dead-letter"));
		QueueLease custom = this.bridge.leaseNext(this.queue, Duration.ofSeconds(5));
		this.bridge.deadLetter(this.queue, custom.leaseId(),
				DeadLetterRequest.because("custom").into(this.queue + "-failed"));

		assertThat(list("dead-letter")).hasSize(1);
		assertThat(json(list("dead-letter").get(0)).get("leaseExpiresAt").asLong()).isZero();
		assertThat(template().opsForList().range(PREFIX + this.queue + "-failed:dead-letter", 0, -1)).hasSize(1);
		assertThat(this.bridge.peekDeadLetter(this.queue + "-failed", 0, 10)).singleElement()
			.satisfies((dead) -> assertThat(dead.headers()).containsEntry(QueueHeaders.DEAD_LETTER_REASON, "custom"));
		assertThat(this.bridge.purgeDeadLetter(this.queue + "-failed")).isEqualTo(1);
	}

	private RedisQueueBridge newBridge() {
		RedisQueueBridge created = new RedisQueueBridge(redis.connectionFactory, this.codec,
				RedisQueueBridgeOptions.defaults(), Clock.systemUTC());
		created.start();
		this.bridges.add(created);
		return created;
	}

	private static StringRedisTemplate template() {
		return redis.template;
	}

	private String key(String suffix) {
		return PREFIX + this.queue + ":" + suffix;
	}

	private DataType type(String suffix) {
		return template().type(key(suffix));
	}

	private List<String> list(String suffix) {
		return template().opsForList().range(key(suffix), 0, -1);
	}

	private JsonNode job(String id) {
		return json((String) template().opsForHash().get(key("jobs"), id));
	}

	private JsonNode json(String text) {
		return this.codec.mapper().readTree(text);
	}

	private static Set<String> fieldNames(JsonNode node) {
		return ((ObjectNode) node).propertyNames().stream().collect(java.util.stream.Collectors.toSet());
	}

}
