package dev.purista.benchmarks.chaos;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The deployment under test: the brokers and the sample's user process and two email processes, all on
 * loopback. {@link #close()} stops the processes (SIGTERM, SIGKILL after 40 s); the brokers stay up until the
 * run ends.
 */
final class Deployment implements AutoCloseable {

	private final Brokers brokers;

	private final HttpClient client;

	private final AppProcess user;

	private final List<AppProcess> emails;

	/**
	 * Describe (not start) the processes of a scenario.
	 * @param options the run's options
	 * @param profile {@code staging} or {@code production}
	 * @param brokers the run's brokers
	 * @param client the HTTP client for readiness checks
	 * @param logs the scenario's log directory
	 */
	Deployment(ChaosOptions options, String profile, Brokers brokers, HttpClient client, Path logs) {
		this.brokers = brokers;
		this.client = client;
		int port = options.httpPort();
		this.user = new AppProcess("user", AppProcess.command(options, profile, "user", port), port,
				logs.resolve("user.log"));
		this.emails = List.of(
				new AppProcess("email-1", AppProcess.command(options, profile, "email", port + 1), port + 1,
						logs.resolve("email-1.log")),
				new AppProcess("email-2", AppProcess.command(options, profile, "email", port + 2), port + 2,
						logs.resolve("email-2.log")));
	}

	/**
	 * Start the three processes at once and wait until each is ready.
	 * @param timeout how long to wait for each
	 */
	void start(Duration timeout) {
		all().forEach(AppProcess::start);
		all().forEach((process) -> process.awaitReady(this.client, timeout));
	}

	/**
	 * The brokers.
	 * @return the brokers
	 */
	Brokers brokers() {
		return this.brokers;
	}

	/**
	 * The HTTP client.
	 * @return the client
	 */
	HttpClient client() {
		return this.client;
	}

	/**
	 * The user process.
	 * @return the process
	 */
	AppProcess user() {
		return this.user;
	}

	/**
	 * The email process a fault hits.
	 * @return {@code email-1}
	 */
	AppProcess firstEmail() {
		return this.emails.get(0);
	}

	/**
	 * The email processes' log files, where the sent mails are.
	 * @return the paths
	 */
	List<Path> emailLogs() {
		return this.emails.stream().map(AppProcess::log).toList();
	}

	@Override
	public void close() {
		all().parallelStream().forEach(AppProcess::stop);
	}

	private List<AppProcess> all() {
		return List.of(this.user, this.emails.get(0), this.emails.get(1));
	}

}
