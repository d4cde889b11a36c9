/**
 * {@link dev.purista.redis.queue.RedisQueueBridge}: PURISTA's queue bridge on Redis, sharing queues with
 * TypeScript PURISTA's {@code RedisQueueBridge}.
 */
@NullMarked
package dev.purista.redis.queue;

import org.jspecify.annotations.NullMarked;
