/**
 * Test support for Dapr: {@link dev.purista.test.dapr.DaprStateApiEmulator}, a local emulator (not Dapr) of the
 * Dapr sidecar's HTTP state, configuration and secrets APIs and health endpoint, recording every request, with
 * fault injection.
 */
@NullMarked
package dev.purista.test.dapr;

import org.jspecify.annotations.NullMarked;
