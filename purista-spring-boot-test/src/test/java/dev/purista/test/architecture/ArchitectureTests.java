package dev.purista.test.architecture;

/**
 * purista-spring-boot-test against the architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(ArchitectureRules.class);
	}

}
