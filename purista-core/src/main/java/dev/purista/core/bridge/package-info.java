/**
 * The {@link dev.purista.core.bridge.EventBridge} SPI: how commands, responses and events travel between
 * services, with declared capabilities.
 */
@NullMarked
package dev.purista.core.bridge;

import org.jspecify.annotations.NullMarked;
