package dev.purista.sample.serverless;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.lambda.HttpApiEvent;
import dev.purista.test.lambda.InvocationOutcome;
import dev.purista.test.lambda.LambdaFunctionProcess;
import dev.purista.test.lambda.LambdaRuntimeApiEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The serverless sample end to end, as deployed: the packaged {@code target/sample-serverless-lambda.zip},
 * unpacked as Lambda unpacks it into the task root, runs under the real Lambda runtime interface client in a child
 * JVM against the local Runtime API emulator, with the real Redis; the email worker runs beside it as its
 * packaged jar, a long-lived process of its own. A sign-up through the function (HTTP API v2 event) enqueues the
 * welcome mail on Redis (the Email subscription in the same function hears {@code userSignedUp} on the in-memory bridge), and the worker
 * sends it: the outbox reads {@code sent}. Runs in the integration-test phase, after the zip is built.
 */
class SampleServerlessPackagedFunctionTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int DATABASE = 9;

	private static final Path ZIP = Path.of("target", "sample-serverless-lambda.zip");

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final Duration ANSWER_WAIT = Duration.ofSeconds(120);

	@TempDir
	static Path work;

	private static BrokerAddress redis;

	private static Process worker;

	private static LettuceConnectionFactory redisConnections;

	private static StringRedisTemplate redisTemplate;

	private static LambdaRuntimeApiEmulator runtimeApi;

	private static LambdaFunctionProcess function;

	@BeforeAll
	static void deploy() throws IOException {
		redis = BrokerResolution.require(Broker.REDIS);
		flushDatabase();
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(DATABASE);
		redisConnections = new LettuceConnectionFactory(configuration);
		redisConnections.afterPropertiesSet();
		redisTemplate = new StringRedisTemplate(redisConnections);
		worker = startWorker();
		Path taskRoot = unzip(ZIP, work.resolve("task"));
		runtimeApi = LambdaRuntimeApiEmulator.start("sample-user");
		function = functionProcess(taskRoot, "function.log").start(runtimeApi);
	}

	private static LambdaFunctionProcess.Builder functionProcess(Path taskRoot, String logName) throws IOException {
		return LambdaFunctionProcess.builder("dev.purista.aws.lambda.PuristaLambdaHandler::handleRequest")
			.classPath(functionClassPath(taskRoot))
			.taskRoot(taskRoot)
			.logFile(work.resolve(logName))
			.environment("PURISTA_LAMBDA_APPLICATION", SampleFunctionApplication.class.getName())
			.environment("SPRING_DATA_REDIS_HOST", redis.host())
			.environment("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()))
			.environment("SPRING_DATA_REDIS_DATABASE", String.valueOf(DATABASE));
	}

	@AfterAll
	static void undeploy() {
		if (function != null) {
			function.close();
		}
		if (runtimeApi != null) {
			runtimeApi.close();
		}
		if (worker != null) {
			worker.destroy();
			try {
				worker.waitFor(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			worker.destroyForcibly();
		}
		if (redis != null) {
			flushDatabase();
		}
		if (redisConnections != null) {
			redisConnections.destroy();
		}
	}

	@Test
	void zipHasTheLayoutLambdaLoads() throws IOException {
		List<String> entries = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ZIP))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.add(entry.getName());
			}
		}
		assertThat(entries).contains("dev/purista/sample/serverless/SampleFunctionApplication.class",
				"application.properties");
		assertThat(entries).anyMatch((name) -> name.matches("lib/purista-aws-lambda-.*\\.jar"))
			.anyMatch((name) -> name.matches("lib/sample-services-.*\\.jar"))
			.anyMatch((name) -> name.matches("lib/purista-spring-boot-starter-redis-.*\\.jar"));
		assertThat(entries).as("the runtime interface client is provided by Lambda, tests are not shipped")
			.noneMatch((name) -> name.contains("runtime-interface-client"))
			.noneMatch((name) -> name.contains("junit"));
		assertThat(entries).as("validation.xml is for process-aot only: parsing it slows the cold start")
			.doesNotContain("META-INF/validation.xml");
	}

	@Test
	void signUpThroughTheFunctionIsMailedByTheWorker() throws Exception {
		String email = "ada-" + UUID.randomUUID() + "@example.com";
		JsonNode created = answer(signUpEvent(email, "Ada"));
		assertThat(created.path("statusCode").asInt()).as("%s", created).isEqualTo(200);
		JsonNode user = JSON.readTree(created.path("body").asString());
		String userId = user.path("userId").asString();
		assertThat(userId).isNotBlank();
		assertThat(user.path("email").asString()).isEqualTo(email);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<String, Object> outbox = outbox(userId);
			assertThat(outbox).containsEntry("userId", userId).containsEntry("status", "sent");
		});

		assertThat(worker.isAlive()).as("the worker keeps running").isTrue();
		assertThat(function.log()).as("the function enqueues; only the worker process sends")
			.contains("Service Email v1 started: 1 command(s), 1 subscription(s), 0 queue worker(s)")
			.doesNotContain("Sent mail");

		JsonNode again = answer(signUpEvent(email, "Ada again"));
		assertThat(again.path("statusCode").asInt()).as("%s", again).isEqualTo(409);
	}

	@Test
	void commandMessageIsAnsweredFromRedisStateOnAWarmContainer() throws Exception {
		String email = "grace-" + UUID.randomUUID() + "@example.com";
		JsonNode created = answer(signUpEvent(email, "Grace"));
		String userId = JSON.readTree(created.path("body").asString()).path("userId").asString();

		JsonNode response = answer(commandMessage("getUser", Map.of("userId", userId)));
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandSuccessResponse");
		assertThat(response.path("correlationId").asString()).isEqualTo("corr-" + userId);
		assertThat(response.path("payload").path("email").asString()).isEqualTo(email);

		JsonNode missing = answer(commandMessage("getUser", Map.of("userId", "no-such-user")));
		assertThat(missing.path("messageType").asString()).as("%s", missing).isEqualTo("commandErrorResponse");
		assertThat(missing.path("payload").path("status").asInt()).isEqualTo(404);

		assertThat(function.isAlive()).isTrue();
		assertThat(function.log()).as("one Spring context for every invocation of the container")
			.containsOnlyOnce("Started SampleFunctionApplication");
	}

	@Test
	void aotProcessedFunctionAnswersTheSameWay() throws Exception {
		try (LambdaRuntimeApiEmulator aotRuntimeApi = LambdaRuntimeApiEmulator.start("sample-user-aot")) {
			LambdaFunctionProcess aot = functionProcess(work.resolve("task"), "function-aot.log")
				.jvmArguments(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true"))
				.start(aotRuntimeApi);
			try {
				String email = "aot-" + UUID.randomUUID() + "@example.com";
				byte[] event = JSON.writeValueAsBytes(signUpEvent(email, "Ahead"));
				InvocationOutcome outcome = aotRuntimeApi.invoke(event, DEADLINE)
					.get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
				assertThat(outcome.isError()).as("%s%n%s", outcome, aot.log()).isFalse();
				JsonNode created = JSON.readTree(outcome.responseText());
				assertThat(created.path("statusCode").asInt()).as("%s", created).isEqualTo(200);
				assertThat(aot.log()).contains("Starting AOT-processed SampleFunctionApplication");
			}
			finally {
				aot.close();
			}
		}
	}

	@Test
	void invalidSignUpIsAnswered400AndNothingIsQueued() throws Exception {
		JsonNode invalid = answer(signUpEvent("not-an-email", "X"));
		assertThat(invalid.path("statusCode").asInt()).as("%s", invalid).isEqualTo(400);
		assertThat(JSON.readTree(invalid.path("body").asString()).path("message").asString())
			.startsWith("input validation for payload failed");
	}

	private static JsonNode answer(JsonNode event) throws Exception {
		InvocationOutcome outcome = runtimeApi.invoke(JSON.writeValueAsBytes(event), DEADLINE)
			.get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(outcome.isError()).as("%s%nfunction log:%n%s", outcome, function.log()).isFalse();
		return JSON.readTree(outcome.responseText());
	}

	/** The worker's outbox entry, read from the Redis state store (key as given, JSON value). */
	private static Map<String, Object> outbox(String userId) {
		String json = redisTemplate.opsForValue().get("outbox:" + userId);
		return (json != null) ? JSON.readValue(json, new TypeReference<Map<String, Object>>() {
		}) : Map.of();
	}

	/**
	 * The email worker as it is deployed: {@code java -jar target/sample-serverless-worker.jar}, a process of its
	 * own that must keep running (it has no web server) until it is stopped.
	 */
	private static Process startWorker() throws IOException {
		Path jar = Path.of("target", "sample-serverless-worker.jar").toAbsolutePath();
		assertThat(jar).as("built by the package phase (mvn verify)").isRegularFile();
		Path log = work.resolve("worker.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(), "--spring.data.redis.database=" + DATABASE)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		await().atMost(ANSWER_WAIT)
			.until(() -> !process.isAlive() || Files.readString(log).contains("Started SampleEmailWorkerApplication"));
		assertThat(process.isAlive()).as("worker running%n%s", Files.readString(log)).isTrue();
		return process;
	}

	private static JsonNode signUpEvent(String email, String name) {
		return HttpApiEvent.request("POST", "/api/v1/user")
			.jsonBody(JSON.writeValueAsString(Map.of("email", email, "name", name)))
			.toJson();
	}

	private static JsonNode commandMessage(String command, Map<String, Object> parameter) {
		ObjectNode message = JSON.createObjectNode();
		message.put("messageType", "command");
		message.put("id", UUID.randomUUID().toString());
		message.put("timestamp", System.currentTimeMillis());
		message.put("correlationId", "corr-" + parameter.get("userId"));
		message.put("traceId", UUID.randomUUID().toString().replace("-", ""));
		message.set("sender", JSON.valueToTree(
				Map.of("serviceName", "Caller", "serviceVersion", "1", "serviceTarget", "call", "instanceId", "c-1")));
		message.set("receiver",
				JSON.valueToTree(Map.of("serviceName", "User", "serviceVersion", "1", "serviceTarget", command)));
		message.put("contentType", "application/json");
		message.put("contentEncoding", "utf-8");
		message.set("payload", JSON.valueToTree(Map.of("payload", Map.of(), "parameter", parameter)));
		return message;
	}

	/** The task root's class path as Lambda's Java runtime builds it, plus the runtime interface client. */
	private static List<Path> functionClassPath(Path taskRoot) throws IOException {
		List<Path> classPath = new ArrayList<>();
		classPath.add(taskRoot);
		try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
			jars.sorted().forEach(classPath::add);
		}
		Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> entry.contains("aws-lambda-java-runtime-interface-client")
					|| entry.contains("aws-lambda-java-serialization"))
			.map(Path::of)
			.forEach(classPath::add);
		return classPath;
	}

	private static Path unzip(Path zip, Path target) throws IOException {
		assertThat(zip).as("built by the package phase (mvn verify)").isRegularFile();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path path = target.resolve(entry.getName()).normalize();
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(in, path);
				}
			}
		}
		return target;
	}

	private static void flushDatabase() {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(DATABASE);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		try (var connection = factory.getConnection()) {
			connection.serverCommands().flushDb();
		}
		finally {
			factory.destroy();
		}
	}

}
