package dev.purista.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingBridgeStarterException}: which starter to add, or which property to change.
 */
class MissingBridgeStarterFailureAnalyzer extends AbstractFailureAnalyzer<MissingBridgeStarterException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingBridgeStarterException cause) {
		PuristaComponent component = cause.getComponent();
		String starter = component.starterFor(cause.getType());
		String description = "PURISTA's " + component.description() + " type is '" + cause.getType() + "' ("
				+ component.property() + "), but "
				+ ((starter != null) ? "its starter dev.purista:" + starter + " is not on the classpath."
						: "no starter provides that type.");
		String action = ((starter != null) ? "Add the dependency dev.purista:" + starter + ", or set "
				: "Set ") + component.property() + " to one of " + component.knownTypes() + " (for example "
				+ component.property() + "=" + PuristaProperties.IN_MEMORY
				+ "). The active Spring profile presets this type; a property you set wins.";
		return new FailureAnalysis(description, action, cause);
	}

}
