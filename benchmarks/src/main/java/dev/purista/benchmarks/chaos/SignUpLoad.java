package dev.purista.benchmarks.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded sign-up load: {@code count} {@code POST /api/v1/user} requests, each with a unique email and name
 * ({@link #name}), at most {@code concurrency} in flight and {@code rate} started per second (0: as fast as
 * the answers come), for at most
 * {@code maxLoad}; whatever is not started by then is not sent. Each request's outcome is recorded by its index.
 */
final class SignUpLoad {

	/** Outcome of a request refused by the server's host (nothing listens on the port). */
	static final int REFUSED = -1;

	/** Outcome of a request that failed with another I/O error (connection reset, closed). */
	static final int IO_ERROR = -2;

	/** Outcome of a request not answered within the client's timeout. */
	static final int TIMED_OUT = -3;

	private final HttpClient client;

	private final URI uri;

	private final String tag;

	private final ChaosOptions options;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * A load, not started yet.
	 * @param client the HTTP client
	 * @param baseUri the user process's base URI
	 * @param tag what makes this scenario's names unique
	 * @param options count, concurrency, rate, time bound and the hung threshold
	 */
	SignUpLoad(HttpClient client, String baseUri, String tag, ChaosOptions options) {
		this.client = client;
		this.uri = URI.create(baseUri + "/api/v1/user");
		this.tag = tag;
		this.options = options;
	}

	/**
	 * The unique name of a sign-up; the email is the name {@code @example.com}, the welcome mail's subject
	 * {@code Welcome, <name>!}.
	 * @param tag the scenario's tag
	 * @param index the sign-up's index
	 * @return e.g. {@code chaos-a1b2c3-17}
	 */
	static String name(String tag, int index) {
		return prefix(tag) + index;
	}

	/**
	 * What every name of a scenario starts with.
	 * @param tag the scenario's tag
	 * @return e.g. {@code chaos-a1b2c3-}
	 */
	static String prefix(String tag) {
		return "chaos-" + tag + "-";
	}

	/**
	 * The index of a sign-up from its name, if the name is one of this tag's.
	 * @param tag the scenario's tag
	 * @param name a name or email (without its domain)
	 * @return the index, or -1
	 */
	static int index(String tag, String name) {
		String prefix = prefix(tag);
		if (!name.startsWith(prefix)) {
			return -1;
		}
		try {
			return Integer.parseInt(name.substring(prefix.length()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Send the load and wait until every request sent was answered or gave up.
	 * @return what each request got
	 */
	Outcomes run() {
		int count = this.options.count();
		Outcomes outcomes = new Outcomes(count);
		long start = System.nanoTime();
		long deadline = start + this.options.maxLoad().toNanos();
		ExecutorService senders = Executors.newFixedThreadPool(this.options.concurrency());
		for (int i = 0; i < this.options.concurrency(); i++) {
			senders.execute(() -> {
				for (int index = this.next.getAndIncrement(); index < count; index = this.next.getAndIncrement()) {
					long due = (this.options.rate() > 0)
							? start + (long) (index * 1_000_000_000.0 / this.options.rate()) : System.nanoTime();
					if (due > deadline) {
						return;
					}
					Pause.until(due);
					send(index, outcomes);
				}
			});
		}
		senders.shutdown();
		try {
			senders.awaitTermination(this.options.maxLoad().plus(this.options.hung()).toSeconds() + 60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		senders.shutdownNow();
		return outcomes;
	}

	/**
	 * Start no further requests (those in flight finish); {@link #run()} returns once they have.
	 */
	void stop() {
		this.next.set(this.options.count());
	}

	/**
	 * How many requests were started so far.
	 * @return the count
	 */
	int started() {
		return Math.min(this.next.get(), this.options.count());
	}

	private void send(int index, Outcomes outcomes) {
		String name = name(this.tag, index);
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.timeout(this.options.hung().plus(Duration.ofSeconds(30)))
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"email\":\"" + name + "@example.com\",\"name\":\"" + name + "\"}"))
			.build();
		long startedAt = System.currentTimeMillis();
		long started = System.nanoTime();
		int outcome;
		try {
			outcome = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpConnectTimeoutException ex) {
			outcome = IO_ERROR;
		}
		catch (HttpTimeoutException ex) {
			outcome = TIMED_OUT;
		}
		catch (ConnectException ex) {
			outcome = REFUSED;
		}
		catch (IOException ex) {
			outcome = IO_ERROR;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = IO_ERROR;
		}
		outcomes.record(index, outcome, startedAt, Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * What each request of a load got, by index. Written by the load's threads, read after {@link #run()}
	 * returned.
	 */
	static final class Outcomes {

		private final int[] outcome;

		private final long[] startedAt;

		private final long[] millis;

		Outcomes(int count) {
			this.outcome = new int[count];
			this.startedAt = new long[count];
			this.millis = new long[count];
		}

		synchronized void record(int index, int outcome, long startedAt, Duration took) {
			this.outcome[index] = outcome;
			this.startedAt[index] = startedAt;
			this.millis[index] = took.toMillis();
		}

		/**
		 * Whether the request was sent.
		 * @param index the index
		 * @return whether it was
		 */
		synchronized boolean sent(int index) {
			return this.startedAt[index] != 0;
		}

		/**
		 * The request's HTTP status, or {@link #REFUSED}, {@link #IO_ERROR}, {@link #TIMED_OUT}.
		 * @param index the index
		 * @return the outcome (0 if not sent)
		 */
		synchronized int outcome(int index) {
			return this.outcome[index];
		}

		/**
		 * When the request was sent.
		 * @param index the index
		 * @return epoch milliseconds (0 if not sent)
		 */
		synchronized long startedAt(int index) {
			return this.startedAt[index];
		}

		/**
		 * How long the request took until its answer or failure.
		 * @param index the index
		 * @return milliseconds
		 */
		synchronized long millis(int index) {
			return this.millis[index];
		}

		/**
		 * Write one line per request sent ({@code index,name,outcome,startedAt,millis}; outcome -1 refused, -2
		 * I/O error, -3 timed out), for looking up a request's user and process logs.
		 * @param file the CSV file
		 * @param tag the scenario's tag
		 * @throws IOException when the file cannot be written
		 */
		synchronized void writeCsv(Path file, String tag) throws IOException {
			StringBuilder csv = new StringBuilder("index,name,outcome,startedAt,millis\n");
			for (int i = 0; i < this.outcome.length; i++) {
				if (this.startedAt[i] != 0) {
					csv.append(i).append(',').append(name(tag, i)).append(',').append(this.outcome[i]).append(',')
						.append(Instant.ofEpochMilli(this.startedAt[i])).append(',').append(this.millis[i]).append('\n');
				}
			}
			Files.writeString(file, csv, StandardCharsets.UTF_8);
		}

		/**
		 * The number of requests the load could have sent.
		 * @return the load's count
		 */
		int size() {
			return this.outcome.length;
		}

	}

}
