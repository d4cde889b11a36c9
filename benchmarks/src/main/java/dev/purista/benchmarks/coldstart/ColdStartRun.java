package dev.purista.benchmarks.coldstart;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.purista.test.lambda.HttpApiEvent;
import dev.purista.test.lambda.InvocationOutcome;
import dev.purista.test.lambda.LambdaFunctionProcess;
import dev.purista.test.lambda.LambdaRuntimeApiEmulator;

/**
 * Measures the serverless sample's cold start: the time from launching the function's JVM under the real Lambda
 * runtime interface client to its first response (a sign-up through an HTTP API v2 event, which writes to Redis
 * and enqueues a job), and the CPU the JVM used until then, for each {@link Variant}: min and median of
 * {@code --runs} fresh JVMs. Variants with an archive are trained first by a run that serves a few invocations.
 * <p>
 * The function's classes are packed into a jar for every variant, since CDS and the AOT cache refuse a class path
 * with a non-empty directory (Lambda's zip layout puts classes in the task root directory; README, "Cold start").
 * Run through {@code benchmarks/coldstart/run.sh}.
 */
public final class ColdStartRun {

	private static final String HANDLER = "dev.purista.aws.lambda.PuristaLambdaHandler::handleRequest";

	private static final String APPLICATION = "dev.purista.sample.serverless.SampleFunctionApplication";

	private static final int TRAINING_INVOCATIONS = 5;

	private static final Duration ANSWER_WAIT = Duration.ofSeconds(120);

	private final ColdStartOptions options;

	private final List<Path> classPath = new ArrayList<>();

	private ColdStartRun(ColdStartOptions options) {
		this.options = options;
	}

