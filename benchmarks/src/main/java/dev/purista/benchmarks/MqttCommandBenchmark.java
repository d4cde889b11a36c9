package dev.purista.benchmarks;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
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

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttServer;

/**
 * Command round trips through a real MQTT 5 broker (mosquitto): {@link MqttEventBridge} against a plain HiveMQ MQTT 5
 * request/response echo, with 1 and 32 calling threads; throughput ({@code callers*}) and, with one caller, the
 * latency distribution ({@code latency1*}, JMH's sample mode reports its percentiles).
 * <p>
 * {@code *Purista}: two bridges, as two processes would have (each with its two MQTT connections), with the
 * bridge's defaults (16 handler threads, QoS 1). One registers an echo command that answers with the command's
 * payload; the callers invoke it through the other and wait for the response.
 * <p>
 * {@code *Raw}: MQTT 5 request/response with two HiveMQ async clients, QoS 1 both ways as the bridge publishes:
 * the echo client subscribes to a request topic and publishes each request's payload to its response topic with
 * its correlation data; the caller client subscribes to its response topic once and completes the waiting request
 * by correlation data. The raw body is the JSON of the same PURISTA command. The raw request subscription is not
 * shared ({@code $share}); the bridge's command subscription is, as TypeScript's.
 * <p>
 * The broker is found at {@code PURISTA_TEST_MQTT_URL}, else at the system property {@value #MQTT_URL_PROPERTY},
 * else at {@value #DEFAULT_MQTT_URL}. Every topic starts with a random first level, so runs on a shared broker do
 * not meet. Pre-warm and warm-up as in {@link NatsCommandBenchmark}; the names sort so that each PURISTA benchmark
 * runs right before its raw counterpart.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class MqttCommandBenchmark {

	/** The environment variable with the broker address, as the broker tests use it. */
	public static final String MQTT_URL_ENVIRONMENT = "PURISTA_TEST_MQTT_URL";

	/** The system property with the broker address, used when the environment variable is not set. */
	public static final String MQTT_URL_PROPERTY = "purista.benchmark.mqtt-url";

	/** The broker address used when neither is set. */
	public static final String DEFAULT_MQTT_URL = "tcp://127.0.0.1:1883";

	private static final MessageAddress CALLER = MessageAddress.of("Gateway", "1", "call");

	private static final MessageAddress ECHO = MessageAddress.of("Echo", "1", "echo");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final NatsCommandBenchmark.Email PAYLOAD = new NatsCommandBenchmark.Email("a@b.co", "hi");

	/**
	 * The PURISTA side: a responder bridge with the echo command and a caller bridge, shared by all calling
	 * threads.
	 */
	@State(Scope.Benchmark)
	public static class Purista {

		private MqttEventBridge responder;

		private MqttEventBridge caller;

		@Setup(Level.Trial)
		public void start() {
			MqttEventBridgeOptions options = MqttEventBridgeOptions.builder()
				.topicPrefix(uniqueLevel())
				.defaultCommandTimeout(TIMEOUT)
				.build();
			this.responder = new MqttEventBridge(server(), new MessageCodec(), options);
			this.responder.start();
			String responderId = this.responder.instanceId();
			this.responder.registerCommand(ECHO, (command) -> CompletableFuture
				.completedFuture(Messages.success(command, responderId, command.payload().payload(), null, null)),
					CommandOptions.DEFAULTS);
			this.caller = new MqttEventBridge(server(), new MessageCodec(), options);
			this.caller.start();
			InMemoryCommandBenchmark.preWarm(this::roundTrip);
		}

		@TearDown(Level.Trial)
		public void stop() {
			try {
				this.caller.destroy();
			}
			finally {
				this.responder.destroy();
			}
		}

		/**
		 * Invoke the echo command and wait for its response.
		 * @return the response
		 */
		CommandSuccessResponse roundTrip() {
			return this.caller.invoke(command(), TIMEOUT).join();
		}

	}

	/**
	 * The baseline: an MQTT 5 request/response echo on two plain HiveMQ clients, shared by all calling threads.
	 */
	@State(Scope.Benchmark)
	public static class Raw {

		private final Map<Long, CompletableFuture<Mqtt5Publish>> waiting = new ConcurrentHashMap<>();

		private final AtomicLong correlation = new AtomicLong();

		private Mqtt5AsyncClient echo;

		private Mqtt5AsyncClient requester;

		private String requestTopic;

		private String responseTopic;

		private byte[] body;

		@Setup(Level.Trial)
		public void start() throws Exception {
			String level = uniqueLevel();
			this.requestTopic = level + "/raw/echo";
			this.responseTopic = level + "/raw/responses";
			this.body = new MessageCodec().encode(command());
			this.echo = client("echo-" + level);
			Mqtt5AsyncClient echoClient = this.echo;
			echoClient.publishes(MqttGlobalPublishFilter.ALL, (request) -> {
				var response = echoClient.publishWith()
					.topic(request.getResponseTopic().orElseThrow())
					.qos(MqttQos.AT_LEAST_ONCE)
					.payload(request.getPayloadAsBytes());
				request.getCorrelationData().ifPresent(response::correlationData);
				response.send();
			});
			await(this.echo.subscribeWith().topicFilter(this.requestTopic).qos(MqttQos.AT_LEAST_ONCE).send());
			this.requester = client("requester-" + level);
			this.requester.publishes(MqttGlobalPublishFilter.ALL, (response) -> {
				long id = response.getCorrelationData().map(ByteBuffer::getLong).orElse(-1L);
				CompletableFuture<Mqtt5Publish> future = this.waiting.remove(id);
				if (future != null) {
					future.complete(response);
				}
			});
			await(this.requester.subscribeWith().topicFilter(this.responseTopic).qos(MqttQos.AT_LEAST_ONCE).send());
			InMemoryCommandBenchmark.preWarm(this::roundTrip);
		}

		@TearDown(Level.Trial)
		public void stop() throws Exception {
			try {
				await(this.requester.disconnect());
			}
			finally {
				await(this.echo.disconnect());
			}
		}

		/**
		 * Publish the body as a request and wait for the echo.
		 * @return the response
		 */
		Mqtt5Publish roundTrip() {
			long id = this.correlation.incrementAndGet();
			CompletableFuture<Mqtt5Publish> future = new CompletableFuture<>();
			this.waiting.put(id, future);
			this.requester.publishWith()
				.topic(this.requestTopic)
				.qos(MqttQos.AT_LEAST_ONCE)
				.payload(this.body)
				.responseTopic(this.responseTopic)
				.correlationData(ByteBuffer.allocate(Long.BYTES).putLong(0, id))
				.send();
			try {
				return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted waiting for the response", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				this.waiting.remove(id);
				throw new IllegalStateException("No response within " + TIMEOUT, ex);
			}
		}

		private static Mqtt5AsyncClient client(String identifier) throws Exception {
			MqttServer server = server();
			Mqtt5AsyncClient client = MqttClient.builder()
				.useMqttVersion5()
				.identifier(identifier)
				.serverHost(server.host())
				.serverPort(server.port())
				.buildAsync();
			await(client.connectWith().cleanStart(true).send());
			return client;
		}

		private static <T> T await(CompletableFuture<T> future) throws Exception {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}

	}

	static Command command() {
		return Messages.command(CALLER, ECHO, PAYLOAD, null, null, null, null, null);
	}

	/**
	 * The broker: {@code PURISTA_TEST_MQTT_URL}, else {@value #MQTT_URL_PROPERTY}, else {@value #DEFAULT_MQTT_URL}.
	 * @return the server
	 */
	static MqttServer server() {
		String url = System.getenv(MQTT_URL_ENVIRONMENT);
		if (url == null || url.isBlank()) {
			url = System.getProperty(MQTT_URL_PROPERTY, DEFAULT_MQTT_URL);
		}
		return MqttServer.of(URI.create(url));
	}

	static String uniqueLevel() {
		return "puristabenchmark" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Benchmark
	@Threads(1)
	public CommandSuccessResponse callers1Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(1)
	public Mqtt5Publish callers1Raw(Raw raw) {
		return raw.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public CommandSuccessResponse callers32Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public Mqtt5Publish callers32Raw(Raw raw) {
		return raw.roundTrip();
	}

	@Benchmark
	@Threads(1)
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public CommandSuccessResponse latency1Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(1)
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Mqtt5Publish latency1Raw(Raw raw) {
		return raw.roundTrip();
	}

}
