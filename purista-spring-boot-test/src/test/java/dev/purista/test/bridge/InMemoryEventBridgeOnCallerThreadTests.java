package dev.purista.test.bridge;

import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions.HandlerExecution;

/**
 * The in-memory event bridge with the opt-in caller-thread handler execution against the event bridge
 * contract: only where handlers run changes, not what callers and subscribers see.
 */
class InMemoryEventBridgeOnCallerThreadTests extends InMemoryEventBridgeTests {

	@Override
	protected InMemoryEventBridgeOptions options() {
		return InMemoryEventBridgeOptions.builder().handlerExecution(HandlerExecution.CALLER_THREAD).build();
	}

}
