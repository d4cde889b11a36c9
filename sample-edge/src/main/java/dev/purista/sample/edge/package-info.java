/**
 * The edge sample: a sensor service for constrained devices, run with the {@code edge} profile.
 */
@NullMarked
package dev.purista.sample.edge;

import org.jspecify.annotations.NullMarked;
