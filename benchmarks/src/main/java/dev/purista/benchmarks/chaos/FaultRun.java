package dev.purista.benchmarks.chaos;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

import dev.purista.benchmarks.chaos.ChaosOptions.Scenario;

/**
 * The fault run: for each scenario, fresh brokers, the sample's user process and two email processes, a
 * bounded sign-up load, one fault mid-load, then polling Redis and the email logs until every created user
 * got a mail and the queue is empty, or until {@code --settle} after the fault; prints a row per scenario and a
 * Markdown table of all rows (also written to {@code <output>/results.md}).
 * <p>
 * Every process the run starts (sample processes and brokers) is stopped when it ends, also on failure or
 * Ctrl-C (a shutdown hook). Run it through {@code benchmarks/chaos/run.sh}.
 */
public final class FaultRun {

	private final ChaosOptions options;

	private final Brokers brokers;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private volatile @Nullable Deployment current;

	private volatile boolean stopping;

	private FaultRun(ChaosOptions options) {
		this.options = options;
		this.brokers = new Brokers(options.repository(), options.output().resolve("brokers"), options.redisPort(),
				options.rabbitmqPort(), options.output().resolve("brokers.log"));
	}

	/**
	 * Run the scenarios the arguments select ({@code --help} for the options).
	 * @param args {@code --name=value} options
	 * @throws IOException when the output directory cannot be written
	 */
	public static void main(String[] args) throws IOException {
		if (List.of(args).contains("--help")) {
			System.out.println(ChaosOptions.USAGE);
			return;
		}
		ChaosOptions options;
		try {
			options = ChaosOptions.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(ChaosOptions.USAGE);
			System.exit(2);
			return;
		}
		if (!Files.isRegularFile(options.jar())) {
			System.err.println("no " + options.jar() + ": build it first (benchmarks/chaos/run.sh does)");
			System.exit(2);
		}
		Files.createDirectories(options.output());
		new FaultRun(options).run();
	}

	private void run() throws IOException {
		Thread cleanup = new Thread(this::stopEverything, "chaos-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		List<FaultRow> rows = new ArrayList<>();
		long started = System.nanoTime();
		try {
			int number = 1;
			for (Scenario scenario : this.options.scenarios()) {
				if (this.stopping) {
					break;
				}
				FaultRow row = runScenario(scenario, this.options.output()
					.resolve(String.format("%02d-%s-%s", number++, scenario.fault().id(), scenario.profile())));
				rows.add(row);
				System.out.println(row.describe());
			}
		}
		finally {
			stopEverything();
			Runtime.getRuntime().removeShutdownHook(cleanup);
		}
		StringBuilder table = new StringBuilder(FaultRow.MARKDOWN_HEADER).append(System.lineSeparator());
		rows.forEach((row) -> table.append(row.markdown()).append(System.lineSeparator()));
		String summary = "Fault run of " + Instant.now() + ", " + this.options.count() + " sign-ups per scenario, "
				+ "concurrency " + this.options.concurrency() + ", " + this.options.rate() + "/s, fault after "
				+ this.options.faultAfter().toSeconds() + " s, RabbitMQ started " + this.options.rabbitmqDown().toSeconds()
				+ " s and Redis " + this.options.redisDown().toSeconds() + " s after their stop; took "
				+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s";
		System.out.println();
		System.out.println(summary);
		System.out.println();
		System.out.print(table);
		Files.writeString(this.options.output().resolve("results.md"),
				summary + System.lineSeparator() + System.lineSeparator() + table, StandardCharsets.UTF_8);
	}

	private FaultRow runScenario(Scenario scenario, Path logs) throws IOException {
		Files.createDirectories(logs);
		for (String file : List.of("user.log", "email-1.log", "email-2.log", "requests.csv")) {
			Files.deleteIfExists(logs.resolve(file));
		}
		String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
		progress(scenario.name() + ": starting brokers (clean) and the sample processes, logs in " + logs);
		try (Deployment deployment = new Deployment(this.options, scenario.profile(), this.brokers, this.client,
				logs)) {
			this.brokers.startClean();
			this.current = deployment;
			deployment.start(Duration.ofMinutes(3));
			SignUpLoad load = new SignUpLoad(this.client, deployment.user().baseUri(), tag, this.options);
			long loadStart = System.nanoTime();
			CompletableFuture<SignUpLoad.Outcomes> outcomes = CompletableFuture.supplyAsync(load::run);
			progress(scenario.name() + ": load started (tag " + tag + ")");
			Pause.until(loadStart + this.options.faultAfter().toNanos());
			long faultStart = System.currentTimeMillis();
			long faultStartNanos = System.nanoTime();
			progress(scenario.name() + ": injecting " + scenario.fault().id() + " after " + load.started()
					+ " requests");
			try {
				scenario.fault().inject(deployment, this.options);
			}
			catch (RuntimeException ex) {
				// no requests from this scenario into the next one
				load.stop();
				outcomes.join();
				throw ex;
			}
			long faultEndNanos = System.nanoTime();
			Duration faultTook = Duration.ofNanos(faultEndNanos - faultStartNanos);
			progress(scenario.name() + ": fault over after " + faultTook.toMillis() + " ms");
			SignUpLoad.Outcomes answered = outcomes.join();
			answered.writeCsv(logs.resolve("requests.csv"), tag);
			progress(scenario.name() + ": load done, settling");
			long deadline = Math.max(faultEndNanos + this.options.settle().toNanos(),
					System.nanoTime() + Duration.ofSeconds(10).toNanos());
			return settle(scenario, tag, deployment, answered, faultStart, faultTook, deadline);
		}
		catch (RuntimeException ex) {
			progress(scenario.name() + ": failed: " + ex);
			return FaultRow.failed(scenario.name(), ex.getMessage());
		}
		finally {
			this.current = null;
		}
	}

	/**
	 * Poll Redis and the email logs once a second until every created user was mailed and no job is open, or
	 * until the deadline; the row is computed from the last poll.
	 */
	private FaultRow settle(Scenario scenario, String tag, Deployment deployment, SignUpLoad.Outcomes outcomes,
			long faultStart, Duration faultTook, long deadline) {
		RedisClient redisClient = RedisClient.create(RedisURI.create("127.0.0.1", this.options.redisPort()));
		try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
			while (true) {
				StoreSnapshot store = StoreSnapshot.read(connection.sync(), tag);
				MailLog mails = MailLog.read(tag, deployment.emailLogs());
				FaultRow row = FaultRow.of(scenario.name(), outcomes, store, mails, faultStart, faultTook,
						this.options.hung());
				if ((row.withoutMail() == 0 && row.openJobs() == 0) || System.nanoTime() > deadline) {
					return row;
				}
				Pause.of(Duration.ofSeconds(1));
			}
		}
		finally {
			redisClient.shutdown();
		}
	}

	private void stopEverything() {
		this.stopping = true;
		Deployment deployment = this.current;
		if (deployment != null) {
			deployment.close();
		}
		this.brokers.stopAll();
	}

	private static void progress(String message) {
		System.err.println(Instant.now() + " chaos: " + message);
	}

}
