package dev.purista.aws.lambda;

import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * The Lambda host against PURISTA's architecture rules (it is exempt from the bridge runtime rule: it boots a
 * Spring application by design).
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(PuristaLambdaHandler.class);
	}

}
