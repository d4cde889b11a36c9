/**
 * The contract every {@link dev.purista.core.queue.QueueBridge} must pass:
 * {@link dev.purista.test.queue.AbstractQueueBridgeTests}.
 */
@NullMarked
package dev.purista.test.queue;

import org.jspecify.annotations.NullMarked;
