/**
 * Auto-configuration of the NATS connection health indicator.
 */
@NullMarked
package dev.purista.nats.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
