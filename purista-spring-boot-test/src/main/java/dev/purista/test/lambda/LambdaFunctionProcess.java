package dev.purista.test.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A Lambda function running under AWS's real runtime interface client (RIC,
 * {@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda} from
 * {@code com.amazonaws:aws-lambda-java-runtime-interface-client}) in a child JVM, polling a
 * {@link LambdaRuntimeApiEmulator}. The RIC and the handler must be on the given class path (by default the
 * current JVM's, which suits a test whose test dependencies include the RIC).
 * <p>
 * The child gets the environment a Lambda Java runtime sets ({@code AWS_LAMBDA_RUNTIME_API}, {@code _HANDLER},
 * {@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_VERSION}, {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE},
 * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code LAMBDA_TASK_ROOT}, {@code AWS_LAMBDA_LOG_GROUP_NAME},
 * {@code AWS_LAMBDA_LOG_STREAM_NAME}), plus its parent's and any {@link Builder#environment(String, String)}
 * entries. Its standard output and error go to {@link #logFile()}. {@link #close()} stops it (and any process it
 * started), and a shutdown hook stops it if the test JVM exits first, so no process is left behind.
 * <p>
 * Example:
 * <pre class="code">
 * try (LambdaRuntimeApiEmulator runtimeApi = LambdaRuntimeApiEmulator.start();
 * 		LambdaFunctionProcess function = LambdaFunctionProcess.builder("com.example.Handler::handleRequest")
 * 			.start(runtimeApi)) {
 * 	InvocationOutcome outcome = runtimeApi.invoke(event, Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
 * 	Duration coldStart = function.timeToFirstResponse().orElseThrow();
 * }
 * </pre>
 * Thread-safe.
 */
public final class LambdaFunctionProcess implements AutoCloseable {

	/** The RIC's main class. */
	public static final String RUNTIME_INTERFACE_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	private static final Duration STOP_GRACE = Duration.ofSeconds(5);

	private final Process process;

	private final LambdaRuntimeApiEmulator runtimeApi;

	private final Instant launchedAt;

	private final Path logFile;

	private final @Nullable Path createdTaskRoot;

	private final Thread shutdownHook;

	private LambdaFunctionProcess(Process process, LambdaRuntimeApiEmulator runtimeApi, Instant launchedAt,
			Path logFile, @Nullable Path createdTaskRoot) {
		this.process = process;
		this.runtimeApi = runtimeApi;
		this.launchedAt = launchedAt;
		this.logFile = logFile;
		this.createdTaskRoot = createdTaskRoot;
		this.shutdownHook = new Thread(this::stop, "lambda-function-process-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * A builder for a function process.
	 * @param handler the handler as Lambda's {@code _HANDLER} names it: {@code package.Class::method} or
	 * {@code package.Class}
	 * @return a new builder
	 */
	public static Builder builder(String handler) {
		return new Builder(handler);
	}

	/**
	 * The child JVM's process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Whether the child JVM is still running.
	 * @return {@code true} while it runs
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * When the child JVM was launched.
	 * @return the launch instant
	 */
	public Instant launchedAt() {
		return this.launchedAt;
	}

	/**
	 * The file receiving the child's standard output and error (the function's log).
	 * @return the log file
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * The function's log so far, for failure messages.
	 * @return the log's text
	 */
	public String log() {
		try {
			return Files.readString(this.logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The time from launching the child JVM to the first response or error the emulator received since then: the
	 * cold start as a caller sees it (JVM start, RIC start, handler initialization, first invocation).
	 * @return the duration, empty until a first response or error arrived
	 */
	public Optional<Duration> timeToFirstResponse() {
		return this.runtimeApi.firstCompletionSince(this.launchedAt)
			.map((completion) -> Duration.between(this.launchedAt, completion));
	}

	/**
	 * Stop the child JVM (and any process it started) and wait for it to exit: a graceful stop first, then a forced
	 * one after 5 s. Blocks until the process has exited. Deletes the task root if this class created it and it is
	 * empty; keeps the log file.
	 */
	@Override
	public void close() {
		stop();
		if (this.createdTaskRoot != null) {
			try {
				Files.deleteIfExists(this.createdTaskRoot);
			}
			catch (IOException ex) {
				// not empty or already gone: leave it
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs (or ran) anyway
		}
	}

	private void stop() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		descendants.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * Builds and starts a {@link LambdaFunctionProcess}. Not thread-safe.
	 */
	public static final class Builder {

		private final String handler;

		private String classPath = System.getProperty("java.class.path");

		private String functionName = "function";

		private int memorySizeMb = 512;

		private String region = "us-east-1";

		private final List<String> jvmArguments = new ArrayList<>(
				List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));

		private final Map<String, String> environment = new LinkedHashMap<>();

		private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

		private @Nullable Path logFile;

		private @Nullable Path taskRoot;

		private Builder(String handler) {
			this.handler = handler;
		}

		/**
		 * The class path of the child JVM; it must hold the RIC, the handler and its dependencies. Default: the
		 * current JVM's {@code java.class.path}.
		 * @param classPath the entries (jars or class directories)
		 * @return this builder
		 */
		public Builder classPath(List<Path> classPath) {
			this.classPath = String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
			return this;
		}

		/**
		 * The function's name ({@code AWS_LAMBDA_FUNCTION_NAME}). Default {@code function}.
		 * @param functionName the name
		 * @return this builder
		 */
		public Builder functionName(String functionName) {
			this.functionName = functionName;
			return this;
		}

		/**
		 * The function's memory size ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code Context.getMemoryLimitInMB()}).
		 * Default 512. Does not limit the child's heap; add {@code -Xmx} with {@link #jvmArguments(List)} for that.
		 * @param memorySizeMb the size in MB
		 * @return this builder
		 */
		public Builder memorySizeMb(int memorySizeMb) {
			this.memorySizeMb = memorySizeMb;
			return this;
		}

		/**
		 * The region ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION}). Default {@code us-east-1}.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(String region) {
			this.region = region;
			return this;
		}

		/**
		 * Replace the child JVM's options. Default {@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto},
		 * close to what AWS's managed Java runtimes use.
		 * @param jvmArguments the options, e.g. {@code -XX:SharedArchiveFile=app.jsa}
		 * @return this builder
		 */
		public Builder jvmArguments(List<String> jvmArguments) {
			this.jvmArguments.clear();
			this.jvmArguments.addAll(jvmArguments);
			return this;
		}

		/**
		 * Set an environment variable of the child (overrides the ones this class sets).
		 * @param name the variable's name
		 * @param value its value
		 * @return this builder
		 */
		public Builder environment(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		/**
		 * The {@code java} executable. Default: the current JVM's.
		 * @param javaExecutable the executable
		 * @return this builder
		 */
		public Builder javaExecutable(Path javaExecutable) {
			this.javaExecutable = javaExecutable;
			return this;
		}

		/**
		 * The file receiving the child's output. Default: a new temporary file, kept after {@link #close()}.
		 * @param logFile the log file (replaced)
		 * @return this builder
		 */
		public Builder logFile(Path logFile) {
			this.logFile = logFile;
			return this;
		}

		/**
		 * The function's task root ({@code LAMBDA_TASK_ROOT}, also the child's working directory), from which the
		 * RIC also loads jars ({@code lib/*.jar}). Default: a new empty temporary directory.
		 * @param taskRoot the directory
		 * @return this builder
		 */
		public Builder taskRoot(Path taskRoot) {
			this.taskRoot = taskRoot;
			return this;
		}

		/**
		 * Launch the child JVM against an emulator. Returns once the process is launched, before the RIC polls.
		 * @param runtimeApi the Runtime API the RIC polls
		 * @return the running function
		 * @throws IOException if the process cannot be launched or its files not created
		 */
		public LambdaFunctionProcess start(LambdaRuntimeApiEmulator runtimeApi) throws IOException {
			Path log = (this.logFile != null) ? this.logFile : Files.createTempFile("lambda-function-", ".log");
			Path createdTaskRoot = null;
			Path root = this.taskRoot;
			if (root == null) {
				createdTaskRoot = Files.createTempDirectory("lambda-task-root-");
				root = createdTaskRoot;
			}
			List<String> command = new ArrayList<>();
			command.add(this.javaExecutable.toString());
			command.addAll(this.jvmArguments);
			command.add("-cp");
			command.add(this.classPath);
			command.add(RUNTIME_INTERFACE_CLIENT);
			command.add(this.handler);
			ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			Map<String, String> env = builder.environment();
			env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
			env.put("_HANDLER", this.handler);
			env.put("AWS_LAMBDA_FUNCTION_NAME", this.functionName);
			env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
			env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(this.memorySizeMb));
			env.put("AWS_REGION", this.region);
			env.put("AWS_DEFAULT_REGION", this.region);
			env.put("LAMBDA_TASK_ROOT", root.toString());
			env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + this.functionName);
			env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + this.functionName);
			env.putAll(this.environment);
			Instant launchedAt = Instant.now();
			return new LambdaFunctionProcess(builder.start(), runtimeApi, launchedAt, log, createdTaskRoot);
		}

	}

}
