package dev.purista.test.architecture;

import dev.purista.core.message.MessageCodec;

/**
 * purista-core against the architecture rules (core cannot depend on this module, so it is checked here).
 */
class CoreArchitectureTests extends AbstractArchitectureTests {

	CoreArchitectureTests() {
		super(MessageCodec.class);
	}

}
