/**
 * The sample as one Spring Boot process.
 */
@NullMarked
package dev.purista.sample.monolith;

import org.jspecify.annotations.NullMarked;
