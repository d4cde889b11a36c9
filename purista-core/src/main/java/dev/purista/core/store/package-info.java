/**
 * State, config and secret stores: the SPIs, PURISTA's enable flags, and the JSON key-value base that state and
 * config stores of every technology share ({@link dev.purista.core.store.KeyValueStorage} under
 * {@link dev.purista.core.store.KeyValueStateStore} and {@link dev.purista.core.store.KeyValueConfigStore}).
 */
@NullMarked
package dev.purista.core.store;

import org.jspecify.annotations.NullMarked;
