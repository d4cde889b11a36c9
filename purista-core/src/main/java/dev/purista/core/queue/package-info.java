/**
 * Durable background jobs: the {@link dev.purista.core.queue.QueueBridge} SPI, PURISTA's persisted
 * {@link dev.purista.core.queue.QueueMessage} format, retry policy and the in-memory queue bridge.
 */
@NullMarked
package dev.purista.core.queue;

import org.jspecify.annotations.NullMarked;
