package dev.purista.core.queue;

import org.jspecify.annotations.Nullable;

/**
 * Current figures of one queue.
 *
 * @param pending jobs waiting (due or scheduled)
 * @param inflight jobs leased
 * @param deadLetter jobs dead-lettered
 * @param retries retries counted so far
 * @param oldestAgeMs age of the oldest waiting job in milliseconds, {@code null} when none waits
 */
public record QueueMetrics(long pending, long inflight, long deadLetter, long retries, @Nullable Long oldestAgeMs) {

}
