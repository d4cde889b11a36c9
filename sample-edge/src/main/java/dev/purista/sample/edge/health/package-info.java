/**
 * Health over HTTP without a servlet container.
 */
@NullMarked
package dev.purista.sample.edge.health;

import org.jspecify.annotations.NullMarked;
