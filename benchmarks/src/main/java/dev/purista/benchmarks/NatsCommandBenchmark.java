package dev.purista.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;

/**
 * Command round trips through a real NATS server: {@link NatsEventBridge} against plain jnats request/reply doing
 * the same echo, with 1 and 32 calling threads; throughput ({@code callers*}) and, with one caller, the latency
 * distribution ({@code latency1*}, JMH's sample mode reports its percentiles).
 * <p>
 * {@code *Purista}: two bridges, each with a connection of its own as two processes would have, with the bridge's
 * defaults (4 handler threads, growing to 16 while handlers block). One registers an echo command that answers
 * with the command's payload; the callers invoke it through the other and wait for the response.
 * <p>
 * {@code *Raw}: a {@link Dispatcher} on one connection that publishes every request's data back to its reply
 * subject, and {@link Connection#request(String, byte[], Duration)} on a second connection (jnats' shared reply
 * inbox). The raw body is the JSON of the same PURISTA command, so both sides move payloads of about the same
 * size; it is never read, so this is the floor of any request/reply on NATS.
 * <p>
 * {@code *RawJson}: the same echo written by hand on plain jnats and Jackson ({@link RawJson}): a command envelope
 * written and a response envelope read on the caller's side, the command read and a response written on the
 * responder's, as an application without PURISTA would do it.
 * <p>
 * NATS is found at {@code PURISTA_TEST_NATS_URL}, else at the system property {@value #NATS_URL_PROPERTY}, else
 * at {@value #DEFAULT_NATS_URL}. Every subject the benchmark uses starts with {@value #SUBJECT_PREFIX} and a random
 * part, so runs on a shared server do not meet.
 * <p>
 * Each trial makes round trips on one thread for 8 s before the measured threads start, as
 * {@link InMemoryCommandBenchmark} does, then warms up for 8 iterations of 2 s, as {@link AmqpCommandBenchmark}
 * does. The names sort so that each PURISTA benchmark runs right before its raw counterpart.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class NatsCommandBenchmark {

	/** The environment variable with the NATS address, as the broker tests use it. */
	public static final String NATS_URL_ENVIRONMENT = "PURISTA_TEST_NATS_URL";

	/** The system property with the NATS address, used when the environment variable is not set. */
	public static final String NATS_URL_PROPERTY = "purista.benchmark.nats-url";

	/** The NATS address used when neither is set. */
	public static final String DEFAULT_NATS_URL = "nats://127.0.0.1:4223";

	/** The prefix of every subject the benchmark uses. */
	public static final String SUBJECT_PREFIX = "purista-benchmark-";

	private static final MessageAddress CALLER = MessageAddress.of("Gateway", "1", "call");

	private static final MessageAddress ECHO = MessageAddress.of("Echo", "1", "echo");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Email PAYLOAD = new Email("a@b.co", "hi");

	/**
	 * The PURISTA side: a responder bridge with the echo command and a caller bridge, shared by all calling
	 * threads.
	 */
	@State(Scope.Benchmark)
	public static class Purista {

		/**
		 * Where the responder runs the echo handler ({@link NatsEventBridgeOptions.HandlerExecution}): on its
		 * handler pool (the default) or on the dispatcher thread that received the command.
		 */
		@Param({ "POOL", "DISPATCHER" })
		public NatsEventBridgeOptions.HandlerExecution handlerExecution;

		private NatsEventBridge responder;

		private NatsEventBridge caller;

		@Setup(Level.Trial)
		public void start() {
			NatsEventBridgeOptions options = NatsEventBridgeOptions.builder()
				.subjectPrefix(uniqueName())
				.defaultCommandTimeout(TIMEOUT)
				.build();
			NatsEventBridgeOptions responderOptions = NatsEventBridgeOptions.builder()
				.subjectPrefix(options.subjectPrefix())
				.defaultCommandTimeout(TIMEOUT)
				.handlerExecution(this.handlerExecution)
				.build();
			this.responder = new NatsEventBridge(natsOptions(), new MessageCodec(), responderOptions);
			this.responder.start();
			String responderId = this.responder.instanceId();
			this.responder.registerCommand(ECHO, (command) -> CompletableFuture
				.completedFuture(Messages.success(command, responderId, command.payload().payload(), null, null)),
					CommandOptions.DEFAULTS);
			this.caller = new NatsEventBridge(natsOptions(), new MessageCodec(), options);
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
	 * The baseline: an echo dispatcher on one connection and requests on another, shared by all calling threads.
	 */
	@State(Scope.Benchmark)
	public static class Raw {

		private Connection listenerConnection;

		private Connection callerConnection;

		private String subject;

		private byte[] body;

		@Setup(Level.Trial)
		public void start() throws IOException, InterruptedException, TimeoutException {
			this.subject = uniqueName() + ".raw.echo";
			this.body = new MessageCodec().encode(command());
			this.listenerConnection = Nats.connect(natsOptions());
			this.callerConnection = Nats.connect(natsOptions());
			Connection listener = this.listenerConnection;
			Dispatcher dispatcher = listener.createDispatcher();
			dispatcher.subscribe(this.subject, (request) -> listener.publish(request.getReplyTo(), request.getData()));
			listener.flush(TIMEOUT);
			InMemoryCommandBenchmark.preWarm(this::roundTrip);
		}

		@TearDown(Level.Trial)
		public void stop() throws InterruptedException {
			try {
				this.callerConnection.close();
			}
			finally {
				this.listenerConnection.close();
			}
		}

		/**
		 * Send the body to the echo subject and wait for the reply.
		 * @return the reply
		 */
		Message roundTrip() {
			Message reply;
			try {
				reply = this.callerConnection.request(this.subject, this.body, TIMEOUT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted waiting for the reply", ex);
			}
			if (reply == null) {
				throw new IllegalStateException("No reply within " + TIMEOUT);
			}
			return reply;
		}

	}

	/**
	 * The same echo written by hand on plain jnats and Jackson, as an application without PURISTA would write it:
	 * the caller writes a command envelope as JSON (new id and correlation id, sender, receiver, payload) and reads
	 * the reply's JSON to check its correlation id; the responder reads the request's JSON and answers with a
	 * response envelope carrying the request's payload. No headers, no records, no validation. Connections and
	 * subscriptions as in {@link Raw}.
	 */
	@State(Scope.Benchmark)
	public static class RawJson {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private Connection listenerConnection;

		private Connection callerConnection;

		private String subject;

		@Setup(Level.Trial)
		public void start() throws IOException, InterruptedException, TimeoutException {
			this.subject = uniqueName() + ".raw-json.echo";
			this.listenerConnection = Nats.connect(natsOptions());
			this.callerConnection = Nats.connect(natsOptions());
			Connection listener = this.listenerConnection;
			Dispatcher dispatcher = listener.createDispatcher();
			dispatcher.subscribe(this.subject,
					(request) -> listener.publish(request.getReplyTo(), respond(request.getData())));
			listener.flush(TIMEOUT);
			InMemoryCommandBenchmark.preWarm(this::roundTrip);
		}

		@TearDown(Level.Trial)
		public void stop() throws InterruptedException {
			try {
				this.callerConnection.close();
			}
			finally {
				this.listenerConnection.close();
			}
		}

		/**
		 * Send a command envelope to the echo subject, wait for the reply and read it.
		 * @return the reply's JSON
		 */
		JsonNode roundTrip() {
			String correlationId = newId();
			ObjectNode command = JSON.createObjectNode();
			command.put("messageType", "command");
			command.put("id", newId());
			command.put("timestamp", System.currentTimeMillis());
			command.put("correlationId", correlationId);
			command.set("sender", address(CALLER));
			command.set("receiver", address(ECHO));
			ObjectNode payload = command.putObject("payload");
			payload.set("payload", JSON.valueToTree(PAYLOAD));
			payload.putObject("parameter");
			Message reply;
			try {
				reply = this.callerConnection.request(this.subject, JSON.writeValueAsBytes(command), TIMEOUT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted waiting for the reply", ex);
			}
			if (reply == null) {
				throw new IllegalStateException("No reply within " + TIMEOUT);
			}
			JsonNode response = JSON.readTree(reply.getData());
			if (!correlationId.equals(response.path("correlationId").asString())) {
				throw new IllegalStateException("Reply to another command: " + response.path("correlationId"));
			}
			return response;
		}

		private static byte[] respond(byte[] request) {
			JsonNode command = JSON.readTree(request);
			ObjectNode response = JSON.createObjectNode();
			response.put("messageType", "commandSuccessResponse");
			response.put("id", newId());
			response.put("timestamp", System.currentTimeMillis());
			response.put("correlationId", command.path("correlationId").asString());
			response.set("sender", command.path("receiver"));
			response.set("receiver", command.path("sender"));
			response.set("payload", command.path("payload").path("payload"));
			return JSON.writeValueAsBytes(response);
		}

		private static ObjectNode address(MessageAddress address) {
			ObjectNode node = JSON.createObjectNode();
			node.put("serviceName", address.serviceName());
			node.put("serviceVersion", address.serviceVersion());
			node.put("serviceTarget", address.serviceTarget());
			return node;
		}

		private static String newId() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
		}

	}

	static Command command() {
		return Messages.command(CALLER, ECHO, PAYLOAD, null, null, null, null, null);
	}

	/**
	 * The connection options of every connection the NATS benchmarks open.
	 * @return options for the server at {@link #natsUrl()}
	 */
	static Options natsOptions() {
		return new Options.Builder().server(natsUrl()).build();
	}

	/**
	 * The NATS address: {@code PURISTA_TEST_NATS_URL}, else {@value #NATS_URL_PROPERTY}, else
	 * {@value #DEFAULT_NATS_URL}.
	 * @return the address
	 */
	static String natsUrl() {
		String url = System.getenv(NATS_URL_ENVIRONMENT);
		if (url == null || url.isBlank()) {
			url = System.getProperty(NATS_URL_PROPERTY, DEFAULT_NATS_URL);
		}
		return url;
	}

	static String uniqueName() {
		return SUBJECT_PREFIX + UUID.randomUUID().toString().substring(0, 8);
	}

	@Benchmark
	@Threads(1)
	public CommandSuccessResponse callers1Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(1)
	public Message callers1Raw(Raw raw) {
		return raw.roundTrip();
	}

	@Benchmark
	@Threads(1)
	public JsonNode callers1RawJson(RawJson raw) {
		return raw.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public CommandSuccessResponse callers32Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public Message callers32Raw(Raw raw) {
		return raw.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public JsonNode callers32RawJson(RawJson raw) {
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
	public Message latency1Raw(Raw raw) {
		return raw.roundTrip();
	}

	/**
	 * The command payload.
	 *
	 * @param to the recipient
	 * @param subject the subject
	 */
	public record Email(String to, String subject) {

	}

}
