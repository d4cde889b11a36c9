package dev.purista.mqtt;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.bridge.EventBridge;
import dev.purista.test.bridge.AbstractEventBridgeTests;

/**
 * {@link MqttEventBridge} against the event bridge contract, on a real MQTT 5 broker (mosquitto). The bridge
 * declares no subscription retries, so the contract skips the retry and dead-letter cases.
 */
class MqttEventBridgeContractIntegrationTests extends AbstractEventBridgeTests {

	private static MqttTestSupport mqtt;

	@BeforeAll
	static void findBroker() {
		mqtt = new MqttTestSupport();
	}

	@Override
	protected EventBridge createBridge() {
		return mqtt.bridge(MqttEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
	}

	@Override
	protected long lateResponses(EventBridge bridge) {
		return ((MqttEventBridge) bridge).lateResponses();
	}

}
