package dev.purista.mqtt.queue;

/**
 * Where a job recorded in the ledger is.
 */
enum LedgerState {

	/** Published on the jobs topic, not received by an instance yet. */
	QUEUED,

	/** Received by its holder, waiting there until it is due and leased. */
	HELD,

	/** Leased by a worker of its holder. */
	LEASED,

	/** Acked or dead-lettered: the record was cleared (kept a while in memory to ignore older copies). */
	SETTLED

}
