/**
 * The sensor service of the edge sample: readings, the threshold event and batch uploads.
 */
@NullMarked
package dev.purista.sample.edge.sensor;

import org.jspecify.annotations.NullMarked;
