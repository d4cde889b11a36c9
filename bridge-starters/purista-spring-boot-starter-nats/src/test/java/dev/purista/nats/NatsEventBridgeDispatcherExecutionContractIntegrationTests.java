package dev.purista.nats;

import java.time.Duration;

import dev.purista.core.bridge.EventBridge;
import dev.purista.nats.NatsEventBridgeOptions.HandlerExecution;

/**
 * {@link NatsEventBridge} against the event bridge contract with handlers on the dispatcher thread
 * ({@link HandlerExecution#DISPATCHER}): the opt-in changes where handlers run, not what the bridge does.
 */
class NatsEventBridgeDispatcherExecutionContractIntegrationTests extends NatsEventBridgeContractIntegrationTests {

	@Override
	protected EventBridge createBridge() {
		return nats().bridge(NatsEventBridgeOptions.builder()
			.settleTimeout(Duration.ofMillis(200))
			.handlerExecution(HandlerExecution.DISPATCHER)
			.build());
	}

}
