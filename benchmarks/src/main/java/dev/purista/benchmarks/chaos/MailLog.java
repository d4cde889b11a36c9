package dev.purista.benchmarks.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The welcome mails the email processes sent, read from their logs: {@code LoggingMailSender} logs
 * {@code Sent mail 'Welcome, <name>!'} per mail, with Spring Boot's ISO-8601 timestamp at the start of the line.
 */
final class MailLog {

	private static final String MARKER = "Sent mail 'Welcome, ";

	private final Map<Integer, List<Long>> sent;

	private MailLog(Map<Integer, List<Long>> sent) {
		this.sent = sent;
	}

	/**
	 * Read the mails of one scenario from log files (missing files count as empty).
	 * @param tag the scenario's tag (mails of other names are ignored)
	 * @param logs the email processes' logs
	 * @return the mails
	 */
	static MailLog read(String tag, List<Path> logs) {
		List<String> lines = new ArrayList<>();
		for (Path log : logs) {
			try {
				if (Files.exists(log)) {
					lines.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return parse(tag, lines);
	}

	/**
	 * Parse log lines.
	 * @param tag the scenario's tag
	 * @param lines log lines of any process
	 * @return the mails among them
	 */
	static MailLog parse(String tag, List<String> lines) {
		Map<Integer, List<Long>> sent = new HashMap<>();
		for (String line : lines) {
			int marker = line.indexOf(MARKER);
			int end = line.indexOf("!'", marker + MARKER.length());
			if (marker < 0 || end < 0) {
				continue;
			}
			int index = SignUpLoad.index(tag, line.substring(marker + MARKER.length(), end));
			if (index >= 0) {
				sent.computeIfAbsent(index, (key) -> new ArrayList<>()).add(timestamp(line));
			}
		}
		return new MailLog(sent);
	}

	/**
	 * How many mails went to a sign-up.
	 * @param index the sign-up's index
	 * @return the number of mails
	 */
	int count(int index) {
		return this.sent.getOrDefault(index, List.of()).size();
	}

	/**
	 * When the first mail went to a sign-up.
	 * @param index the sign-up's index
	 * @return epoch milliseconds, or 0 when none went or the line had no readable timestamp
	 */
	long firstSentAt(int index) {
		return this.sent.getOrDefault(index, List.of()).stream().mapToLong(Long::longValue).min().orElse(0);
	}

	/**
	 * The sign-ups that got at least one mail.
	 * @return their indexes
	 */
	Iterable<Integer> mailed() {
		return this.sent.keySet();
	}

	private static long timestamp(String line) {
		int space = line.indexOf(' ');
		try {
			return OffsetDateTime.parse((space > 0) ? line.substring(0, space) : line).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return 0;
		}
	}

}
