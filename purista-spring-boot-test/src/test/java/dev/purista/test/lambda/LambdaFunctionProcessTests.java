package dev.purista.test.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.purista.test.lambda.fixture.BrokenInitHandler;
import dev.purista.test.lambda.fixture.ContextReportingHandler;
import dev.purista.test.lambda.fixture.EchoHandler;
import dev.purista.test.lambda.fixture.FailingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Handlers run under AWS's real runtime interface client in a child JVM against the {@link LambdaRuntimeApiEmulator}.
 */
class LambdaFunctionProcessTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	private Path logs;

	private LambdaRuntimeApiEmulator runtimeApi;

	private final List<LambdaFunctionProcess> functions = new ArrayList<>();

	@BeforeEach
	void startRuntimeApi() throws IOException {
		this.runtimeApi = LambdaRuntimeApiEmulator.start("test-function");
	}

	@AfterEach
	void stop() {
		this.functions.forEach(LambdaFunctionProcess::close);
		this.runtimeApi.close();
	}

	@Test
	void anInvocationIsAnsweredWithTheHandlersResponse() throws IOException {
		LambdaFunctionProcess function = start(EchoHandler.class.getName() + "::handleRequest");
		String event = "{\"hello\":\"world\"}";

		InvocationOutcome outcome = outcome(function, this.runtimeApi.invoke(bytes(event), Duration.ofSeconds(30)));

		assertThat(outcome.isError()).as(function.log()).isFalse();
		assertThat(outcome.responseText()).isEqualTo(event);
		assertThat(function.timeToFirstResponse()).hasValueSatisfying((time) -> assertThat(time)
			.isPositive()
			.isLessThanOrEqualTo(Duration.between(function.launchedAt(), outcome.completedAt())));
	}

	@Test
	void aHandlerGivenByClassNameOnlyIsFound() throws IOException {
		LambdaFunctionProcess function = start(EchoHandler.class.getName());

		InvocationOutcome outcome = outcome(function, this.runtimeApi.invoke(bytes("\"ping\""), Duration.ofSeconds(30)));

		assertThat(outcome.responseText()).as(function.log()).isEqualTo("\"ping\"");
	}

	@Test
	void aFailingInvocationIsReportedWithItsErrorType() throws IOException {
		LambdaFunctionProcess function = start(FailingHandler.class.getName() + "::handleRequest");

		InvocationOutcome outcome = outcome(function, this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(30)));

		assertThat(outcome.isError()).as(function.log()).isTrue();
		assertThat(outcome.error().errorType()).isEqualTo(IllegalStateException.class.getName());
		assertThat(outcome.error().errorMessage()).isEqualTo("handler failed on purpose");
		assertThat(outcome.error().stackTrace()).anySatisfy(
				(frame) -> assertThat(frame).contains(FailingHandler.class.getName() + ".handleRequest"));
		assertThat(outcome.response()).isEmpty();
	}

	@Test
	void warmInvocationsAreServedByOneProcess() throws IOException {
		LambdaFunctionProcess function = start(ContextReportingHandler.class.getName() + "::handleRequest");
		List<Map<String, String>> reports = new ArrayList<>();
		List<String> requestIds = new ArrayList<>();

		for (int i = 0; i < 3; i++) {
			InvocationOutcome outcome = outcome(function, this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(30)));
			reports.add(report(outcome));
			requestIds.add(outcome.requestId());
		}

		assertThat(reports).extracting((report) -> report.get("invocation")).containsExactly("1", "2", "3");
		assertThat(reports).extracting((report) -> report.get("pid"))
			.containsOnly(Long.toString(function.pid()));
		assertThat(reports).extracting((report) -> report.get("requestId")).containsExactlyElementsOf(requestIds);
		assertThat(requestIds).doesNotHaveDuplicates();
		assertThat(reports).extracting((report) -> report.get("functionArn"))
			.containsOnly(this.runtimeApi.functionArn());
		assertThat(function.isAlive()).isTrue();
	}

	@Test
	void theDeadlineIsTheRemainingTimeOfTheContext() throws IOException {
		LambdaFunctionProcess function = start(ContextReportingHandler.class.getName() + "::handleRequest");

		long shortRemaining = remainingMs(outcome(function, this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(10))));
		long longRemaining = remainingMs(outcome(function, this.runtimeApi.invoke(bytes("{}"), Duration.ofMinutes(5))));

		// delivery to handler takes well under the slack even on a loaded machine
		assertThat(shortRemaining).isBetween(4_000L, 10_000L);
		assertThat(longRemaining).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
	}

	@Test
	void aFailingInitializationIsReportedToInitError() throws IOException {
		LambdaFunctionProcess function = start(BrokenInitHandler.class.getName() + "::handleRequest");
		CompletableFuture<InvocationOutcome> invocation = this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(30));

		FunctionError error = outcome(function, this.runtimeApi.initError());

		assertThat(error.errorType()).isEqualTo(ExceptionInInitializerError.class.getName());
		assertThat(error.errorMessage()).isEqualTo("Error loading class " + BrokenInitHandler.class.getName());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(function.isAlive()).isFalse());
		assertThat(invocation).isNotDone();
		// the cause is not posted, only logged
		assertThat(function.log()).contains("static initialization failed on purpose");
	}

	@Test
	void closingStopsTheProcess() throws IOException {
		LambdaFunctionProcess function = start(EchoHandler.class.getName() + "::handleRequest");
		outcome(function, this.runtimeApi.invoke(bytes("{}"), Duration.ofSeconds(30)));
		ProcessHandle handle = ProcessHandle.of(function.pid()).orElseThrow();

		function.close();

		assertThat(handle.isAlive()).isFalse();
		assertThat(function.isAlive()).isFalse();
	}

	private LambdaFunctionProcess start(String handler) throws IOException {
		LambdaFunctionProcess function = LambdaFunctionProcess.builder(handler)
			.functionName("test-function")
			.logFile(this.logs.resolve("function-" + this.functions.size() + ".log"))
			.start(this.runtimeApi);
		this.functions.add(function);
		return function;
	}

	private static <T> T outcome(LambdaFunctionProcess function, CompletableFuture<T> future) {
		try {
			return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return fail("No outcome within " + PATIENCE + "; function log:\n" + function.log(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("Interrupted", ex);
		}
	}

	private static Map<String, String> report(InvocationOutcome outcome) {
		Map<String, String> report = new LinkedHashMap<>();
		for (String line : outcome.responseText().split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				report.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return report;
	}

	private static long remainingMs(InvocationOutcome outcome) {
		return Long.parseLong(report(outcome).get("remainingMs"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
