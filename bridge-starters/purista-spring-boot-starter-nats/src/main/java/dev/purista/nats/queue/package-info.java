/**
 * PURISTA's queue bridge on NATS JetStream, sharing queues with TypeScript PURISTA's {@code NatsQueueBridge}:
 * {@link dev.purista.nats.queue.NatsQueueBridge}, its names ({@link dev.purista.nats.queue.NatsQueueNames}) and
 * options.
 */
@NullMarked
package dev.purista.nats.queue;

import org.jspecify.annotations.NullMarked;
