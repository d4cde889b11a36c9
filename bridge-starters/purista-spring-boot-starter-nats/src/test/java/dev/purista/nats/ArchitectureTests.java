package dev.purista.nats;

import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * The NATS starter against PURISTA's architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(NatsSubjects.class);
	}

}
