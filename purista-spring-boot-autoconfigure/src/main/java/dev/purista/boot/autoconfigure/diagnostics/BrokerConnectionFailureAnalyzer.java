package dev.purista.boot.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link BrokerConnectionFailureException} the way Spring Boot explains a port in use: which broker,
 * the address tried and what happened, then the property to change with an example.
 */
class BrokerConnectionFailureAnalyzer extends AbstractFailureAnalyzer<BrokerConnectionFailureException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BrokerConnectionFailureException cause) {
		String technology = cause.getTechnology();
		Throwable client = (cause.getCause() != null) ? mostSpecific(cause.getCause()) : cause;
		String description = "PURISTA could not connect to " + technology + " at " + cause.getAddress() + ": "
				+ technology + " " + cause.getReason().description() + " (" + client.getClass().getSimpleName()
				+ ((client.getMessage() != null) ? ": " + client.getMessage() : "") + ").";
		String action = switch (cause.getReason()) {
			case AUTHENTICATION -> "Check the credentials PURISTA uses for " + technology + ": set "
					+ cause.getProperties() + ", for example " + cause.getExample() + ".";
			case SETTINGS -> "Check the connection settings PURISTA uses for " + technology + ": set "
					+ cause.getProperties() + ", for example " + cause.getExample() + ".";
			case UNREACHABLE -> "Start " + technology + " at " + cause.getAddress() + ", or point PURISTA at the "
					+ technology + " to use with " + cause.getProperties() + ", for example " + cause.getExample()
					+ ".";
		};
		return new FailureAnalysis(description, action, cause);
	}

	private static Throwable mostSpecific(Throwable failure) {
		Throwable deepest = failure;
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
		}
		return deepest;
	}

}
