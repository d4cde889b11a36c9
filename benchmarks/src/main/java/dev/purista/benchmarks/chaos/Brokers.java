package dev.purista.benchmarks.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis and RabbitMQ of the run, started, stopped and restarted through {@code scripts/brokers.sh} with their
 * state in a directory of the run's own (never the developer's {@code .brokers/}).
 * <p>
 * Each call blocks until the script returns (at most 3 minutes); the script's output is appended to a log file.
 */
final class Brokers {

	private static final String[] BROKERS = { "redis", "rabbitmq" };

	private final Path script;

	private final Path directory;

	private final int redisPort;

	private final int rabbitmqPort;

	private final Path log;

	/**
	 * Brokers of the run.
	 * @param repository the repository root (where {@code scripts/brokers.sh} is)
	 * @param directory where the brokers keep data, logs and PID files
	 * @param redisPort Redis's port
	 * @param rabbitmqPort RabbitMQ's AMQP port
	 * @param log the file the script's output is appended to
	 */
	Brokers(Path repository, Path directory, int redisPort, int rabbitmqPort, Path log) {
		this.script = repository.resolve("scripts/brokers.sh");
		this.directory = directory;
		this.redisPort = redisPort;
		this.rabbitmqPort = rabbitmqPort;
		this.log = log;
	}

	/**
	 * Stop both brokers and start them with empty data, so that every scenario starts alike.
	 */
	void startClean() {
		run("start", "--clean", BROKERS[0], BROKERS[1]);
	}

	/**
	 * Start one broker, keeping its data, and wait until it answers.
	 * @param broker {@code redis} or {@code rabbitmq}
	 */
	void start(String broker) {
		run("start", broker);
	}

	/**
	 * Stop one broker (its data stays).
	 * @param broker {@code redis} or {@code rabbitmq}
	 */
	void stop(String broker) {
		run("stop", broker);
	}

	/**
	 * Stop both brokers; never throws, for clean-up paths.
	 */
	void stopAll() {
		try {
			run("stop", BROKERS[0], BROKERS[1]);
		}
		catch (RuntimeException ex) {
			System.err.println("chaos: stopping the brokers failed: " + ex.getMessage());
		}
	}

	/**
	 * Redis's port.
	 * @return the port
	 */
	int redisPort() {
		return this.redisPort;
	}

	/**
	 * RabbitMQ's AMQP port.
	 * @return the port
	 */
	int rabbitmqPort() {
		return this.rabbitmqPort;
	}

	private void run(String... arguments) {
		List<String> command = new ArrayList<>(List.of("bash", this.script.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().put("PURISTA_BROKERS_DIR", this.directory.toString());
		builder.environment().put("PURISTA_BROKERS_REDIS_PORT", Integer.toString(this.redisPort));
		builder.environment().put("PURISTA_BROKERS_RABBITMQ_PORT", Integer.toString(this.rabbitmqPort));
		try {
			Process process = builder.start();
			if (!process.waitFor(3, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("brokers.sh " + String.join(" ", arguments) + " took over 3 minutes");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("brokers.sh " + String.join(" ", arguments) + " failed with exit code "
						+ process.exitValue() + " (log: " + this.log + ")");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + this.script, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running brokers.sh", ex);
		}
	}

}
