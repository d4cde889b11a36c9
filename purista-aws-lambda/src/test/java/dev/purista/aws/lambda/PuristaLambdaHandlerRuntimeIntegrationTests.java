package dev.purista.aws.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;
import dev.purista.test.lambda.FunctionError;
import dev.purista.test.lambda.HttpApiEvent;
import dev.purista.test.lambda.InvocationOutcome;
import dev.purista.test.lambda.LambdaFunctionProcess;
import dev.purista.test.lambda.LambdaRuntimeApiEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The real {@link PuristaLambdaHandler} under AWS's real runtime interface client in a child JVM
 * ({@link LambdaFunctionProcess}) against the {@link LambdaRuntimeApiEmulator}, with {@link RedisCounterApplication}
 * on a real Redis (found by {@link BrokerResolution}: {@code PURISTA_TEST_REDIS_URL}): the function runs the
 * {@code serverless} preset (the profile the handler adds), its state store and queue bridge in Redis database
 * {@value #DATABASE}. One function process serves the invocation tests warm; the init failures start their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PuristaLambdaHandlerRuntimeIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final int DATABASE = 11;

	private static final String HANDLER = PuristaLambdaHandler.class.getName() + "::handleRequest";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Log logger = LogFactory.getLog(PuristaLambdaHandlerRuntimeIntegrationTests.class);

	@TempDir
	static Path logs;

	private BrokerAddress redisAddress;

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private LambdaRuntimeApiEmulator runtimeApi;

	private LambdaFunctionProcess function;

	private Duration initTime;

	private Instant initializedAt;

	private final List<AutoCloseable> started = new ArrayList<>();

	@BeforeAll
	void startFunction() throws IOException {
		this.redisAddress = BrokerResolution.require(Broker.REDIS);
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(this.redisAddress.host(),
				this.redisAddress.port());
		configuration.setDatabase(DATABASE);
		this.connectionFactory = new LettuceConnectionFactory(configuration);
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushDb();
			return null;
		});
		this.runtimeApi = started(LambdaRuntimeApiEmulator.start("counter"));
		this.function = started(function(this.runtimeApi, RedisCounterApplication.class.getName(), "counter"));
		// the runtime polls for events once the handler is constructed: the context starts in the init phase
		await().atMost(PATIENCE).until(() -> this.runtimeApi.pollingCount() > 0 || !this.function.isAlive());
		assertThat(this.function.isAlive()).as("the function died in init:%n%s", this.function.log()).isTrue();
		this.initializedAt = Instant.now();
		this.initTime = Duration.between(this.function.launchedAt(), this.initializedAt);
	}

	@AfterAll
	void stopFunction() throws Exception {
		if (this.function != null) {
			logger.info("PURISTA function under the runtime interface client: init (JVM launch to polling) "
					+ this.initTime.toMillis() + " ms, first response after launch "
					+ this.function.timeToFirstResponse().map(Duration::toMillis).orElse(-1L) + " ms");
		}
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void commandMessageIsAnsweredWithTheResponseMessageAndItsStateAndJobAreInRedis() {
		String counter = counterName();

		JsonNode response = invoke(command(counter, 5));

		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandSuccessResponse");
		assertThat(response.path("correlationId").asString()).isEqualTo("corr-" + counter);
		assertThat(response.path("eventName").asString()).isEqualTo("counted");
		assertThat(response.path("receiver").path("instanceId").asString()).isEqualTo("caller-1");
		JsonNode counted = response.path("payload");
		assertThat(counted.path("value").asLong()).isEqualTo(5);
		assertThat(this.redis.opsForValue().get("lambda-counter:" + counter)).isEqualTo("5");
		String jobId = counted.path("jobId").asString();
		String keyPrefix = "purista:queue:" + RedisCounterApplication.QUEUE;
		assertThat(this.redis.opsForList().range(keyPrefix + ":pending", 0, -1)).contains(jobId);
		Object job = this.redis.opsForHash().get(keyPrefix + ":jobs", jobId);
		assertThat(job).asString().contains(counter);
	}

	@Test
	void httpApiEventIsAnsweredWithStatusCodeAndBody() {
		String counter = counterName();

		JsonNode response = invoke(HttpApiEvent.request("POST", "/api/v1/counter")
			.stage("prod")
			.jsonBody("{\"counter\":\"" + counter + "\",\"by\":3}")
			.toJson());

		assertThat(response.path("statusCode").asInt()).as("%s", response).isEqualTo(200);
		assertThat(response.path("headers").path("content-type").asString()).startsWith("application/json");
		JsonNode body = JSON.readTree(response.path("body").asString());
		assertThat(body.path("counter").asString()).isEqualTo(counter);
		assertThat(body.path("value").asLong()).isEqualTo(3);
		assertThat(this.redis.opsForValue().get("lambda-counter:" + counter)).isEqualTo("3");
	}

	@Test
	void handledErrorIsAnsweredAsAPuristaErrorResponseAndAsItsHttpStatus() {
		JsonNode message = invoke(command("locked", 1));
		assertThat(message.path("messageType").asString()).as("%s", message).isEqualTo("commandErrorResponse");
		assertThat(message.path("isHandledError").asBoolean()).isTrue();
		assertThat(message.path("payload").path("status").asInt()).isEqualTo(409);
		assertThat(message.path("payload").path("message").asString()).isEqualTo("counter is locked");

		JsonNode http = invoke(HttpApiEvent.request("POST", "/api/v1/counter")
			.jsonBody("{\"counter\":\"locked\",\"by\":1}")
			.toJson());
		assertThat(http.path("statusCode").asInt()).as("%s", http).isEqualTo(409);
		assertThat(JSON.readTree(http.path("body").asString()).path("data").path("counter").asString())
			.isEqualTo("locked");
	}

	@Test
	void invalidPayloadIsAnswered400AndNothingIsStored() {
		String counter = counterName();

		JsonNode message = invoke(command(counter, 500));
		assertThat(message.path("messageType").asString()).as("%s", message).isEqualTo("commandErrorResponse");
		assertThat(message.path("payload").path("status").asInt()).isEqualTo(400);
		assertThat(message.path("payload").path("message").asString())
			.startsWith("input validation for payload failed");

		JsonNode http = invoke(HttpApiEvent.request("POST", "/api/v1/counter")
			.jsonBody("{\"counter\":\"Not Valid!\",\"by\":1}")
			.toJson());
		assertThat(http.path("statusCode").asInt()).as("%s", http).isEqualTo(400);
		assertThat(this.redis.hasKey("lambda-counter:" + counter)).isFalse();
	}

	@Test
	void warmInvocationsShareOneProcessAndOneContextStartedInInitAndReadEachOthersState() {
		String counter = counterName();
		List<JsonNode> answers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			answers.add(invoke(command(counter, 2)).path("payload"));
		}
		// the function reads the state from Redis, not from its memory
		this.redis.opsForValue().set("lambda-counter:" + counter, "40");
		answers.add(invoke(command(counter, 2)).path("payload"));

		assertThat(answers).extracting((answer) -> answer.path("value").asLong()).containsExactly(2L, 4L, 6L, 42L);
		assertThat(answers).extracting((answer) -> answer.path("pid").asLong()).containsOnly(this.function.pid());
		assertThat(answers).extracting((answer) -> answer.path("contextStarts").asInt()).containsOnly(1);
		assertThat(answers).extracting((answer) -> answer.path("contextStartedAt").asLong())
			.allSatisfy((startedAt) -> assertThat(startedAt).isLessThan(this.initializedAt.toEpochMilli()));
		assertThat(this.function.log()).containsOnlyOnce("Starting the PURISTA function's context");
		assertThat(this.runtimeApi.initError()).isNotDone();
	}

	@Test
	void commandRunningPastTheDeadlineIsAnswered504BeforeLambdaEndsTheInvocation() {
		Duration deadline = Duration.ofSeconds(3);
		await().atMost(PATIENCE).until(() -> this.runtimeApi.pollingCount() > 0);
		Instant invokedAt = Instant.now();

		InvocationOutcome outcome = outcome(this.runtimeApi.invoke(bytes(command("slow", null)), deadline));

		assertThat(outcome.isError()).as("%s", outcome).isFalse();
		JsonNode response = JSON.readTree(outcome.response());
		assertThat(response.path("messageType").asString()).as("%s", response).isEqualTo("commandErrorResponse");
		assertThat(response.path("payload").path("status").asInt()).isEqualTo(504);
		assertThat(Duration.between(invokedAt, outcome.completedAt())).isGreaterThan(Duration.ofSeconds(1))
			.isLessThan(deadline);
	}

	@Test
	void missingApplicationClassFailsInitWithItsName() throws IOException {
		LambdaRuntimeApiEmulator emulator = started(LambdaRuntimeApiEmulator.start("missing"));
		LambdaFunctionProcess broken = started(function(emulator, "com.example.NoSuchApplication", "missing"));

		FunctionError error = initError(emulator, broken);

		assertThat(error.errorType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(error.errorMessage()).contains("com.example.NoSuchApplication").contains("is not found");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(broken.isAlive()).isFalse());
	}

	@Test
	void failingBeanFailsInitNamingTheBeanAndTheCause() throws IOException {
		LambdaRuntimeApiEmulator emulator = started(LambdaRuntimeApiEmulator.start("broken"));
		LambdaFunctionProcess broken = started(function(emulator, BrokenBeanApplication.class.getName(), "broken"));

		FunctionError error = initError(emulator, broken);

		assertThat(error.errorType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(error.errorMessage()).contains("failed to start")
			.contains("licenceCheck")
			.contains(BrokenBeanApplication.FAILURE);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(broken.isAlive()).isFalse());
	}

	private LambdaFunctionProcess function(LambdaRuntimeApiEmulator emulator, String application, String name)
			throws IOException {
		ObjectNode properties = JSON.createObjectNode();
		properties.put("spring.data.redis.host", this.redisAddress.host());
		properties.put("spring.data.redis.port", this.redisAddress.port());
		properties.put("spring.data.redis.database", DATABASE);
		if (this.redisAddress.password() != null) {
			properties.put("spring.data.redis.password", this.redisAddress.password());
		}
		// the serverless preset's secret store is AWS's; this function reads no secrets
		properties.put("purista.secret-store.type", "in-memory");
		properties.put(PuristaLambdaHandler.COMMANDS_PROPERTY, "Counter.increment,Counter.1.slow");
		return LambdaFunctionProcess.builder(HANDLER)
			.functionName(name)
			.environment(PuristaLambdaHandler.APPLICATION_ENV, application)
			.environment("SPRING_APPLICATION_JSON", JSON.writeValueAsString(properties))
			.logFile(logs.resolve(name + "-" + UUID.randomUUID() + ".log"))
			.start(emulator);
	}

	private JsonNode invoke(ObjectNode event) {
		InvocationOutcome outcome = outcome(this.runtimeApi.invoke(bytes(event), DEADLINE));
		assertThat(outcome.isError()).as("%s%n%s", outcome, this.function.log()).isFalse();
		return JSON.readTree(outcome.response());
	}

	private InvocationOutcome outcome(CompletableFuture<InvocationOutcome> invocation) {
		try {
			return invocation.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return fail("No outcome within " + PATIENCE + "; function log:\n" + this.function.log(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted", ex);
		}
	}

	/**
	 * The init error, failing fast when the function answers an invocation instead (a context started lazily).
	 */
	private static FunctionError initError(LambdaRuntimeApiEmulator emulator, LambdaFunctionProcess function) {
		CompletableFuture<InvocationOutcome> invocation = emulator.invoke(bytes(command("probe", 1)), DEADLINE);
		try {
			CompletableFuture.anyOf(emulator.initError(), invocation).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return fail("Neither an init error nor an answer within " + PATIENCE + "; log:\n" + function.log(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted", ex);
		}
		assertThat(invocation).as("the invocation was answered, init did not fail:%n%s", function.log())
			.isNotDone();
		return emulator.initError().join();
	}

	private <T extends AutoCloseable> T started(T closeable) {
		this.started.add(closeable);
		return closeable;
	}

	private static String counterName() {
		return "c-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static ObjectNode command(String counter, Integer by) {
		ObjectNode command = JSON.createObjectNode();
		command.put("messageType", "command");
		command.put("id", "msg-" + counter);
		command.put("timestamp", System.currentTimeMillis());
		command.put("correlationId", "corr-" + counter);
		command.put("traceId", "trace-" + counter);
		command.set("sender", JSON.valueToTree(Map.of("serviceName", "Caller", "serviceVersion", "1",
				"serviceTarget", "call", "instanceId", "caller-1")));
		String target = counter.equals("slow") ? "slow" : "increment";
		command.set("receiver",
				JSON.valueToTree(Map.of("serviceName", "Counter", "serviceVersion", "1", "serviceTarget", target)));
		command.put("contentType", "application/json");
		command.put("contentEncoding", "utf-8");
		Object payload = (by != null) ? Map.of("counter", counter, "by", by) : Map.of();
		command.set("payload", JSON.valueToTree(Map.of("payload", payload, "parameter", Map.of())));
		return command;
	}

	private static byte[] bytes(JsonNode event) {
		return JSON.writeValueAsBytes(event);
	}

}
