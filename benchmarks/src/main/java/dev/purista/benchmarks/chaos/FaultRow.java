package dev.purista.benchmarks.chaos;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The result of one scenario: what the callers got and what became of the welcome mails.
 *
 * @param scenario the scenario ({@code fault:profile})
 * @param sent requests sent
 * @param ok answers 2xx
 * @param statuses the other answers by HTTP status
 * @param refused requests refused (nothing listened)
 * @param ioErrors requests failed with another I/O error
 * @param timedOut requests the client gave up on ({@code --hung} + 30 s)
 * @param hung requests that took longer than {@code --hung}, answered or not
 * @param maxLatency the longest time a request took until its answer or failure
 * @param users users created (in the state store)
 * @param createdNotOk users created whose request was not answered 2xx
 * @param jobs welcome-mail jobs enqueued
 * @param mailed users mailed at least once
 * @param lost jobs enqueued whose mail was never sent
 * @param twice users mailed more than once
 * @param withoutMail users created whose mail was never sent
 * @param deadLetters jobs in the queue's dead-letter list
 * @param openJobs jobs still in the queue at the end
 * @param allMailed from the fault's start until the last first mail of the users whose sign-up started before
 * the fault ended (the work the fault hit; later sign-ups are the load going on), or {@code null} when a user
 * created never got a mail
 * @param maxDelay the longest time from a sign-up's request to its first mail
 * @param faultTook how long the fault lasted (down time plus stop and start)
 * @param error why the scenario failed, or {@code null}
 */
