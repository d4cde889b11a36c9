package dev.purista.dapr;

import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * The Dapr starter against PURISTA's architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(DaprStateStore.class);
	}

}
