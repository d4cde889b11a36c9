package dev.purista.core.bridge;

import org.jspecify.annotations.Nullable;

/**
 * Delivery options of a command registration (PURISTA's command {@code eventBridgeConfig}) and its
 * metadata for {@code infoServiceFunctionAdded}.
 *
 * @param durable whether commands survive a broker restart (bridges that support it)
 * @param autoacknowledge whether commands are acknowledged on receipt rather than after handling
 * @param metadata the command metadata (the {@code infoServiceFunctionAdded} payload), or {@code null}
 */
public record CommandOptions(boolean durable, boolean autoacknowledge, @Nullable Object metadata) {

	/** PURISTA's defaults: not durable, auto-acknowledged, no metadata. */
	public static final CommandOptions DEFAULTS = new CommandOptions(false, true, null);

}
