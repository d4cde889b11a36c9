/**
 * PURISTA on NATS: the {@link dev.purista.nats.NatsEventBridge}, wire-compatible with TypeScript PURISTA's
 * {@code NatsBridge} (13-token subjects, queue groups, inbox request/reply, broker headers).
 */
@NullMarked
package dev.purista.nats;

import org.jspecify.annotations.NullMarked;
