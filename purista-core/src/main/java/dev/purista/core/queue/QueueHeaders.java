package dev.purista.core.queue;

/**
 * Header names PURISTA reserves on queue jobs.
 */
public final class QueueHeaders {

	/** The reason of the last retry. */
	public static final String LAST_RETRY_REASON = "x-purista-last-retry-reason";

	/** The reason a job was dead-lettered. */
	public static final String DEAD_LETTER_REASON = "x-purista-dead-letter-reason";

	/** The principal the job runs for. */
	public static final String PRINCIPAL_ID = "purista.principalId";

	/** The tenant the job belongs to. */
	public static final String TENANT_ID = "purista.tenantId";

	/** A run id grouping jobs. */
	public static final String RUN_ID = "purista.runId";

	/** The event that caused the job (event-to-queue bindings). */
	public static final String SOURCE_EVENT_NAME = "purista.sourceEventName";

	/** The message that caused the job (event-to-queue bindings). */
	public static final String SOURCE_MESSAGE_ID = "purista.sourceMessageId";

	/** Reason used when a lease expired. */
	public static final String REASON_LEASE_EXPIRED = "lease_expired";

	/** Reason used when a job ran out of attempts. */
	public static final String REASON_MAX_ATTEMPTS_EXCEEDED = "max_attempts_exceeded";

	/** Reason used when a job ran out of its retry window. */
	public static final String REASON_RETRY_WINDOW_EXPIRED = "retry_window_expired";

	private QueueHeaders() {
	}

}
