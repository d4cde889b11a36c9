package dev.purista.benchmarks.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One process of the microservice sample ({@code java -jar sample-microservice.jar --sample.services=...}),
 * listening on loopback only, its output appended to a log file of its own (a restarted process appends to the
 * same file).
 * <p>
 * Not thread-safe: the run starts, signals and stops a process from one thread, except {@link #stop()}, which
 * the shutdown hook may call as well.
 */
final class AppProcess {

	private final String name;

	private final List<String> command;

	private final int port;

	private final Path log;

	private volatile @Nullable Process process;

	/**
	 * A process, not started yet.
	 * @param name the name in logs and file names ({@code user}, {@code email-1})
	 * @param command the JVM and its arguments
	 * @param port the HTTP port the command sets
	 * @param log the file its output is appended to
	 */
	AppProcess(String name, List<String> command, int port, Path log) {
		this.name = name;
		this.command = List.copyOf(command);
		this.port = port;
		this.log = log;
	}

	/**
	 * The command line of one sample process.
	 * @param options the run's options (JVM, jar, heap, ports)
	 * @param profile {@code staging} or {@code production}
	 * @param services {@code user} or {@code email}
	 * @param port the HTTP port
	 * @return the command
	 */
	static List<String> command(ChaosOptions options, String profile, String services, int port) {
		// C1 only and the serial collector: the three JVMs start faster on a small machine; 20 requests/s need no C2
		List<String> command = new ArrayList<>(List.of(options.java(), "-Xmx" + options.heap(), "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-jar", options.jar().toString()));
		command.addAll(List.of("--sample.services=" + services, "--spring.profiles.active=" + profile,
				"--server.address=127.0.0.1", "--server.port=" + port,
				"--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + options.rabbitmqPort(),
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + options.redisPort(),
				// loopback only: no span or metric export (the production profile points at the compose collector)
				"--management.tracing.export.enabled=false", "--management.otlp.metrics.export.enabled=false",
				"--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces"));
		if (services.equals("email") && !options.mailSendTime().isZero()) {
			command.add("--sample.email.send-time=" + options.mailSendTime().toMillis() + "ms");
		}
		return command;
	}

	/**
	 * Start the process (without waiting until it is ready).
	 */
	void start() {
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + this.name, ex);
		}
	}

	/**
	 * Wait until {@code /actuator/health/readiness} answers 200.
	 * @param client the HTTP client
	 * @param timeout how long to wait at most
	 */
	void awaitReady(HttpClient client, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				throw new IllegalStateException(this.name + " exited during start-up (log: " + this.log + ")");
			}
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			Pause.of(Duration.ofMillis(500));
		}
		throw new IllegalStateException(this.name + " not ready within " + timeout + " (log: " + this.log + ")");
	}

	/**
	 * Send SIGKILL and wait until the process is gone.
	 */
	void kill() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			await(current, Duration.ofSeconds(30));
		}
	}

	/**
	 * Send SIGSTOP: the process stops running (and answering) until it gets SIGCONT or SIGKILL.
	 */
	void freeze() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		try {
			Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(current.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -STOP " + current.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run kill", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Send SIGTERM and wait until the process has shut down gracefully (at most {@code timeout}).
	 * @param timeout how long to wait for the exit
	 * @return whether it exited within the timeout
	 */
	boolean terminate(Duration timeout) {
		Process current = this.process;
		if (current == null) {
			return true;
		}
		current.destroy();
		return await(current, timeout);
	}

	/**
	 * Stop the process if it runs: SIGTERM, then SIGKILL after 40 s. Never throws.
	 */
	void stop() {
		Process current = this.process;
		if (current != null && current.isAlive() && !terminate(Duration.ofSeconds(40))) {
			System.err.println("chaos: " + this.name + " did not stop within 40 s of SIGTERM, killing it");
			kill();
		}
	}

	/**
	 * The process's name.
	 * @return e.g. {@code email-1}
	 */
	String name() {
		return this.name;
	}

	/**
	 * The log file.
	 * @return the path
	 */
	Path log() {
		return this.log;
	}

	/**
	 * The base URI of its HTTP server.
	 * @return e.g. {@code http://127.0.0.1:18081}
	 */
	String baseUri() {
		return "http://127.0.0.1:" + this.port;
	}

	private static boolean await(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
