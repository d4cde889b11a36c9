/**
 * PURISTA's message envelope: one immutable record per message type and the {@link dev.purista.core.message.MessageCodec}
 * that reads and writes PURISTA's exact JSON.
 */
@NullMarked
package dev.purista.core.message;

import org.jspecify.annotations.NullMarked;
