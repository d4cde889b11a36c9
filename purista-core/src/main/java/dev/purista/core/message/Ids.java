package dev.purista.core.message;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Id generation as PURISTA does it: message, correlation, trace and instance ids are 32 lowercase hex
 * characters (16 random bytes, like an OpenTelemetry trace id); queue job and lease ids are UUID v4 strings.
 * Ids read from the wire are opaque strings; never parse them.
 */
public final class Ids {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Ids() {
	}

	/**
	 * Return a new 32-lowercase-hex id.
	 * @return the id
	 */
	public static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high;
		long low;
		do {
			high = random.nextLong();
			low = random.nextLong();
		}
		while (high == 0 && low == 0);
		char[] chars = new char[32];
		writeHex(high, chars, 0);
		writeHex(low, chars, 16);
		return new String(chars);
	}

	/**
	 * Return a new UUID v4 string, the id format of queue jobs and leases.
	 * @return the id
	 */
	public static String newUuid() {
		return UUID.randomUUID().toString();
	}

	private static void writeHex(long value, char[] chars, int offset) {
		for (int i = 15; i >= 0; i--) {
			chars[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
