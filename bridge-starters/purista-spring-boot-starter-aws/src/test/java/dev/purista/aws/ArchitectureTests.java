package dev.purista.aws;

import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * The AWS starter against PURISTA's architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(AwsSecretStore.class);
	}

}
