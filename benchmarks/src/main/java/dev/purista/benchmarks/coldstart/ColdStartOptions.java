package dev.purista.benchmarks.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The options of a cold-start run, read from {@code --name=value} arguments; every option has a default.
 *
 * @param zip the function's deployment package
 * @param runtimeLib the directory with the runtime interface client's jars
 * @param output where logs, archives and results go
 * @param java the JDK 17 {@code java}
 * @param java25 the JDK 25 {@code java}, or {@code null} to skip its variant
 * @param variants the variants, in order
 * @param runs measured runs per variant
 * @param memoryMb the function's memory setting
 * @param redisPort Redis's port on 127.0.0.1
 * @param extraJvmOptions options added to every function JVM (training and measured), e.g. a property to try
 */
record ColdStartOptions(Path zip, Path runtimeLib, Path output, Path java, @Nullable Path java25,
		List<Variant> variants, int runs, int memoryMb, int redisPort, List<String> extraJvmOptions) {

	/** The usage text. */
	static final String USAGE = """
			usage: ColdStartRun [--name=value ...]
			  --variants=plain,aot,cds,aot-cds,jdk25-aot-cache
			  --runs=5              fresh JVMs per variant (min and median are reported)
			  --zip=sample-serverless/target/sample-serverless-lambda.zip
			  --runtime-lib=benchmarks/target/lambda-runtime   the runtime interface client's jars
			  --output=benchmarks/target/coldstart             logs, archives, results.md
			  --java=<this JVM's java>   --java25=<a JDK 25 java, if installed>
			  --memory=512          AWS_LAMBDA_FUNCTION_MEMORY_SIZE
			  --redis-port          default $PURISTA_BROKERS_REDIS_PORT, else 6390
			  --jvm-options="-Da=b -Dc=d"   added to every function JVM (training and measured runs)
			""";

	private static final List<Path> JDK25_CANDIDATES = List.of(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"),
			Path.of("/usr/lib/jvm/java-25-openjdk-amd64/bin/java"));

	/**
	 * Read the options.
	 * @param args the arguments
	 * @return the options, or {@code null} when help was asked for
	 */
	static @Nullable ColdStartOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				return null;
			}
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'\n" + USAGE);
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		Path java = Path.of(values.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		Path java25 = values.containsKey("java25") ? Path.of(values.get("java25")) : defaultJava25();
		List<Variant> variants = Arrays.stream(values.getOrDefault("variants", "plain,aot,cds,aot-cds,jdk25-aot-cache")
			.split(",")).map(String::trim).map(Variant::of).toList();
		String redisPort = values.getOrDefault("redis-port",
				System.getenv().getOrDefault("PURISTA_BROKERS_REDIS_PORT", "6390"));
		return new ColdStartOptions(
				absolute(values.getOrDefault("zip", "sample-serverless/target/sample-serverless-lambda.zip")),
				absolute(values.getOrDefault("runtime-lib", "benchmarks/target/lambda-runtime")),
				absolute(values.getOrDefault("output", "benchmarks/target/coldstart")), java, java25, variants,
				Integer.parseInt(values.getOrDefault("runs", "5")),
				Integer.parseInt(values.getOrDefault("memory", "512")), Integer.parseInt(redisPort),
				Arrays.stream(values.getOrDefault("jvm-options", "").split(" ")).filter((o) -> !o.isBlank()).toList());
	}

	/** The function JVMs run in their own task root, so every path they get is absolute. */
	private static Path absolute(String path) {
		return Path.of(path).toAbsolutePath().normalize();
	}

	private static @Nullable Path defaultJava25() {
		return JDK25_CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
	}

}
