/**
 * Auto-configuration of PURISTA's Micrometer meters.
 */
@NullMarked
package dev.purista.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
