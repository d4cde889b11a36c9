/**
 * The contract every {@link dev.purista.core.bridge.EventBridge} must pass:
 * {@link dev.purista.test.bridge.AbstractEventBridgeTests}.
 */
@NullMarked
package dev.purista.test.bridge;

import org.jspecify.annotations.NullMarked;
