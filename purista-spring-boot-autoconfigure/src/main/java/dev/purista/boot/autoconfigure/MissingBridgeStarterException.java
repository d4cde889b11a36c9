package dev.purista.boot.autoconfigure;

import dev.purista.core.error.PuristaException;

/**
 * A bridge or store type is selected whose implementation is not on the classpath. Explained at start-up by
 * {@link MissingBridgeStarterFailureAnalyzer}.
 */
public class MissingBridgeStarterException extends PuristaException {

	private static final long serialVersionUID = 1L;

	private final PuristaComponent component;

	private final String type;

	/**
	 * Create the exception.
	 * @param component which part
	 * @param type the selected type
	 */
	public MissingBridgeStarterException(PuristaComponent component, String type) {
		super("The " + component.description() + " type '" + type + "' (" + component.property()
				+ ") is selected, but no " + component.description() + " of that type is available");
		this.component = component;
		this.type = type;
	}

	/**
	 * The part whose type is missing.
	 * @return the component
	 */
	public PuristaComponent getComponent() {
		return this.component;
	}

	/**
	 * The selected type.
	 * @return the type
	 */
	public String getType() {
		return this.type;
	}

}
