package dev.purista.core.message;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks and defaults shared by the message records' constructors.
 */
final class MessageFields {

	private MessageFields() {
	}

	static void require(@Nullable Object value, String field) {
		if (value == null) {
			throw new MissingMessageFieldException(field);
		}
	}

	static void requireType(@Nullable MessageType actual, MessageType expected) {
		require(actual, "messageType");
		if (actual != expected) {
			throw new IllegalArgumentException("messageType must be '" + expected + "' but was '" + actual + "'");
		}
	}

	static String contentType(@Nullable String contentType) {
		return (contentType != null) ? contentType : Message.DEFAULT_CONTENT_TYPE;
	}

	static String contentEncoding(@Nullable String contentEncoding) {
		return (contentEncoding != null) ? contentEncoding : Message.DEFAULT_CONTENT_ENCODING;
	}

	static Map<String, Object> extensions(@Nullable Map<String, Object> extensions) {
		return (extensions != null && !extensions.isEmpty()) ? extensions : Map.of();
	}

	/**
	 * Thrown when a message lacks a field PURISTA requires.
	 */
	static final class MissingMessageFieldException extends IllegalArgumentException {

		private final String field;

		MissingMessageFieldException(String field) {
			super("missing required field '" + field + "'");
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
