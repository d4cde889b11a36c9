/**
 * Micrometer meters of PURISTA: gauges of the queues this application's workers consume. Tags carry queue
 * and bridge names, never payloads.
 */
@NullMarked
package dev.purista.boot.metrics;

import org.jspecify.annotations.NullMarked;
