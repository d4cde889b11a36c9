/**
 * Auto-configuration of the NATS event bridge on a connection configured by {@code purista.nats.*}.
 */
@NullMarked
package dev.purista.nats.autoconfigure;

import org.jspecify.annotations.NullMarked;
