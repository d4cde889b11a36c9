/**
 * In-memory state, config and secret stores: PURISTA's {@code DefaultStateStore}, {@code DefaultConfigStore}
 * and {@code DefaultSecretStore}, for tests, development and single-instance deployments.
 */
@NullMarked
package dev.purista.core.store.memory;

import org.jspecify.annotations.NullMarked;
