/**
 * The in-memory {@link dev.purista.core.queue.QueueBridge}: jobs live in the process, for monoliths, tests and
 * development.
 */
@NullMarked
package dev.purista.core.queue.memory;

import org.jspecify.annotations.NullMarked;
