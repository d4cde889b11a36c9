package dev.purista.boot;

import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * purista-spring-boot-autoconfigure against PURISTA's architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(PuristaProperties.class);
	}

}
