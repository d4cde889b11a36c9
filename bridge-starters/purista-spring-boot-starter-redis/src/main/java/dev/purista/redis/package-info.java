/**
 * PURISTA on Redis: stores compatible with TypeScript PURISTA's {@code RedisStateStore} and
 * {@code RedisConfigStore}.
 */
@NullMarked
package dev.purista.redis;

import org.jspecify.annotations.NullMarked;
