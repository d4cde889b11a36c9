package dev.purista.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InMemoryEventBridgeInProductionException}.
 */
class InMemoryEventBridgeInProductionFailureAnalyzer
		extends AbstractFailureAnalyzer<InMemoryEventBridgeInProductionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InMemoryEventBridgeInProductionException cause) {
		return new FailureAnalysis("The production profile is active, but PURISTA's event bridge is in-memory "
				+ "(purista.event-bridge.type=in-memory): commands and events would never leave this process, "
				+ "other instances would not see them, and messages in flight would be lost on restart.",
				"Use a broker event bridge (purista.event-bridge.type=amqp with "
						+ "dev.purista:purista-spring-boot-starter-amqp), or, if one process is really all you run, "
						+ "set purista.production.allow-in-memory=true.",
				cause);
	}

}