record FaultRow(String scenario, int sent, int ok, Map<Integer, Integer> statuses, int refused, int ioErrors,
		int timedOut, int hung, Duration maxLatency, int users, int createdNotOk, int jobs, int mailed, int lost, int twice,
		int withoutMail, long deadLetters, long openJobs, @Nullable Duration allMailed, @Nullable Duration maxDelay,
		Duration faultTook, @Nullable String error) {

	/** The header of the Markdown table. */
	static final String MARKDOWN_HEADER = """
			| scenario | fault lasted | sent | 2xx | 4xx | 5xx | refused / IO / timed out | hung > 30 s | slowest | users | created, not 2xx | jobs | mailed | lost | sent twice | users without mail | dead-lettered jobs | all mailed after fault | max sign-up → mail |
			|---|---|---:|---:|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|""";

	/**
	 * Compute the row.
	 * @param scenario the scenario's name
	 * @param outcomes what the requests got
	 * @param store what Redis holds at the end
	 * @param mails the mails sent
	 * @param faultStart when the fault started (epoch milliseconds)
	 * @param faultTook how long the fault lasted
	 * @param hungAfter the hung threshold
	 * @return the row
	 */
	static FaultRow of(String scenario, SignUpLoad.Outcomes outcomes, StoreSnapshot store, MailLog mails,
			long faultStart, Duration faultTook, Duration hungAfter) {
		int sent = 0;
		int ok = 0;
		int refused = 0;
		int ioErrors = 0;
		int timedOut = 0;
		int hung = 0;
		long maxLatency = 0;
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < outcomes.size(); i++) {
			if (!outcomes.sent(i)) {
				continue;
			}
			sent++;
			int outcome = outcomes.outcome(i);
			switch (outcome) {
				case SignUpLoad.REFUSED -> refused++;
				case SignUpLoad.IO_ERROR -> ioErrors++;
				case SignUpLoad.TIMED_OUT -> timedOut++;
				default -> {
					if (outcome >= 200 && outcome < 300) {
						ok++;
					}
					else {
						statuses.merge(outcome, 1, Integer::sum);
					}
				}
			}
			maxLatency = Math.max(maxLatency, outcomes.millis(i));
			if (outcome == SignUpLoad.TIMED_OUT || outcomes.millis(i) > hungAfter.toMillis()) {
				hung++;
			}
		}
		int createdNotOk = 0;
		int withoutMail = 0;
		long lastFirstMail = 0;
		long maxDelay = -1;
		for (Integer index : store.users().keySet()) {
			int outcome = outcomes.outcome(index);
			if (outcome < 200 || outcome >= 300) {
				createdNotOk++;
			}
			long firstMail = mails.firstSentAt(index);
			if (mails.count(index) == 0) {
				withoutMail++;
			}
			else if (firstMail > 0) {
				if (outcomes.startedAt(index) < faultStart + faultTook.toMillis()) {
					lastFirstMail = Math.max(lastFirstMail, firstMail);
				}
				if (outcomes.startedAt(index) > 0) {
					maxDelay = Math.max(maxDelay, firstMail - outcomes.startedAt(index));
				}
			}
		}
		int mailed = 0;
		int twice = 0;
		for (Integer index : mails.mailed()) {
			mailed++;
			if (mails.count(index) > 1) {
				twice++;
			}
		}
		int lost = (int) store.jobs().stream().filter((index) -> mails.count(index) == 0).count();
		Duration allMailed = (withoutMail == 0 && lastFirstMail > 0)
				? Duration.ofMillis(Math.max(0, lastFirstMail - faultStart)) : null;
		return new FaultRow(scenario, sent, ok, statuses, refused, ioErrors, timedOut, hung,
				Duration.ofMillis(maxLatency), store.users().size(),
				createdNotOk, store.jobs().size(), mailed, lost, twice, withoutMail, store.deadLetters(),
				store.openJobs(), allMailed, (maxDelay >= 0) ? Duration.ofMillis(maxDelay) : null, faultTook, null);
	}

	/**
	 * A row for a scenario that could not be run to its end.
	 * @param scenario the scenario's name
	 * @param error why
	 * @return the row
	 */
	static FaultRow failed(String scenario, String error) {
		return new FaultRow(scenario, 0, 0, Map.of(), 0, 0, 0, 0, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null,
				Duration.ZERO, error);
	}

	/**
	 * The row for the console, one {@code name: value} per line.
	 * @return the text
	 */
	String describe() {
		if (this.error != null) {
			return this.scenario + ": FAILED: " + this.error;
		}
		return String.join(System.lineSeparator(), "scenario: " + this.scenario,
				"  fault lasted:            " + seconds(this.faultTook),
				"  sent:                    " + this.sent,
				"  2xx:                     " + this.ok,
				"  4xx:                     " + statusClass(4),
				"  5xx:                     " + statusClass(5),
				"  refused / IO / timed out: " + this.refused + " / " + this.ioErrors + " / " + this.timedOut,
				"  hung (> threshold):      " + this.hung,
				"  slowest request:         " + seconds(this.maxLatency),
				"  users created:           " + this.users + " (not answered 2xx: " + this.createdNotOk + ")",
				"  jobs:                    " + this.jobs + " (still open: " + this.openJobs + ", dead-lettered: "
						+ this.deadLetters + ")",
				"  mailed:                  " + this.mailed,
				"  lost:                    " + this.lost,
				"  sent twice:              " + this.twice,
				"  users without mail:      " + this.withoutMail,
				"  all mailed after fault:  " + seconds(this.allMailed),
				"  max sign-up -> mail:     " + seconds(this.maxDelay));
	}

	/**
	 * The row of the Markdown table ({@link #MARKDOWN_HEADER}).
	 * @return the row
	 */
	String markdown() {
		if (this.error != null) {
			return "| " + this.scenario + " | failed: " + this.error.replace('|', '/') + " |";
		}
		return "| " + String.join(" | ", this.scenario, seconds(this.faultTook), Integer.toString(this.sent),
				Integer.toString(this.ok), statusClass(4), statusClass(5),
				this.refused + " / " + this.ioErrors + " / " + this.timedOut, Integer.toString(this.hung),
				seconds(this.maxLatency), Integer.toString(this.users), Integer.toString(this.createdNotOk),
				Integer.toString(this.jobs), Integer.toString(this.mailed), Integer.toString(this.lost),
				Integer.toString(this.twice), Integer.toString(this.withoutMail), Long.toString(this.deadLetters),
				seconds(this.allMailed), seconds(this.maxDelay)) + " |";
	}

	private String statusClass(int hundreds) {
		Map<Integer, Integer> matching = this.statuses.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() / 100 == hundreds)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, TreeMap::new));
		int total = matching.values().stream().mapToInt(Integer::intValue).sum();
		if (total == 0) {
			return "0";
		}
		return total + " (" + matching.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ": " + entry.getValue())
			.collect(Collectors.joining(", ")) + ")";
	}

	private static String seconds(@Nullable Duration duration) {
		return (duration != null) ? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0)
				: "never";
	}

}
