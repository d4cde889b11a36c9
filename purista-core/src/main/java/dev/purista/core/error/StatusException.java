package dev.purista.core.error;

import org.jspecify.annotations.Nullable;

/**
 * An exception carrying a PURISTA status, an optional data object and the business trace id: the common
 * base of {@link HandledException} and {@link UnhandledException}.
 */
public abstract class StatusException extends PuristaException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient @Nullable Object data;

	private final @Nullable String traceId;

	protected StatusException(int status, @Nullable String message, @Nullable Object data, @Nullable String traceId,
			@Nullable Throwable cause) {
		super((message != null) ? message : StatusCode.messageFor(status), cause);
		this.status = status;
		this.data = data;
		this.traceId = traceId;
	}

	/**
	 * The status code (HTTP semantics).
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Details for the caller, if any.
	 * @return the data or {@code null}
	 */
	public @Nullable Object getData() {
		return this.data;
	}

	/**
	 * The business trace id of the message that failed, if known.
	 * @return the trace id or {@code null}
	 */
	public @Nullable String getTraceId() {
		return this.traceId;
	}

	/**
	 * Whether the error is meant for the caller.
	 * @return {@code true} for {@link HandledException}
	 */
	public abstract boolean isHandled();

}
