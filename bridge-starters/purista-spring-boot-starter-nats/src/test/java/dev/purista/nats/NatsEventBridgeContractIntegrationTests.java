package dev.purista.nats;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.bridge.EventBridge;
import dev.purista.test.bridge.AbstractEventBridgeTests;

/**
 * {@link NatsEventBridge} against the event bridge contract, on a real nats-server.
 */
class NatsEventBridgeContractIntegrationTests extends AbstractEventBridgeTests {

	private static NatsTestSupport nats;

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@Override
	protected EventBridge createBridge() {
		return nats.bridge(NatsEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
	}

	@Override
	protected long lateResponses(EventBridge bridge) {
		return ((NatsEventBridge) bridge).lateResponses();
	}

}
