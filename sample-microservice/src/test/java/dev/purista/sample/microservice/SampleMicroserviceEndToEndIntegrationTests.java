package dev.purista.sample.microservice;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.amqp.AmqpNames;
import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.core.message.Ids;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.MailSender;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.otlp.OtlpHttpReceiver;
import dev.purista.test.otlp.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as microservices, end to end on the real RabbitMQ and Redis: every instance is an application
 * context of its own, started with the arguments a process of the fat jar gets ({@code --sample.services},
 * {@code --spring.profiles.active=staging}, Boot's broker keys, a random {@code --server.port}), so it has its
 * own AMQP event bridge instance, RabbitMQ and Redis connections and HTTP port. Exchange, queue names and queue
 * keys are unique per run, state lives in a Redis database of its own, and both are deleted afterwards. The
 * instances export their spans over OTLP/HTTP (the production profile's settings, pointed at a local
 * {@link OtlpHttpReceiver} instead of the compose collector).
 */
class SampleMicroserviceEndToEndIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String AMQP_NAME = "purista-e2e-" + RUN;

	private static final String QUEUE_KEY_PREFIX = "purista-e2e:" + RUN + ":queue:";

	/** A database no other test class uses: the sample's state keys (user:, outbox:) have no prefix. */
	private static final int DATABASE = 12;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Set<String> stateKeys = ConcurrentHashMap.newKeySet();

	private static BrokerAddress rabbit;

	private static BrokerAddress redis;

	private static Instance user;

	private static Instance email;

	private static OtlpHttpReceiver otlp;

	@BeforeAll
	static void startUserAndEmailInstances() {
		rabbit = BrokerResolution.require(Broker.RABBITMQ);
		redis = BrokerResolution.require(Broker.REDIS);
		otlp = OtlpHttpReceiver.start();
		user = Instance.start("user", null);
		email = Instance.start("email", new RecordingMailSender());
	}

	@AfterAll
	static void stopInstancesAndDeleteBrokerState() {
		Stream.of(user, email).filter((instance) -> instance != null).forEach(Instance::stop);
		if (redis != null) {
			deleteRedisKeys();
		}
		if (rabbit != null) {
			deleteRabbitQueuesAndExchange();
		}
		if (otlp != null) {
			otlp.close();
		}
	}

	@Test
	void signUpOnTheUserInstanceReachesTheEmailInstanceOverRabbitMqAndItsWorkerSendsTheMailFromRedis() {
		String address = "ada-" + RUN + "@example.com";

		String userId = user.signUp(address, "Ada");

		await().atMost(TIMEOUT).untilAsserted(() -> {
			JsonNode outbox = email.outbox(userId);
			assertThat(outbox.get("status").asString()).isEqualTo("sent");
			assertThat(outbox.get("attempts").asInt()).isEqualTo(1);
		});
		assertThat(email.mail().sends(address)).isEqualTo(1);
		// each instance serves only its own service's routes
		user.client().get().uri("/api/v1/email/outbox/{userId}", userId).exchange().expectStatus().isNotFound();
		email.client().get().uri("/api/v1/user/{userId}", userId).exchange().expectStatus().isNotFound();
		JsonNode read = user.client()
			.get()
			.uri("/api/v1/user/{userId}", userId)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(read.get("email").asString()).isEqualTo(address);
		assertThat(user.health()).isEqualTo("UP");
		assertThat(email.health()).isEqualTo("UP");
	}

	@Test
	void endpointsShowAnonymousCallersNoDetailsAndNobodyAnAbsolutePath() {
		String health = email.client()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(health).contains("\"purista\"").contains("\"redis\"").contains("\"rabbit\"");
		assertThat(health).doesNotContain("details").doesNotContain(System.getProperty("user.dir"));
		JsonNode purista = email.client()
			.get()
			.uri("/actuator/purista")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(purista.get("services").asInt()).isEqualTo(1);
		assertThat(purista.has("queues")).isFalse();
		email.client().get().uri("/actuator/purista/Email").exchange().expectStatus().isNotFound();
		SecurityContext authorized = new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "ops";
			}

			@Override
			public boolean isUserInRole(String role) {
				return true;
			}

		};
		HealthDescriptor details = email.context()
			.getBean(HealthEndpointWebExtension.class)
			.health(ApiVersion.LATEST, WebServerNamespace.SERVER, authorized)
			.getBody();
		String detailed = email.context().getBean(JsonMapper.class).writeValueAsString(details);
		assertThat(detailed).contains("details").contains("AmqpEventBridge");
		assertThat(detailed).doesNotContain(System.getProperty("user.dir")).doesNotContain("diskSpace");
	}

	@Test
	void spansOfOneSignUpFromBothInstancesArriveAtTheOtlpEndpointAsOneTrace() {
		String traceId = Ids.newId();
		String address = "grace-" + RUN + "@example.com";

		String userId = user.signUp(address, "Grace", "00-" + traceId + "-00f067aa0ba902b7-01");

		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<ReceivedSpan> trace = otlp.spans(traceId);
			ReceivedSpan http = span(trace, "sample-user", "http post /api/v1/user");
			ReceivedSpan invoke = span(trace, "sample-user", "purista.command.invoke User.signUp");
			ReceivedSpan handle = span(trace, "sample-user", "purista.command.handle User.signUp");
			ReceivedSpan response = span(trace, "sample-user", "purista.command.response User.signUp");
			ReceivedSpan subscription = span(trace, "sample-email", "purista.subscription.handle Email.queueWelcomeMail");
			ReceivedSpan enqueue = span(trace, "sample-email", "purista.queue.enqueue Email." + EmailService.QUEUE);
			ReceivedSpan job = span(trace, "sample-email", "purista.queue.process Email." + EmailService.QUEUE);
			assertThat(http.parentSpanId()).isEqualTo("00f067aa0ba902b7");
			assertThat(invoke.parentSpanId()).isEqualTo(http.spanId());
			assertThat(handle.parentSpanId()).isEqualTo(invoke.spanId());
			assertThat(response.parentSpanId()).isEqualTo(handle.spanId());
			assertThat(subscription.parentSpanId()).isEqualTo(response.spanId());
			assertThat(enqueue.parentSpanId()).isEqualTo(subscription.spanId());
			assertThat(job.parentSpanId()).as("the job continues the trace through its headers")
				.isEqualTo(enqueue.spanId());
		});
		assertThat(email.outbox(userId).get("status").asString()).isEqualTo("sent");
	}

	@Test
	void stoppingOneOfTwoEmailInstancesWhileJobsAreQueuedLosesNoMailAndSendsEachOnce() throws Exception {
		Instance second = Instance.start("email", new RecordingMailSender());
		try {
			email.mail().hold();
			second.mail().hold();
			List<String> addresses = new ArrayList<>();
			List<String> userIds = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				addresses.add("before-" + i + "-" + RUN + "@example.com");
				userIds.add(user.signUp(addresses.get(i), "Before " + i));
			}
			// each instance holds maxParallelHandlers (2) jobs in its mail sender, the other 16 wait in Redis
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(email.mail().inSend()).isEqualTo(2);
				assertThat(second.mail().inSend()).isEqualTo(2);
				assertThat(email.welcomeQueue().pending()).isEqualTo(16);
			});

			PuristaServices stopping = second.services();
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(second::stop);
			await().atMost(TIMEOUT).until(() -> !stopping.isRunning());
			for (int i = 20; i < 40; i++) {
				addresses.add("while-stopping-" + i + "-" + RUN + "@example.com");
				userIds.add(user.signUp(addresses.get(i), "While stopping " + i));
			}
			email.mail().release();
			second.mail().release();
			stopped.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(userIds)
				.allSatisfy((userId) -> assertThat(email.outbox(userId).get("status").asString()).isEqualTo("sent")));
			assertThat(addresses).allSatisfy(
					(address) -> assertThat(email.mail().sends(address) + second.mail().sends(address)).isEqualTo(1));
			// the stopped instance finished the jobs it held before it stopped, the other one did the rest
			assertThat(second.mail().total()).isGreaterThanOrEqualTo(2);
			QueueMetrics queue = email.welcomeQueue();
			assertThat(queue.pending()).isZero();
			assertThat(queue.inflight()).isZero();
			assertThat(queue.deadLetter()).isZero();
		}
		finally {
			email.mail().release();
			second.stop();
		}
	}

	/**
	 * The one span of a trace that a process exported under a name.
	 */
	private static ReceivedSpan span(List<ReceivedSpan> trace, String serviceName, String name) {
		List<ReceivedSpan> named = trace.stream()
			.filter((span) -> serviceName.equals(span.serviceName()) && name.equals(span.name()))
			.toList();
		assertThat(named).as("spans named '%s' of %s in %s", name, serviceName,
				trace.stream().map((span) -> span.serviceName() + " " + span.name()).toList())
			.hasSize(1);
		return named.get(0);
	}

	private static void deleteRedisKeys() {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(DATABASE);
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(configuration);
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		try {
			StringRedisTemplate template = new StringRedisTemplate(connectionFactory);
			Set<String> keys = new HashSet<>(stateKeys);
			keys.addAll(template.keys(QUEUE_KEY_PREFIX + "*"));
			template.delete(keys);
		}
		finally {
			connectionFactory.destroy();
		}
	}

	private static void deleteRabbitQueuesAndExchange() {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(rabbit.host(), rabbit.port());
		connectionFactory.setUsername(rabbit.username());
		connectionFactory.setPassword(rabbit.password());
		try {
			RabbitAdmin admin = new RabbitAdmin(connectionFactory);
			// command and instance queues go with their last consumer; the subscription queue and the
			// dead-letter queues stay
			String subscriptionQueue = AMQP_NAME + ".sub.Email.1.queueWelcomeMail";
			admin.deleteQueue(subscriptionQueue);
			Stream.of(subscriptionQueue, AMQP_NAME + ".cmd.User.1.signUp", AMQP_NAME + ".cmd.User.1.getUser",
					AMQP_NAME + ".cmd.Email.1.getOutbox")
				.forEach((queue) -> admin.deleteQueue(AmqpNames.deadLetterQueue(queue)));
			admin.deleteExchange(AMQP_NAME);
		}
		finally {
			connectionFactory.destroy();
		}
	}

	/**
	 * One running instance of the sample, as a process of the fat jar would be.
	 *
	 * @param context the application context
	 * @param client a client for its HTTP port
	 * @param mail the mail sender of an email instance, {@code null} for a user instance
	 */
	private record Instance(ConfigurableApplicationContext context, RestTestClient client, RecordingMailSender mail) {

		static Instance start(String services, RecordingMailSender mail) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(SampleMicroserviceApplication.class);
			if (mail != null) {
				builder.initializers((context) -> ((GenericApplicationContext) context)
					.registerBean("recordingMailSender", MailSender.class, () -> mail));
			}
			ConfigurableApplicationContext context = builder.run("--sample.services=" + services,
					"--spring.profiles.active=staging", "--server.port=0",
					"--spring.rabbitmq.host=" + rabbit.host(), "--spring.rabbitmq.port=" + rabbit.port(),
					"--spring.rabbitmq.username=" + rabbit.username(), "--spring.rabbitmq.password=" + rabbit.password(),
					"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
					"--spring.data.redis.database=" + DATABASE, "--purista.amqp.exchange=" + AMQP_NAME,
					"--purista.amqp.name-prefix=" + AMQP_NAME, "--purista.redis.queue.key-prefix=" + QUEUE_KEY_PREFIX,
					"--management.opentelemetry.tracing.export.otlp.endpoint=" + otlp.tracesEndpoint(),
					"--management.opentelemetry.tracing.export.schedule-delay=100ms",
					"--management.tracing.sampling.probability=1.0", "--spring.main.banner-mode=off");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			RestTestClient client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
			return new Instance(context, client, mail);
		}

		String signUp(String address, String name) {
			return signUp(address, name, null);
		}

		/**
		 * Sign up, as a traced client: with a W3C {@code traceparent} header, or none when {@code null}.
		 */
		String signUp(String address, String name, String traceparent) {
			JsonNode user = this.client.post()
				.uri("/api/v1/user")
				.headers((headers) -> {
					if (traceparent != null) {
						headers.set("traceparent", traceparent);
					}
				})
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", address, "name", name))
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(JsonNode.class)
				.getResponseBody();
			String userId = user.get("userId").asString();
			stateKeys.addAll(List.of("user:" + userId, "user-email:" + address, "outbox:" + userId));
			return userId;
		}

		JsonNode outbox(String userId) {
			return this.client.get()
				.uri("/api/v1/email/outbox/{userId}", userId)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(JsonNode.class)
				.getResponseBody();
		}

		String health() {
			return this.client.get()
				.uri("/actuator/health")
				.exchange()
				.returnResult(JsonNode.class)
				.getResponseBody()
				.get("status")
				.asString();
		}

		PuristaServices services() {
			return this.context.getBean(PuristaServices.class);
		}

		QueueMetrics welcomeQueue() {
			return this.context.getBean(QueueBridge.class).inspection().orElseThrow().metrics(EmailService.QUEUE);
		}

		void stop() {
			this.context.close();
		}

	}

}
