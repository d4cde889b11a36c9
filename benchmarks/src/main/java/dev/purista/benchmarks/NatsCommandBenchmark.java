package dev.purista.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * defaults (16 handler threads). One registers an echo command that answers with the command's payload; the
 * callers invoke it through the other and wait for the response.
 * <p>
 * {@code *Raw}: a {@link Dispatcher} on one connection that publishes every request's data back to its reply
 * subject, and {@link Connection#request(String, byte[], Duration)} on a second connection (jnats' shared reply
 * inbox). The raw body is the JSON of the same PURISTA command, so both sides move payloads of about the same
 * size.
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
