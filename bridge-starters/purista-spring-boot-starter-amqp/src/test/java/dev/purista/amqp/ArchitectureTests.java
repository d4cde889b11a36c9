package dev.purista.amqp;

import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * The AMQP starter against PURISTA's architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(AmqpNames.class);
	}

}
