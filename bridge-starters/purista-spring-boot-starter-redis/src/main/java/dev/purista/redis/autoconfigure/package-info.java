/**
 * Auto-configuration of PURISTA's Redis stores.
 */
@NullMarked
package dev.purista.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
