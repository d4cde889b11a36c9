package dev.purista.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.adapter.MessageListenerAdapter;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.AmqpNames;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;

/**
 * Command round trips through a real RabbitMQ: {@link AmqpEventBridge} against plain Spring AMQP doing the same
 * echo, with 1 and 32 calling threads; throughput ({@code callers*}) and, with one caller, the latency
 * distribution ({@code latency1*}, JMH's sample mode reports its percentiles).
 * <p>
 * {@code *Purista}: two bridges, each on connection factories of its own as two processes would have, arranged
 * as PURISTA's AMQP starter arranges them (parameter {@code confirms}): consumers, commands and responses on a
 * {@link CachingConnectionFactory} without publisher confirms, events, retries and dead letters on a second one
 * with simple confirms. One registers an echo command that answers with the command's payload; the callers invoke
 * it through the other and wait for the response.
 * <p>
 * {@code *Raw}: a {@link SimpleMessageListenerContainer} with a {@link MessageListenerAdapter} that returns the
 * request body, and {@link RabbitTemplate#convertSendAndReceive(String, String, Object)} with direct reply-to
 * (Spring AMQP's default), again each on a connection factory of its own, with Spring Boot's defaults (no
 * publisher confirms). The raw body is the JSON of a PURISTA command, so both sides move payloads of about the
 * same size. Both listeners consume with {@code consumers} threads and prefetch {@code prefetch}.
 * <p>
 * RabbitMQ is found at {@code PURISTA_TEST_RABBITMQ_URL}, else at the system property
 * {@value #RABBITMQ_URL_PROPERTY}, else at {@value #DEFAULT_RABBITMQ_URL}. Every exchange and queue the benchmark
 * declares is named {@value #NAME_PREFIX}{@code <random>...} and deleted after the trial.
 * <p>
 * Each trial makes round trips on one thread for 8 s before the measured threads start, as
 * {@link InMemoryCommandBenchmark} does, then warms up for 8 iterations of 2 s (with 32 callers PURISTA's
 * throughput was still climbing after 4). The names sort so that each PURISTA benchmark runs right before its raw
 * counterpart.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class AmqpCommandBenchmark {

	/** The environment variable with the RabbitMQ address, as the broker tests use it. */
	public static final String RABBITMQ_URL_ENVIRONMENT = "PURISTA_TEST_RABBITMQ_URL";

	/** The system property with the RabbitMQ address, used when the environment variable is not set. */
	public static final String RABBITMQ_URL_PROPERTY = "purista.benchmark.rabbitmq-url";

	/** The RabbitMQ address used when neither is set. */
	public static final String DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5673";

	/** The prefix of every exchange and queue the benchmark declares. */
	public static final String NAME_PREFIX = "purista-benchmark-";

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

		/** Consumers of the command queue ({@link AmqpEventBridgeOptions#consumersPerQueue()}). */
		@Param("4")
		public int consumers;

		/** Unacknowledged messages per consumer ({@link AmqpEventBridgeOptions#prefetch()}). */
		@Param("10")
		public int prefetch;

		/**
		 * {@code SEPARATE}: as the AMQP starter arranges it, a connection factory without confirms for consumers,
		 * commands and responses and one with simple confirms for events, retries and dead letters;
		 * {@code SHARED}: one connection factory with simple confirms for everything, as the starter did before
		 * (the broker then confirms every command and response, although nobody waits for it).
		 */
		@Param("SEPARATE")
		public String confirms;

		private CachingConnectionFactory responderConnection;

		private CachingConnectionFactory callerConnection;

		private CachingConnectionFactory responderConfirmingConnection;

		private CachingConnectionFactory callerConfirmingConnection;

		private AmqpEventBridge responder;

		private AmqpEventBridge caller;

		private AmqpNames names;

		@Setup(Level.Trial)
		public void start() {
			String name = uniqueName();
			this.names = new AmqpNames(name, name);
			AmqpEventBridgeOptions options = AmqpEventBridgeOptions.builder()
				.names(this.names)
				.defaultCommandTimeout(TIMEOUT)
				.consumersPerQueue(this.consumers)
				.prefetch(this.prefetch)
				.build();
			boolean shared = "SHARED".equals(this.confirms);
			CachingConnectionFactory.ConfirmType main = shared ? CachingConnectionFactory.ConfirmType.SIMPLE
					: CachingConnectionFactory.ConfirmType.NONE;
			this.responderConnection = connectionFactory(main);
			this.callerConnection = connectionFactory(main);
			this.responderConfirmingConnection = shared ? this.responderConnection
					: connectionFactory(CachingConnectionFactory.ConfirmType.SIMPLE);
			this.callerConfirmingConnection = shared ? this.callerConnection
					: connectionFactory(CachingConnectionFactory.ConfirmType.SIMPLE);
			this.responder = new AmqpEventBridge(this.responderConnection, this.responderConfirmingConnection,
					new MessageCodec(), options);
			this.responder.start();
			String responderId = this.responder.instanceId();
			this.responder.registerCommand(ECHO, (command) -> CompletableFuture
				.completedFuture(Messages.success(command, responderId, command.payload().payload(), null, null)),
					CommandOptions.DEFAULTS);
			this.caller = new AmqpEventBridge(this.callerConnection, this.callerConfirmingConnection,
					new MessageCodec(), options);
			this.caller.start();
			InMemoryCommandBenchmark.preWarm(this::roundTrip);
		}

		@TearDown(Level.Trial)
		public void stop() {
			try {
				this.caller.destroy();
				this.responder.destroy();
				RabbitAdmin admin = new RabbitAdmin(this.responderConnection);
				String queue = this.names.commandQueue(ECHO);
				admin.deleteQueue(queue);
				admin.deleteQueue(AmqpNames.deadLetterQueue(queue));
				admin.deleteExchange(this.names.exchange());
			}
			finally {
				this.callerConnection.destroy();
				this.responderConnection.destroy();
				this.callerConfirmingConnection.destroy();
				this.responderConfirmingConnection.destroy();
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
	 * The baseline: an echo listener container and a template with direct reply-to, shared by all calling
	 * threads.
	 */
	@State(Scope.Benchmark)
	public static class Raw {

		/** Consumers of the echo queue. */
		@Param("4")
		public int consumers;

		/** Unacknowledged messages per consumer. */
		@Param("10")
		public int prefetch;

		private CachingConnectionFactory listenerConnection;

		private CachingConnectionFactory callerConnection;

		private SimpleMessageListenerContainer listener;

		private RabbitTemplate template;

		private String queue;

		private byte[] body;

		@Setup(Level.Trial)
		public void start() {
			this.queue = uniqueName() + ".raw.echo";
			this.body = new MessageCodec().encode(command());
			this.listenerConnection = connectionFactory(CachingConnectionFactory.ConfirmType.NONE);
			this.callerConnection = connectionFactory(CachingConnectionFactory.ConfirmType.NONE);
			new RabbitAdmin(this.listenerConnection).declareQueue(new Queue(this.queue, false, false, true));
			this.listener = new SimpleMessageListenerContainer(this.listenerConnection);
			this.listener.setQueueNames(this.queue);
			this.listener.setConcurrentConsumers(this.consumers);
			this.listener.setPrefetchCount(this.prefetch);
			this.listener.setMessageListener(new MessageListenerAdapter(new Echo()));
			this.listener.afterPropertiesSet();
			this.listener.start();
			this.template = new RabbitTemplate(this.callerConnection);
			this.template.setReplyTimeout(TIMEOUT.toMillis());
			InMemoryCommandBenchmark.preWarm(this::roundTrip);
		}

		@TearDown(Level.Trial)
		public void stop() {
			try {
				this.listener.destroy();
				this.template.destroy();
				new RabbitAdmin(this.listenerConnection).deleteQueue(this.queue);
			}
			finally {
				this.callerConnection.destroy();
				this.listenerConnection.destroy();
			}
		}

		/**
		 * Send the body to the echo queue and wait for the reply.
		 * @return the reply body
		 */
		Object roundTrip() {
			Object reply = this.template.convertSendAndReceive("", this.queue, this.body);
			if (reply == null) {
				throw new IllegalStateException("No reply within " + TIMEOUT);
			}
			return reply;
		}

	}

	/**
	 * The raw listener's delegate, called through {@link MessageListenerAdapter}'s default method name.
	 */
	public static class Echo {

		/**
		 * Answer with the request.
		 * @param body the request body
		 * @return the same body
		 */
		public byte[] handleMessage(byte[] body) {
			return body;
		}

	}

	static Command command() {
		return Messages.command(CALLER, ECHO, PAYLOAD, null, null, null, null, null);
	}

	static CachingConnectionFactory connectionFactory(CachingConnectionFactory.ConfirmType confirmType) {
		String url = System.getenv(RABBITMQ_URL_ENVIRONMENT);
		if (url == null || url.isBlank()) {
			url = System.getProperty(RABBITMQ_URL_PROPERTY, DEFAULT_RABBITMQ_URL);
		}
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(URI.create(url));
		connectionFactory.setPublisherConfirmType(confirmType);
		return connectionFactory;
	}

	static String uniqueName() {
		return NAME_PREFIX + UUID.randomUUID().toString().substring(0, 8);
	}

	@Benchmark
	@Threads(1)
	public CommandSuccessResponse callers1Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(1)
	public Object callers1Raw(Raw raw) {
		return raw.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public CommandSuccessResponse callers32Purista(Purista purista) {
		return purista.roundTrip();
	}

	@Benchmark
	@Threads(32)
	public Object callers32Raw(Raw raw) {
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
	public Object latency1Raw(Raw raw) {
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
