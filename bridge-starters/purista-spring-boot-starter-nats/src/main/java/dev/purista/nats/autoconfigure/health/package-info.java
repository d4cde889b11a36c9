/**
 * The NATS connection health indicator and its auto-configuration (Spring Boot health API).
 */
@NullMarked
package dev.purista.nats.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
