package dev.purista.benchmarks.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a fault run, read from {@code --name=value} arguments; every option has a default.
 *
 * @param repository the repository root
 * @param output where logs, broker data and results go
 * @param jar the {@code sample-microservice} fat jar
 * @param java the {@code java} executable for the sample processes
 * @param heap the sample processes' maximum heap ({@code -Xmx})
 * @param scenarios the scenarios to run, in order
 * @param count sign-ups per scenario
 * @param concurrency requests in flight at most
 * @param rate sign-ups started per second at most (0: no pacing, as fast as the answers come)
 * @param maxLoad how long the load may run at most; what is not sent by then is not sent
 * @param faultAfter when the fault starts, after the load started
 * @param rabbitmqDown how long RabbitMQ stays stopped
 * @param redisDown how long Redis stays stopped
 * @param settle how long after the fault ended the run waits at most for every mail
 * @param hung a request answered later than this counts as hung
 * @param httpPort the user process's HTTP port; the email processes take the next two
 * @param redisPort Redis's port
 * @param rabbitmqPort RabbitMQ's AMQP port
 * @param mailSendTime how long the email processes take per mail ({@code sample.email.send-time})
 */
record ChaosOptions(Path repository, Path output, Path jar, String java, String heap, List<Scenario> scenarios,
		int count, int concurrency, double rate, Duration maxLoad, Duration faultAfter, Duration rabbitmqDown,
		Duration redisDown, Duration settle, Duration hung, int httpPort, int redisPort, int rabbitmqPort,
		Duration mailSendTime) {

	/** The scenarios of a default run. */
	static final String DEFAULT_SCENARIOS = "rabbitmq,rabbitmq:production,redis,kill-email,freeze-kill-email,term-email,term-user";

	/** The usage text. */
	static final String USAGE = """
			usage: FaultRun [--name=value ...]
			  --scenarios=%s
			                       fault[:profile], comma-separated; faults: none, rabbitmq, redis, kill-email,
			                       freeze-kill-email, term-email, term-user; profile: staging (default) or production
			  --count=1000         sign-ups per scenario (unique email and name each)
			  --concurrency=16     requests in flight at most
			  --rate=20            sign-ups started per second at most (0: as fast as the answers come)
			  --max-load=180       seconds the load may run at most
			  --fault-after=15     seconds after the load started when the fault starts
			  --rabbitmq-down=8    seconds between RabbitMQ's stop and its start (which takes 8-11 s more)
			  --redis-down=0       seconds Redis stays stopped (0: stop and start at once)
			  --settle=120         seconds after the fault ended to wait at most for every mail
			  --hung=30            seconds after which an answer counts as hung
			  --mail-send-time=0   seconds each mail takes in the email processes (e.g. 0.2, so a killed or
			                       stopped email process holds jobs mid-send)
			  --http-port=18081    the user process's port; the email processes take the next two
			  --redis-port, --rabbitmq-port   default $PURISTA_BROKERS_REDIS_PORT / _RABBITMQ_PORT, else 6390 / 5673
			  --repository=.       the repository root
			  --output=benchmarks/target/chaos   logs, broker data, results
			  --jar=sample-microservice/target/sample-microservice.jar
			  --java=<this JVM's java>   --heap=384m
			""".formatted(DEFAULT_SCENARIOS);

	/**
	 * Read the options.
	 * @param arguments {@code --name=value} arguments
	 * @param environment the environment (for the broker ports)
	 * @return the options
	 * @throws IllegalArgumentException for an unknown option or a malformed value
	 */
	static ChaosOptions parse(String[] arguments, Map<String, String> environment) {
		Map<String, String> values = new HashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			if (!argument.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got " + argument);
			}
			values.put(argument.substring(2, equals), argument.substring(equals + 1));
		}
		Path repository = Path.of(values.getOrDefault("repository", ".")).toAbsolutePath().normalize();
		String defaultJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ChaosOptions options = new ChaosOptions(repository,
				repository.resolve(values.getOrDefault("output", "benchmarks/target/chaos")),
				repository.resolve(values.getOrDefault("jar", "sample-microservice/target/sample-microservice.jar")),
				values.getOrDefault("java", defaultJava), values.getOrDefault("heap", "384m"),
				Scenario.parseAll(values.getOrDefault("scenarios", DEFAULT_SCENARIOS)),
				intValue(values, "count", "1000"), intValue(values, "concurrency", "16"),
				Double.parseDouble(values.getOrDefault("rate", "20")), seconds(values, "max-load", "180"),
				seconds(values, "fault-after", "15"), seconds(values, "rabbitmq-down", "8"),
				seconds(values, "redis-down", "0"), seconds(values, "settle", "120"), seconds(values, "hung", "30"),
				intValue(values, "http-port", "18081"),
				intValue(values, "redis-port", environment.getOrDefault("PURISTA_BROKERS_REDIS_PORT", "6390")),
				intValue(values, "rabbitmq-port", environment.getOrDefault("PURISTA_BROKERS_RABBITMQ_PORT", "5673")),
				seconds(values, "mail-send-time", "0"));
		List<String> known = List.of("repository", "output", "jar", "java", "heap", "scenarios", "count",
				"concurrency", "rate", "max-load", "fault-after", "rabbitmq-down", "redis-down", "settle", "hung",
				"http-port", "redis-port", "rabbitmq-port", "mail-send-time");
		List<String> unknown = new ArrayList<>(values.keySet());
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("unknown option(s): " + unknown);
		}
		return options;
	}

	private static int intValue(Map<String, String> values, String name, String defaultValue) {
		return Integer.parseInt(values.getOrDefault(name, defaultValue));
	}

	private static Duration seconds(Map<String, String> values, String name, String defaultValue) {
		return Duration.ofMillis(Math.round(Double.parseDouble(values.getOrDefault(name, defaultValue)) * 1000));
	}

	/**
	 * One scenario: a fault under a profile.
	 *
	 * @param fault the fault
	 * @param profile {@code staging} or {@code production}
	 */
	record Scenario(Fault fault, String profile) {

		static List<Scenario> parseAll(String text) {
			List<Scenario> scenarios = new ArrayList<>();
			for (String part : text.split(",")) {
				String[] faultAndProfile = part.trim().split(":", 2);
				String profile = (faultAndProfile.length > 1) ? faultAndProfile[1] : "staging";
				if (!profile.equals("staging") && !profile.equals("production")) {
					throw new IllegalArgumentException("unknown profile " + profile + " (staging or production)");
				}
				scenarios.add(new Scenario(Fault.of(faultAndProfile[0]), profile));
			}
			return scenarios;
		}

		/**
		 * The scenario's name.
		 * @return e.g. {@code rabbitmq:production}
		 */
		String name() {
			return this.fault.id() + ":" + this.profile;
		}

	}

}
