/**
 * Name conversions PURISTA uses for topics and subjects.
 */
@NullMarked
package dev.purista.core.naming;

import org.jspecify.annotations.NullMarked;
