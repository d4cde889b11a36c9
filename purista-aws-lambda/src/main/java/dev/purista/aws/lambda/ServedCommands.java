package dev.purista.aws.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageAddress;

/**
 * The commands a function serves ({@code purista.lambda.commands}): entries {@code <service>.<command>} (any
 * version) or {@code <service>.<version>.<command>}, compared ignoring case as PURISTA's bridges compare
 * addresses. No entries: every command of the application's services.
 */
final class ServedCommands {

	private final List<String[]> entries;

	private ServedCommands(List<String[]> entries) {
		this.entries = entries;
	}

	/**
	 * Parse the configured entries.
	 * @param entries the entries, empty for all commands
	 * @return the served commands
	 * @throws IllegalArgumentException for an entry of another shape
	 */
	static ServedCommands of(List<String> entries) {
		List<String[]> parsed = new ArrayList<>();
		for (String entry : entries) {
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			String[] parts = trimmed.split("\\.");
			if (parts.length < 2 || parts.length > 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
				throw new IllegalArgumentException("purista.lambda.commands entry '" + entry
						+ "' is not <service>.<command> or <service>.<version>.<command>");
			}
			parsed.add(parts);
		}
		return new ServedCommands(List.copyOf(parsed));
	}

	/**
	 * Whether every command is served.
	 * @return {@code true} when no entries are configured
	 */
	boolean all() {
		return this.entries.isEmpty();
	}

	/**
	 * Whether a command is served.
	 * @param address the command address
	 * @return {@code true} when it is served
	 */
	boolean serves(MessageAddress address) {
		return all() || this.entries.stream().anyMatch((entry) -> matches(entry, address));
	}

	/**
	 * The first entry that none of the given commands matches.
	 * @param commands the commands the application defines
	 * @return the entry, or {@code null} when every entry matches a command
	 */
	@Nullable String firstUnmatched(List<MessageAddress> commands) {
		for (String[] entry : this.entries) {
			if (commands.stream().noneMatch((command) -> matches(entry, command))) {
				return String.join(".", entry);
			}
		}
		return null;
	}

	private static boolean matches(String[] entry, MessageAddress address) {
		String service = entry[0];
		String command = entry[entry.length - 1];
		return equal(service, address.serviceName()) && equal(command, address.serviceTarget())
				&& (entry.length == 2 || equal(entry[1], address.serviceVersion()));
	}

	private static boolean equal(String a, @Nullable String b) {
		return b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
	}

}
