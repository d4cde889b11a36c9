/**
 * The architecture rules every PURISTA module keeps ({@link dev.purista.test.architecture.ArchitectureRules}) and
 * the test suite each module extends to check its own classes against them
 * ({@link dev.purista.test.architecture.AbstractArchitectureTests}).
 */
@NullMarked
package dev.purista.test.architecture;

import org.jspecify.annotations.NullMarked;
