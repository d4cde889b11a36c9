package dev.purista.sample.microservice;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.queue.NatsQueueBridge;
import dev.purista.nats.queue.NatsQueueNames;
import dev.purista.nats.store.NatsStateKeys;
import dev.purista.nats.store.NatsStateStore;
import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.MailSender;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as microservices on NATS alone ({@code --spring.profiles.active=staging,nats}), end to end on the
 * real nats-server with JetStream: every instance is an application context of its own, started with the
 * arguments a process of the fat jar gets, so it has its own NATS connections (event bridge, queue bridge, state
 * store) and HTTP port. RabbitMQ and Redis are pointed at a port nobody listens on, and no connection factory of
 * theirs exists: nothing of the sample uses them. One email instance is stopped gracefully while jobs are queued,
 * another is cut off from NATS through a {@link TcpProxy} while it holds leased jobs, as a crash looks to the
 * server. Subjects, streams and buckets are unique per run and deleted
 * afterwards.
 */
class SampleMicroserviceNatsEndToEndIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String SUBJECT_PREFIX = "e2e" + RUN;

	private static final String QUEUE_SUBJECT_PREFIX = "e2e" + RUN + ".queue";

	private static final String STATE_BUCKET = "purista-e2e-" + RUN;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration LEASE_TTL = Duration.ofSeconds(5);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static BrokerAddress nats;

	private static int nobodyListens;

	private static Connection observer;

	private static final List<String> userSignedUpMessages = new CopyOnWriteArrayList<>();

	private static Instance user;

	private static Instance email;

	@BeforeAll
	static void startUserAndEmailInstances() throws Exception {
		nats = BrokerResolution.require(Broker.NATS);
		try (ServerSocket socket = new ServerSocket(0)) {
			nobodyListens = socket.getLocalPort();
		}
		observer = Nats.connect(nats.url());
		Dispatcher dispatcher = observer.createDispatcher((message) -> userSignedUpMessages
			.add(message.getSubject() + " " + new String(message.getData(), StandardCharsets.UTF_8)));
		// <prefix>.<message type>.<principal>.<tenant>.<sender instance>.<sender service>.<version>.<target>
		// .<event>.<receiver instance>.<receiver service>.<version>.<target>
		dispatcher.subscribe(SUBJECT_PREFIX + ".*.*.*.*.user.1.sign_up.user_signed_up.>");
		observer.flush(Duration.ofSeconds(5));
		user = Instance.start("user", null);
		email = Instance.start("email", new RecordingMailSender());
	}

	@AfterAll
	static void stopInstancesAndDeleteNatsState() throws Exception {
		Stream.of(user, email).filter((instance) -> instance != null).forEach(Instance::stop);
		if (observer != null) {
			deleteStreamsAndBuckets();
			observer.close();
		}
	}

	@Test
	void signUpTravelsOverNatsAsUserSignedUpThenAsAJetStreamJobAndTheOutboxIsSentInTheNatsBucket() throws Exception {
		String address = "ada-" + RUN + "@example.com";

		String userId = user.signUp(address, "Ada");

		await().atMost(TIMEOUT).untilAsserted(() -> {
			JsonNode outbox = email.outbox(userId);
			assertThat(outbox.get("status").asString()).isEqualTo("sent");
			assertThat(outbox.get("attempts").asInt()).isEqualTo(1);
		});
		assertThat(email.mail().sends(address)).isEqualTo(1);
		assertThat(userSignedUpMessages).as("userSignedUp on its NATS subject")
			.anySatisfy((message) -> assertThat(message).startsWith(SUBJECT_PREFIX + ".")
				.contains(userId)
				.contains("\"eventName\":\"userSignedUp\""));
		JetStreamManagement jetStream = observer.jetStreamManagement();
		NatsQueueNames queues = new NatsQueueNames(QUEUE_SUBJECT_PREFIX);
		assertThat(jetStream.getStreamInfo(queues.pendingStream(EmailService.QUEUE)).getStreamState().getLastSequence())
			.as("the welcome-email job went through the JetStream pending stream")
			.isPositive();
		KeyValueEntry outbox = observer.keyValue(STATE_BUCKET).get(NatsStateKeys.key("outbox:" + userId));
		assertThat(mapper.readTree(outbox.getValue()).get("status").asString()).isEqualTo("sent");
		assertThat(observer.keyValue(STATE_BUCKET).get(NatsStateKeys.key("user:" + userId))).isNotNull();
		for (Instance instance : List.of(user, email)) {
			ServiceEnvironment environment = instance.context().getBean(ServiceEnvironment.class);
			assertThat(environment.eventBridge()).isInstanceOf(NatsEventBridge.class);
			assertThat(environment.queueBridge()).isInstanceOf(NatsQueueBridge.class);
			assertThat(environment.stateStore()).isInstanceOf(NatsStateStore.class);
			assertThat(instance.context().getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
			assertThat(instance.context()
				.getBeanNamesForType(org.springframework.amqp.rabbit.connection.ConnectionFactory.class)).isEmpty();
			assertThat(instance.health()).isEqualTo("UP");
		}
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
			// each instance holds maxParallelHandlers (2) jobs in its mail sender, the other 16 wait in JetStream
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
			// a graceful stop finishes and acks the jobs it leased, so JetStream redelivers none of them: every
			// mail is sent exactly once (a crashed instance's leased jobs would be redelivered after ack_wait,
			// at least once)
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

	@Test
	void anEmailInstanceCutOffFromNatsWithLeasedJobsLosesNoMailTheOtherSendsThemAfterTheLeaseExpires()
			throws Exception {
		TcpProxy network = new TcpProxy(nats.host(), nats.port()).start();
		Instance crashing = Instance.start("email", new RecordingMailSender(), "nats://" + nats.host() + ":"
				+ network.port());
		try {
			email.mail().hold();
			crashing.mail().hold();
			List<String> addresses = new ArrayList<>();
			List<String> userIds = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				addresses.add("crash-before-" + i + "-" + RUN + "@example.com");
				userIds.add(user.signUp(addresses.get(i), "Crash before " + i));
			}
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(email.mail().inSend()).isEqualTo(2);
				assertThat(crashing.mail().inSend()).isEqualTo(2);
				assertThat(email.welcomeQueue().pending()).isEqualTo(16);
			});

			// as a crash looks to nats-server: every connection of the instance drops, none comes back, the two
			// jobs it leased are neither acked nor given back; its mail sender never finishes them
			network.cutConnections();
			for (int i = 20; i < 40; i++) {
				addresses.add("crash-after-" + i + "-" + RUN + "@example.com");
				userIds.add(user.signUp(addresses.get(i), "Crash after " + i));
			}
			email.mail().release();

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(userIds)
				.allSatisfy((userId) -> assertThat(email.outbox(userId).get("status").asString()).isEqualTo("sent")));
			// JetStream delivers at least once: the cut-off instance's two jobs were delivered again after their
			// ack_wait (attempt 2) and sent by the other instance; the first delivery never sent, so every mail
			// went out exactly once
			assertThat(addresses).allSatisfy((address) -> assertThat(email.mail().sends(address)).isEqualTo(1));
			assertThat(crashing.mail().total()).isZero();
			assertThat(userIds.stream().filter((userId) -> email.outbox(userId).get("attempts").asInt() == 2))
				.hasSize(2);
			QueueMetrics queue = email.welcomeQueue();
			assertThat(queue.pending()).isZero();
			assertThat(queue.inflight()).isZero();
			assertThat(queue.deadLetter()).isZero();
		}
		finally {
			email.mail().release();
			crashing.mail().release();
			crashing.stop();
			network.close();
		}
	}

	private static void deleteStreamsAndBuckets() throws IOException, JetStreamApiException {
		JetStreamManagement jetStream = observer.jetStreamManagement();
		NatsQueueNames queues = new NatsQueueNames(QUEUE_SUBJECT_PREFIX);
		for (String stream : List.of(queues.pendingStream(EmailService.QUEUE),
				queues.scheduledStream(EmailService.QUEUE), queues.deadLetterStream(EmailService.QUEUE))) {
			try {
				jetStream.deleteStream(stream);
			}
			catch (JetStreamApiException ex) {
				// not created
			}
		}
		for (String stream : jetStream.getStreamNames()) {
			// the durable welcome-mail subscription's stream (and its dead-letter stream), named after the prefix
			if (stream.startsWith(SUBJECT_PREFIX + "_")) {
				try {
					jetStream.deleteStream(stream);
				}
				catch (JetStreamApiException ex) {
					// deleted meanwhile
				}
			}
		}
		KeyValueManagement keyValues = observer.keyValueManagement();
		for (String bucket : List.of(STATE_BUCKET, queues.idempotencyBucket())) {
			try {
				keyValues.delete(bucket);
			}
			catch (JetStreamApiException ex) {
				// not created
			}
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
			return start(services, mail, nats.url());
		}

		static Instance start(String services, RecordingMailSender mail, String natsServers) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(SampleMicroserviceApplication.class);
			if (mail != null) {
				builder.initializers((context) -> ((GenericApplicationContext) context)
					.registerBean("recordingMailSender", MailSender.class, () -> mail));
			}
			ConfigurableApplicationContext context = builder.run("--sample.services=" + services,
					"--spring.profiles.active=staging,nats", "--server.port=0", "--purista.nats.servers=" + natsServers,
					"--purista.nats.subject-prefix=" + SUBJECT_PREFIX,
					"--purista.nats.queue.subject-prefix=" + QUEUE_SUBJECT_PREFIX,
					"--purista.nats.state-store.bucket=" + STATE_BUCKET,
					// the consumer's ack_wait: how long JetStream waits before it delivers a job whose holder
					// vanished to another instance (running jobs are kept alive by the bridge's keeper)
					"--purista.nats.queue.default-lease-ttl=" + LEASE_TTL.toSeconds() + "s",
					// nothing listens there: any use of RabbitMQ or Redis would fail
					"--spring.rabbitmq.port=" + nobodyListens, "--spring.data.redis.port=" + nobodyListens,
					"--spring.main.banner-mode=off");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			RestTestClient client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
			return new Instance(context, client, mail);
		}

		String signUp(String address, String name) {
			JsonNode user = this.client.post()
				.uri("/api/v1/user")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", address, "name", name))
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(JsonNode.class)
				.getResponseBody();
			return user.get("userId").asString();
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
