package dev.purista.test.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local emulator of the AWS Lambda Runtime API for tests: <strong>not AWS</strong>, but an HTTP server on
 * {@code 127.0.0.1} implementing the interface a Lambda runtime polls
 * (<a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Runtime API</a>, version
 * {@code 2018-06-01}), so that AWS's real runtime interface client runs a handler as AWS Lambda would. Point the
 * runtime at it with {@code AWS_LAMBDA_RUNTIME_API=}{@link #address()} (or use {@link LambdaFunctionProcess}).
 * <p>
 * It serves:
 * <ul>
 * <li>{@code GET /2018-06-01/runtime/invocation/next}: waits (long poll) for the next event queued by
 * {@link #invoke(byte[], Duration)} and answers it with the headers {@code Lambda-Runtime-Aws-Request-Id},
 * {@code Lambda-Runtime-Deadline-Ms} (the time of delivery plus the invocation's deadline, in epoch
 * milliseconds), {@code Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id};</li>
 * <li>{@code POST /2018-06-01/runtime/invocation/{id}/response} and {@code .../error}: complete the invocation's
 * future with the response or the {@link FunctionError} (status 202; 400 {@code InvalidRequestID} for an id that
 * is not in flight);</li>
 * <li>{@code POST /2018-06-01/runtime/init/error}: completes {@link #initError()} (status 202).</li>
 * </ul>
 * Not emulated: the deadline is only advertised (a function that overruns it is not stopped and its future is not
 * failed, so wait for outcomes with a timeout), response streaming, the extensions and telemetry APIs, client
 * context and Cognito identity headers, payload size limits. After an init error, queued events stay queued.
 * <p>
 * Thread-safe. Start with {@link #start()}, stop with {@link #close()}.
 */
public final class LambdaRuntimeApiEmulator implements AutoCloseable {

	private static final String PREFIX = "/2018-06-01/runtime/";

	private static final Pattern INVOCATION_PATH = Pattern
		.compile(Pattern.quote(PREFIX) + "invocation/([^/]+)/(response|error)");

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

	private final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();

	private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();

	private final List<Instant> completions = new CopyOnWriteArrayList<>();

	private final CompletableFuture<FunctionError> initError = new CompletableFuture<>();

	private final AtomicInteger polling = new AtomicInteger();

	private final String functionArn;

	private final HttpServer server;

	private final ExecutorService executor;

	private LambdaRuntimeApiEmulator(String functionArn, HttpServer server, ExecutorService executor) {
		this.functionArn = functionArn;
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start an emulator on a free port of {@code 127.0.0.1} for a function named {@code function}.
	 * @return the running emulator
	 * @throws IOException if the server cannot be started
	 */
	public static LambdaRuntimeApiEmulator start() throws IOException {
		return start("function");
	}

	/**
	 * Start an emulator on a free port of {@code 127.0.0.1}.
	 * @param functionName the function's name, used in {@code Lambda-Runtime-Invoked-Function-Arn}
	 * @return the running emulator
	 * @throws IOException if the server cannot be started
	 */
	public static LambdaRuntimeApiEmulator start(String functionName) throws IOException {
		// answer without Nagle's delay (read once, when the JDK's first HttpServer starts)
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "lambda-runtime-api-emulator");
			thread.setDaemon(true);
			return thread;
		});
		LambdaRuntimeApiEmulator emulator = new LambdaRuntimeApiEmulator(
				"arn:aws:lambda:us-east-1:000000000000:function:" + functionName, server, executor);
		server.createContext(PREFIX, emulator::handle);
		server.setExecutor(executor);
		server.start();
		return emulator;
	}

	/**
	 * The value for the runtime's {@code AWS_LAMBDA_RUNTIME_API} environment variable.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String address() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The ARN sent as {@code Lambda-Runtime-Invoked-Function-Arn}.
	 * @return the function's ARN
	 */
	public String functionArn() {
		return this.functionArn;
	}

	/**
	 * Queue an event for the runtime's next {@code /invocation/next}. Does not block.
	 * @param event the event, as the function receives it (usually JSON)
	 * @param deadline the function's timeout, counted from the delivery of the event to the runtime
	 * @return a future completed with the outcome when the runtime posts the response or error; never completed
	 * if the runtime does not answer, so wait with a timeout
	 */
	public CompletableFuture<InvocationOutcome> invoke(byte[] event, Duration deadline) {
		Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.clone(), deadline,
				new CompletableFuture<>());
		this.queued.add(invocation);
		return invocation.outcome();
	}

	/**
	 * What the runtime posted to {@code /runtime/init/error} (a handler that cannot be loaded or initialized).
	 * @return a future completed with the first init error posted
	 */
	public CompletableFuture<FunctionError> initError() {
		return this.initError;
	}

	/**
	 * When the first response or error arrived at or after an instant, for start-up measurements.
	 * @param since the earliest instant to consider, e.g. when the function's process was launched
	 * @return the instant, empty if none arrived yet
	 */
	public Optional<Instant> firstCompletionSince(Instant since) {
		return this.completions.stream().filter((completion) -> !completion.isBefore(since)).findFirst();
	}

	/**
	 * The number of events queued and not yet delivered to a runtime.
	 * @return the number of queued events
	 */
	public int queuedCount() {
		return this.queued.size();
	}

	/**
	 * The number of runtimes waiting in {@code /invocation/next} now: a runtime that polls has finished its
	 * initialization and is ready for an event.
	 * @return the number of waiting runtimes
	 */
	public int pollingCount() {
		return this.polling.get();
	}

	/**
	 * Stop the server and release the runtimes waiting in {@code /invocation/next}. Futures not completed yet stay
	 * incomplete.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if ("GET".equals(method) && path.equals(PREFIX + "invocation/next")) {
				next(exchange);
				return;
			}
			if ("POST".equals(method) && path.equals(PREFIX + "init/error")) {
				this.initError.complete(error(exchange, body));
				accepted(exchange);
				return;
			}
			Matcher matcher = INVOCATION_PATH.matcher(path);
			if ("POST".equals(method) && matcher.matches()) {
				complete(exchange, matcher.group(1), "error".equals(matcher.group(2)), body);
				return;
			}
			send(exchange, 404, problem("NotFound", method + " " + path + " is not part of the Runtime API"));
		}
	}

	private void next(HttpExchange exchange) throws IOException {
		Invocation invocation;
		this.polling.incrementAndGet();
		try {
			invocation = this.queued.take();
		}
		catch (InterruptedException ex) {
			// closing: drop the long poll
			Thread.currentThread().interrupt();
			return;
		}
		finally {
			this.polling.decrementAndGet();
		}
		this.inFlight.put(invocation.requestId(), invocation);
		long deadline = System.currentTimeMillis() + invocation.deadline().toMillis();
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
		exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
		exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", this.functionArn);
		exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", traceId());
		sendBody(exchange, 200, invocation.event());
	}

	private void complete(HttpExchange exchange, String requestId, boolean failed, byte[] body) throws IOException {
		Invocation invocation = this.inFlight.remove(requestId);
		if (invocation == null) {
			send(exchange, 400, problem("InvalidRequestID", "No invocation " + requestId + " is in flight"));
			return;
		}
		Instant now = Instant.now();
		this.completions.add(now);
		accepted(exchange);
		InvocationOutcome outcome = failed
				? new InvocationOutcome(requestId, new byte[0], error(exchange, body), now)
				: new InvocationOutcome(requestId, body, null, now);
		invocation.outcome().complete(outcome);
	}

	private FunctionError error(HttpExchange exchange, byte[] body) {
		String header = exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
		JsonNode node = null;
		try {
			node = (body.length > 0) ? this.json.readTree(body) : null;
		}
		catch (JacksonException ex) {
			// not JSON: keep the raw body as the message
		}
		if (node == null || !node.isObject()) {
			return new FunctionError(String.valueOf(header), new String(body, StandardCharsets.UTF_8), List.of(),
					header, body);
		}
		String type = text(node, "errorType");
		String message = text(node, "errorMessage");
		List<String> stackTrace = new ArrayList<>();
		JsonNode frames = node.get("stackTrace");
		if (frames != null && frames.isArray()) {
			frames.forEach((frame) -> stackTrace.add(frame.asString()));
		}
		return new FunctionError((type != null) ? type : String.valueOf(header), (message != null) ? message : "",
				stackTrace, header, body);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String traceId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("Root=1-%08x-%024x;Parent=%016x;Sampled=0", System.currentTimeMillis() / 1000,
				random.nextLong() & 0xffffffffffffL, random.nextLong());
	}

	private byte[] problem(String type, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errorMessage", message);
		body.put("errorType", type);
		return this.json.writeValueAsBytes(body);
	}

	private void accepted(HttpExchange exchange) throws IOException {
		send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		sendBody(exchange, status, body);
	}

	private static void sendBody(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Invocation(String requestId, byte[] event, Duration deadline,
			CompletableFuture<InvocationOutcome> outcome) {
	}

}
