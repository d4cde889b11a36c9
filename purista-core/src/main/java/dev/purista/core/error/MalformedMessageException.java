package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A message could not be read as a PURISTA message: invalid JSON, a missing required field, an unknown
 * {@code messageType}. The text names what is wrong (and the message id when it could be read), never the
 * payload.
 */
public class MalformedMessageException extends PuristaException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String messageId;

	/**
	 * Create the exception.
	 * @param reason what is wrong
	 * @param messageId the message id if it could be read
	 * @param cause the parser's exception
	 */
	public MalformedMessageException(String reason, @Nullable String messageId, @Nullable Throwable cause) {
		super("malformed PURISTA message" + ((messageId != null) ? " " + messageId : "") + ": " + reason, cause);
		this.messageId = messageId;
	}

	/**
	 * The id of the malformed message, if it could be read.
	 * @return the id or {@code null}
	 */
	public @Nullable String getMessageId() {
		return this.messageId;
	}

}
