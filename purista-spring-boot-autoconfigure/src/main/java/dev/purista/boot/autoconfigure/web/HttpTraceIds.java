package dev.purista.boot.autoconfigure.web;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.Ids;

/**
 * The trace id of an HTTP request: the {@code x-trace-id} header when it is a safe token, else a fresh id. A safe
 * token is 1 to 64 characters of {@code [A-Za-z0-9._-]} that is not made of zeros only; this accepts W3C trace ids
 * (32 lowercase hex digits, the all-zero id excluded), UUIDs and PURISTA's own ids, and never lets markup, control
 * characters or oversized values reach responses, logs or messages.
 */
public final class HttpTraceIds {

	/** The longest trace id accepted from a request. */
	public static final int MAX_LENGTH = 64;

	private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

	private static final Pattern ZEROS = Pattern.compile("0+");

	private HttpTraceIds() {
	}

	/**
	 * The trace id to use for a request.
	 * @param header the {@code x-trace-id} header, or {@code null}
	 * @return the header when it is a safe token, otherwise a fresh id
	 */
	public static String of(@Nullable String header) {
		return (header != null && isAccepted(header)) ? header : Ids.newId();
	}

	/**
	 * Whether a header value is accepted as trace id.
	 * @param header the value, or {@code null}
	 * @return {@code true} for a safe token
	 */
	public static boolean isAccepted(@Nullable String header) {
		return header != null && header.length() <= MAX_LENGTH && SAFE_TOKEN.matcher(header).matches()
				&& !ZEROS.matcher(header).matches();
	}

}
