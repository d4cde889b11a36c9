package dev.purista.test.bridge;

import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;

/**
 * The in-memory event bridge with isolation switched off (messages and payloads cross as the sender's
 * objects) against the event bridge contract: routing, filters, errors and shutdown behave the same.
 */
class InMemoryEventBridgeWithoutIsolationTests extends InMemoryEventBridgeTests {

	@Override
	protected InMemoryEventBridgeOptions options() {
		return InMemoryEventBridgeOptions.builder().isolation(false).build();
	}

}
