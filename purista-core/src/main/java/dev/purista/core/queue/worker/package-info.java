/**
 * The queue worker runtime: leases jobs from a {@link dev.purista.core.queue.QueueBridge}, runs a
 * {@link dev.purista.core.queue.worker.QueueJobHandler} per job, extends leases while it runs, and acks,
 * retries or dead-letters the job by its {@link dev.purista.core.queue.worker.JobResult}.
 */
@NullMarked
package dev.purista.core.queue.worker;

import org.jspecify.annotations.NullMarked;
