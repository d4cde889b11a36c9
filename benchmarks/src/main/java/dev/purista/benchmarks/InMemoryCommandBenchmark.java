package dev.purista.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions.HandlerExecution;
import dev.purista.core.bridge.memory.InMemoryEventHub;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

/**
 * Throughput of one command round trip on the {@link InMemoryEventBridge}: {@code invoker.invoke(...).join()}
 * from the caller, through the bridge and hub, the command pipeline (payload conversion and Bean Validation,
 * handler, output validation) and back, with 1 and 8 calling threads.
 * <p>
 * Parameters: {@code isolation} (every message crosses the bridge as a JSON copy) and {@code validation}
 * ({@code true}: the command declares a constrained payload record and a constrained result record, and the
 * caller asks for the result record; {@code false}: payload and output are {@code Object}, caller and handler
 * send unconstrained records and the caller asks for {@code Object}) and {@code execution} (handlers on the
 * bridge's pool, the default, or on the invoking thread, opt-in). The {@code handOff*} benchmarks
 * measure the floor every round trip pays: the same request handed to a pooled thread and back through a
 * {@link CompletableFuture}, without PURISTA.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class InMemoryCommandBenchmark {

	private static final MessageAddress TARGET = MessageAddress.of("User", "1", "signUp");

	private static final Duration PRE_WARM = Duration.ofSeconds(8);

	/**
	 * A running service with one command, shared by all calling threads.
	 */
	@State(Scope.Benchmark)
	public static class Service {

		/** Whether messages cross the bridge as JSON copies. */
		@Param({ "true", "false" })
		public boolean isolation;

		/** Whether the command declares constrained payload and result types. */
		@Param({ "true", "false" })
		public boolean validation;

		/** Where the bridge runs handlers: its pool (the default) or the invoking thread (opt-in). */
		@Param({ "POOL", "CALLER_THREAD" })
		public HandlerExecution execution = HandlerExecution.POOL;

		private InMemoryEventBridge bridge;

		private ServiceRuntime runtime;

		private PuristaInvoker invoker;

		private Object payload = new SignUp("ada@example.com", "Ada Lovelace");

		private Class<?> resultType = Object.class;

		@Setup(Level.Trial)
		public void start() {
			this.payload = this.validation ? new SignUp("ada@example.com", "Ada Lovelace")
					: new PlainSignUp("ada@example.com", "Ada Lovelace");
			this.resultType = this.validation ? UserView.class : Object.class;
			MessageCodec codec = new MessageCodec();
			this.bridge = new InMemoryEventBridge(new InMemoryEventHub(),
					InMemoryEventBridgeOptions.builder()
						.isolation(this.isolation)
						.handlerExecution(this.execution)
						.build(),
					codec);
			this.bridge.start();
			ServiceEnvironment environment = ServiceEnvironment.builder(this.bridge).codec(codec).build();
			this.runtime = new ServiceRuntime(definition(this.validation), environment);
			this.runtime.start();
			this.invoker = new PuristaInvoker(environment, MessageAddress.of("Benchmark", "1", "caller"));
			Object check = invoke();
			if (!check.toString().contains("ada@example.com")) {
				throw new IllegalStateException("Unexpected result " + check);
			}
			preWarm(this::invoke);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.runtime.destroy();
			this.bridge.destroy();
		}

		Object invoke() {
			return this.invoker.invoke(TARGET, this.payload, null, this.resultType, null, Identity.NONE).join();
		}

		private static ServiceDefinition definition(boolean validation) {
			ServiceBuilder service = ServiceBuilder.service("User", "1");
			if (validation) {
				return service.command("signUp")
					.payload(SignUp.class)
					.output(UserView.class)
					.handler((payload, parameter, context) -> new UserView("u-1", payload.email()))
					.build();
			}
			return service.command("signUp")
				.handler((payload, parameter, context) -> new PlainUser("u-1", "ada@example.com"))
				.build();
		}

	}

	/**
	 * The baseline: a pooled thread like the bridge's handler pool, and nothing else.
	 */
	@State(Scope.Benchmark)
	public static class HandOff {

		private ExecutorService executor;

		private final SignUp payload = new SignUp("ada@example.com", "Ada Lovelace");

		@Setup(Level.Trial)
		public void start() {
			AtomicInteger threadNumber = new AtomicInteger();
			this.executor = new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
					(runnable) -> {
						Thread thread = new Thread(runnable, "hand-off-" + threadNumber.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					});
			preWarm(this::invoke);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.executor.shutdown();
		}

		Object invoke() {
			SignUp request = this.payload;
			return CompletableFuture.supplyAsync(() -> new UserView("u-1", request.email()), this.executor).join();
		}

	}

	/**
	 * Run the round trip on one thread for a few seconds before the measured threads start: with 8 busy
	 * callers on 2 cores the JIT compiler threads get too little CPU, and warm-up iterations alone took 20 s
	 * and more to reach steady state.
	 */
	static void preWarm(Supplier<Object> roundTrip) {
		long end = System.nanoTime() + PRE_WARM.toNanos();
		while (System.nanoTime() < end) {
			roundTrip.get();
		}
	}

	@Benchmark
	@Threads(1)
	public Object roundTrip1(Service service) {
		return service.invoke();
	}

	@Benchmark
	@Threads(8)
	public Object roundTrip8(Service service) {
		return service.invoke();
	}

	@Benchmark
	@Threads(1)
	public Object handOff1(HandOff handOff) {
		return handOff.invoke();
	}

	@Benchmark
	@Threads(8)
	public Object handOff8(HandOff handOff) {
		return handOff.invoke();
	}

	/**
	 * The command payload.
	 *
	 * @param email the e-mail address
	 * @param name the display name
	 */
	public record SignUp(@NotBlank @Email String email, @NotBlank @Size(max = 100) String name) {

	}

	/**
	 * The command result.
	 *
	 * @param userId the new user's id
	 * @param email the e-mail address
	 */
	public record UserView(@NotBlank String userId, @NotBlank String email) {

	}

	/**
	 * The payload without constraints (validation off).
	 *
	 * @param email the e-mail address
	 * @param name the display name
	 */
	public record PlainSignUp(String email, String name) {

	}

	/**
	 * The result without constraints (validation off).
	 *
	 * @param userId the new user's id
	 * @param email the e-mail address
	 */
	public record PlainUser(String userId, String email) {

	}

}
