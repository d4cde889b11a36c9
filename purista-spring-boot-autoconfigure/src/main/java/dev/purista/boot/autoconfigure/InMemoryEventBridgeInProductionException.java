package dev.purista.boot.autoconfigure;

import dev.purista.core.error.PuristaException;

/**
 * The production profile is active with an in-memory event bridge, which keeps every message inside one
 * process. Explained at start-up by {@link InMemoryEventBridgeInProductionFailureAnalyzer}.
 */
public class InMemoryEventBridgeInProductionException extends PuristaException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 */
	public InMemoryEventBridgeInProductionException() {
		super("The in-memory event bridge is selected while the production profile is active");
	}

}
