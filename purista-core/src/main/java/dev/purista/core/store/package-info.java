/**
 * State, config and secret stores: the SPIs, PURISTA's enable flags and the in-memory implementations.
 */
@NullMarked
package dev.purista.core.store;

import org.jspecify.annotations.NullMarked;
