package dev.purista.redis;

import dev.purista.test.architecture.AbstractArchitectureTests;

/**
 * The Redis starter against PURISTA's architecture rules.
 */
class ArchitectureTests extends AbstractArchitectureTests {

	ArchitectureTests() {
		super(RedisHealth.class);
	}

}
