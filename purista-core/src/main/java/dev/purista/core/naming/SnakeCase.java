package dev.purista.core.naming;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PURISTA's {@code convertToSnakeCase}, used for MQTT topic and NATS subject segments. The rule is exactly
 * TypeScript's: collect the matches of one regular expression, lowercase them and join them with
 * {@code _}; an input without matches is returned unchanged. The mapping is lossy (different names can
 * collide).
 */
public final class SnakeCase {

	private static final Pattern WORDS = Pattern
		.compile("[A-Z]{2,}(?=[A-Z][a-z]+[0-9]*|\\b)|[A-Z]?[a-z]+[0-9]*|[A-Z]|[0-9]+");

	private SnakeCase() {
	}

	/**
	 * Convert a name as PURISTA does.
	 * @param input the name, e.g. {@code signUp}
	 * @return the snake-case form, e.g. {@code sign_up}
	 */
	public static String convert(String input) {
		Matcher matcher = WORDS.matcher(input);
		StringBuilder result = null;
		while (matcher.find()) {
			if (result == null) {
				result = new StringBuilder(input.length() + 8);
			}
			else {
				result.append('_');
			}
			result.append(matcher.group().toLowerCase(java.util.Locale.ROOT));
		}
		return (result != null) ? result.toString() : input;
	}

}
