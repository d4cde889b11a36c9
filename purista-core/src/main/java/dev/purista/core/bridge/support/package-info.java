/**
 * Building blocks shared by event bridge implementations: pending invocations and in-flight tracking.
 */
@NullMarked
package dev.purista.core.bridge.support;

import org.jspecify.annotations.NullMarked;
