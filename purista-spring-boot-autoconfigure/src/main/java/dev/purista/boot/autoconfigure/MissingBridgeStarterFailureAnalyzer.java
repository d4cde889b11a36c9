package dev.purista.boot.autoconfigure;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.ClassUtils;

import dev.purista.boot.autoconfigure.PuristaComponent.Starter;

/**
 * Explains a {@link MissingBridgeStarterException}. When no released starter provides the selected type: which
 * property to change (no artifact is named). When the selected type's starter is not on the classpath
 * (its auto-configuration class cannot be loaded): which starter to add, or which property to change. When
 * it is: that its auto-configuration did not provide the part, how to see why ({@code --debug}) and what the
 * auto-configuration needs.
 */
class MissingBridgeStarterFailureAnalyzer extends AbstractFailureAnalyzer<MissingBridgeStarterException> {

	private final BiFunction<PuristaComponent, String, @Nullable Starter> starters;

	/**
	 * Create the analyzer for the starters {@link PuristaComponent} knows.
	 */
	public MissingBridgeStarterFailureAnalyzer() {
		this(PuristaComponent::starterFor);
	}

	/**
	 * Create the analyzer with other starters (for tests).
	 * @param starters the starter of a component's type, or {@code null} when none provides it
	 */
	MissingBridgeStarterFailureAnalyzer(BiFunction<PuristaComponent, String, @Nullable Starter> starters) {
		this.starters = starters;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingBridgeStarterException cause) {
		PuristaComponent component = cause.getComponent();
		Starter starter = this.starters.apply(component, cause.getType());
		String selected = "PURISTA's " + component.description() + " type is '" + cause.getType() + "' ("
				+ component.property() + ")";
		String orSetType = component.property() + " to one of " + component.knownTypes() + " (for example "
				+ component.property() + "=" + PuristaProperties.IN_MEMORY
				+ "). The active Spring profile presets this type; a property you set wins.";
		if (starter == null) {
			return new FailureAnalysis(selected + ", but no starter provides that type.", "Set " + orSetType, cause);
		}
		String autoConfiguration = starter.autoConfiguration();
		if (autoConfiguration == null) {
			return new FailureAnalysis(selected + ", but this version of PURISTA has no starter for that type yet.",
					"Set " + orSetType, cause);
		}
		if (!isPresent(autoConfiguration)) {
			return new FailureAnalysis(
					selected + ", but its starter " + starter.coordinates() + " is not on the classpath.",
					"Add the dependency " + starter.coordinates() + ", or set " + orSetType, cause);
		}
		String description = selected + " and its starter " + starter.coordinates()
				+ " is on the classpath, but its auto-configuration " + autoConfiguration + " did not provide a "
				+ component.description() + ".";
		String action = "Run the application with --debug to see in the condition evaluation report why "
				+ ClassUtils.getShortName(autoConfiguration)
				+ " did not provide it (for example it is excluded, or a bean it needs is missing)."
				+ ((starter.requirement() != null) ? " It needs " + starter.requirement() + "." : "")
				+ " Or set " + orSetType;
		return new FailureAnalysis(description, action, cause);
	}

	private boolean isPresent(String className) {
		return ClassUtils.isPresent(className, getClass().getClassLoader());
	}

}