	/**
	 * Run the measurement.
	 * @param args {@code --name=value} options ({@code --help} lists them)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		ColdStartOptions options = ColdStartOptions.parse(args);
		if (options == null) {
			System.out.println(ColdStartOptions.USAGE);
			return;
		}
		new ColdStartRun(options).run();
	}

	private void run() throws Exception {
		Files.createDirectories(this.options.output());
		prepareClassPath();
		List<ColdStartRow> rows = new ArrayList<>();
		for (Variant variant : this.options.variants()) {
			Path java = variant.needsJdk25() ? this.options.java25() : this.options.java();
			if (java == null) {
				System.out.println(variant.id() + ": skipped, no JDK 25 given (--java25)");
				continue;
			}
			Path archive = this.options.output().resolve(variant.id() + (variant.needsJdk25() ? ".aot" : ".jsa"));
			if (variant.needsTraining()) {
				train(variant, java, archive);
			}
			List<Measurement> measurements = new ArrayList<>();
			for (int run = 1; run <= this.options.runs(); run++) {
				Measurement measurement = measure(variant, java, archive, run);
				System.out.printf("%s run %d: first response %d ms, CPU %d ms%n", variant.id(), run,
						measurement.firstResponse().toMillis(), measurement.cpu().toMillis());
				measurements.add(measurement);
			}
			rows.add(ColdStartRow.of(variant, java, measurements));
		}
		String table = ColdStartRow.table(rows, this.options.runs());
		System.out.println();
		System.out.println(table);
		Files.writeString(this.options.output().resolve("results.md"), table);
	}

	private void train(Variant variant, Path java, Path archive) throws Exception {
		Files.deleteIfExists(archive);
		System.out.println(variant.id() + ": training");
		try (LambdaRuntimeApiEmulator runtimeApi = LambdaRuntimeApiEmulator.start("sample-user")) {
			LambdaFunctionProcess function = start(runtimeApi, java, variant.trainingOptions(archive),
					variant.id() + "-training");
			for (int i = 0; i < TRAINING_INVOCATIONS; i++) {
				answer(runtimeApi, function);
			}
			// stopping the Runtime API ends the runtime client by itself, so the JVM exits normally and writes
			// what it recorded (a forced stop would cut that short)
			runtimeApi.close();
			ProcessHandle.of(function.pid())
				.ifPresent((process) -> process.onExit().orTimeout(300, TimeUnit.SECONDS).join());
			function.close();
		}
		List<String> creation = variant.creationOptions(archive);
		if (!creation.isEmpty()) {
			List<String> command = new ArrayList<>();
			command.add(java.toString());
			command.addAll(creation);
			command.add("-cp");
			command.add(classPathString());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.options.output().resolve(variant.id() + "-create.log").toFile())
				.start();
			if (process.waitFor() != 0) {
				throw new IllegalStateException(variant.id() + ": creating the archive failed, see "
						+ this.options.output().resolve(variant.id() + "-create.log"));
			}
		}
		if (!Files.isRegularFile(archive)) {
			throw new IllegalStateException(variant.id() + ": training wrote no archive " + archive + ", see "
					+ this.options.output().resolve(variant.id() + "-training.log"));
		}
		System.out.printf("%s: archive %s, %d MB%n", variant.id(), archive.getFileName(),
				Files.size(archive) / (1024 * 1024));
	}

	private Measurement measure(Variant variant, Path java, Path archive, int run) throws Exception {
		try (LambdaRuntimeApiEmulator runtimeApi = LambdaRuntimeApiEmulator.start("sample-user")) {
			LambdaFunctionProcess function = start(runtimeApi, java, variant.runOptions(archive),
					variant.id() + "-" + run);
			try {
				answer(runtimeApi, function);
				Duration firstResponse = function.timeToFirstResponse().orElseThrow();
				Duration cpu = ProcessCpu.of(function.pid());
				String log = function.log();
				if (variant.needsTraining() && !archiveUsed(log, variant)) {
					System.out.println(variant.id() + ": the JVM reported a problem with the archive, see "
							+ function.logFile());
				}
				return new Measurement(firstResponse, cpu);
			}
			finally {
				function.close();
			}
		}
	}

	private static boolean archiveUsed(String log, Variant variant) {
		return !(log.contains("[cds]") && log.contains("error")) && !log.contains("Unable to use shared archive")
				&& !log.contains("Unable to map");
	}

	private LambdaFunctionProcess start(LambdaRuntimeApiEmulator runtimeApi, Path java, List<String> jvmOptions,
			String name) throws IOException {
		List<String> allOptions = new ArrayList<>(jvmOptions);
		allOptions.addAll(this.options.extraJvmOptions());
		return LambdaFunctionProcess.builder(HANDLER)
			.javaExecutable(java)
			.jvmArguments(allOptions)
			.classPath(this.classPath)
			.memorySizeMb(this.options.memoryMb())
			.logFile(this.options.output().resolve(name + ".log"))
			.environment("PURISTA_LAMBDA_APPLICATION", APPLICATION)
			.environment("SPRING_DATA_REDIS_HOST", "127.0.0.1")
			.environment("SPRING_DATA_REDIS_PORT", Integer.toString(this.options.redisPort()))
			.environment("SPRING_DATA_REDIS_DATABASE", "10")
			.start(runtimeApi);
	}

	private static void answer(LambdaRuntimeApiEmulator runtimeApi, LambdaFunctionProcess function)
			throws Exception {
		String email = "cold-" + UUID.randomUUID() + "@example.com";
		byte[] event = HttpApiEvent.request("POST", "/api/v1/user")
			.jsonBody("{\"email\":\"" + email + "\",\"name\":\"Cold Start\"}")
			.toBytes();
		CompletableFuture<InvocationOutcome> answer = runtimeApi.invoke(event, Duration.ofSeconds(30));
		long waitUntil = System.nanoTime() + ANSWER_WAIT.toNanos();
		while (!answer.isDone()) {
			if (!function.isAlive() || System.nanoTime() > waitUntil) {
				throw new IllegalStateException("the function did not answer, see " + function.logFile());
			}
			try {
				answer.get(100, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				// not yet
			}
		}
		InvocationOutcome outcome = answer.get();
		if (outcome.isError() || !outcome.responseText().contains("\"statusCode\":200")) {
			throw new IllegalStateException("the function did not sign the user up: " + outcome + ", see "
					+ function.logFile());
		}
	}

	/** Unpack the zip; its root classes become one jar, its lib/ jars stay; then the runtime client's jars. */
	private void prepareClassPath() throws IOException {
		Path task = this.options.output().resolve("task");
		deleteRecursively(task);
		Path functionJar = this.options.output().resolve("function-classes.jar");
		try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(this.options.zip()));
				JarOutputStream jar = new JarOutputStream(Files.newOutputStream(functionJar))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (entry.getName().startsWith("lib/")) {
					if (!entry.isDirectory()) {
						Path target = task.resolve(entry.getName());
						Files.createDirectories(target.getParent());
						Files.copy(zip, target);
					}
				}
				else {
					jar.putNextEntry(new ZipEntry(entry.getName()));
					if (!entry.isDirectory()) {
						zip.transferTo(jar);
					}
					jar.closeEntry();
				}
			}
		}
		this.classPath.add(functionJar);
		this.classPath.addAll(jars(task.resolve("lib")));
		this.classPath.addAll(jars(this.options.runtimeLib()));
	}

	private static List<Path> jars(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".jar")).sorted().toList();
		}
	}

	private String classPathString() {
		return String.join(File.pathSeparator, this.classPath.stream().map(Path::toString).toList());
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * One measured cold start.
	 *
	 * @param firstResponse launch to first response
	 * @param cpu CPU time (user + system) the JVM used until shortly after its first response
	 */
	record Measurement(Duration firstResponse, Duration cpu) {
	}

	private static final class ProcessCpu {

		private ProcessCpu() {
		}

		/** User + system time of a live process, from {@code /proc/<pid>/stat} (clock ticks of 10 ms). */
		static Duration of(long pid) throws IOException {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return Duration.ofMillis(ticks * 10);
		}

	}

}
