/**
 * Health of PURISTA's NATS connection.
 */
@NullMarked
package dev.purista.nats.health;

import org.jspecify.annotations.NullMarked;
