package dev.purista.nats.store;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The key-value key of a state name. A name NATS accepts as a key ({@code A-Z a-z 0-9 - _ / = .}, not starting or
 * ending with {@code .}, no empty token) is the key as given, as in TypeScript PURISTA, which accepts no other
 * names; except that a name starting with {@code =} is escaped too. Any other name (such as {@code user:42}) is
 * escaped: {@code =} followed by the name with each byte of its UTF-8 form outside {@code A-Z a-z 0-9 - _ /}
 * written {@code =XX} (upper-case hex), so {@code user:42} is {@code =user=3A42}. Escaped keys start with
 * {@code =}, keys as given never do, so no two names share a key.
 */
public final class NatsStateKeys {

	private static final Pattern VALID = Pattern.compile("[-/_=.A-Za-z0-9]+");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private NatsStateKeys() {
	}

	/**
	 * The key a state name is stored under.
	 * @param name the state name
	 * @return the key
	 */
	public static String key(String name) {
		if (isKeyAsGiven(name)) {
			return name;
		}
		StringBuilder key = new StringBuilder(name.length() + 8).append('=');
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if (isPlain(c)) {
				key.append(c);
			}
			else {
				key.append('=').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
			}
		}
		return key.toString();
	}

	private static boolean isKeyAsGiven(String name) {
		return VALID.matcher(name).matches() && name.charAt(0) != '=' && name.charAt(0) != '.'
				&& name.charAt(name.length() - 1) != '.' && !name.contains("..");
	}

	private static boolean isPlain(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '/';
	}

}
