package dev.purista.redis.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.QueueHeaders;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMessage;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.redis.RedisTestSupport;
import dev.purista.redis.queue.RedisQueueBridge;
import dev.purista.redis.queue.RedisQueueBridgeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue workers of a Spring Boot application on the Redis queue bridge: bad jobs are dead-lettered while the
 * queue goes on, and jobs unfinished at shutdown are given back.
 */
class RedisQueueWorkerIntegrationTests {

	private static RedisTestSupport redis;

	private final String queue = "worker-" + UUID.randomUUID().toString().substring(0, 8);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class, PuristaRedisQueueAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=" + redis.address.host(),
				"spring.data.redis.port=" + redis.address.port(), "purista.queue-bridge.type=redis");

	record Welcome(@NotBlank @Email String to) {
	}

	@BeforeAll
	static void connect() {
		redis = new RedisTestSupport();
	}

	@AfterAll
	static void disconnect() {
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void deleteKeys() {
		Set<String> keys = redis.template.keys(RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX + this.queue + "*");
		if (keys != null && !keys.isEmpty()) {
			redis.template.delete(keys);
		}
	}

	@Test
	void jobsWithInvalidPayloadOrCorruptJsonAreDeadLetteredWithReasonAndTheQueueGoesOn() {
		List<String> sent = new CopyOnWriteArrayList<>();
		this.runner.withBean(ServiceDefinition.class, () -> ServiceBuilder.service("Email", "1")
			.queueWorker(this.queue, "send")
			.payload(Welcome.class)
			.handler((payload, parameter, context) -> sent.add(payload.to()))
			.build()).run((context) -> {
				RedisQueueBridge bridge = context.getBean(RedisQueueBridge.class);
				redis.template.opsForHash()
					.put(RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX + this.queue + ":jobs", "corrupt", "{\"id\":");
				redis.template.opsForList()
					.leftPush(RedisQueueBridgeOptions.DEFAULT_KEY_PREFIX + this.queue + ":pending", "corrupt");
				bridge.enqueue(EnqueueRequest.of(this.queue, Map.of("to", "not-an-email")));
				bridge.enqueue(EnqueueRequest.of(this.queue, Map.of("wrong", List.of(1, 2))));
				bridge.enqueue(EnqueueRequest.of(this.queue, Map.of("to", "ok@b.co")));

				String deadLetterQueue = bridge.capabilities().deadLetterQueueName(this.queue);
				await().atMost(Duration.ofSeconds(20))
					.until(() -> sent.contains("ok@b.co") && bridge.peekDeadLetter(deadLetterQueue, 0, 10).size() == 3);
				List<QueueMessage> dead = bridge.peekDeadLetter(deadLetterQueue, 0, 10);
				assertThat(dead).extracting((message) -> message.headers().get(QueueHeaders.DEAD_LETTER_REASON))
					.filteredOn((reason) -> !reason.equals(RedisQueueBridge.REASON_CORRUPT_JOB))
					.hasSize(2)
					.allSatisfy((reason) -> assertThat(reason).startsWith("validation failed: payload").contains("to"))
					.anySatisfy((reason) -> assertThat(reason).contains("code=Email"))
					.anySatisfy((reason) -> assertThat(reason).contains("code=NotBlank"));
				assertThat(sent).containsExactly("ok@b.co");
				assertThat(bridge.metrics(this.queue).pending()).isZero();
			});
	}

	@Test
	void jobUnfinishedAtShutdownIsGivenBackAndLeasedAgainWithTheNextAttempt() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		try {
			this.runner.withBean(ServiceDefinition.class, () -> ServiceBuilder.service("Mailer", "1")
				.queueWorker(this.queue, "send")
				.handler((payload, parameter, context) -> {
					started.countDown();
					finish.await();
					return null;
				})
				.build()).withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=500ms").run((context) -> {
					context.getBean(RedisQueueBridge.class)
						.enqueue(EnqueueRequest.of(this.queue, Map.of("to", "a@b.co")).withLeaseTtlMs(600_000L));
					assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
				});
			RedisQueueBridge other = new RedisQueueBridge(redis.connectionFactory, new MessageCodec(),
					RedisQueueBridgeOptions.defaults(), Clock.systemUTC());
			other.start();
			QueueLease again = other.leaseNext(this.queue, Duration.ZERO);
			assertThat(again).as("given back at shutdown, not after the 10 minute lease").isNotNull();
			assertThat(again.message().attempt()).isEqualTo(2);
			other.ack(this.queue, again.leaseId());
			other.destroy();
		}
		finally {
			finish.countDown();
		}
	}

}
