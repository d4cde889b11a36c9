/**
 * The in-memory event bridge (TypeScript PURISTA's {@code DefaultEventBridge}): all services of one process,
 * or several bridge instances sharing one {@link dev.purista.core.bridge.memory.InMemoryEventHub}.
 */
@NullMarked
package dev.purista.core.bridge.memory;

import org.jspecify.annotations.NullMarked;
