/**
 * JMH benchmarks of PURISTA's in-memory paths. Run them from the shaded {@code benchmarks/target/benchmarks.jar}
 * (see {@code benchmarks/README.md}).
 */
@NullMarked
package dev.purista.benchmarks;

import org.jspecify.annotations.NullMarked;
