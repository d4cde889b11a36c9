/**
 * PURISTA's state store on a NATS JetStream key-value bucket, sharing values with TypeScript PURISTA's
 * {@code NatsStateStore}: {@link dev.purista.nats.store.NatsStateStore}.
 */
@NullMarked
package dev.purista.nats.store;

import org.jspecify.annotations.NullMarked;
