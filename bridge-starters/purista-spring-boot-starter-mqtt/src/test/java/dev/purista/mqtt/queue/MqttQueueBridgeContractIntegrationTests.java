package dev.purista.mqtt.queue;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.mqtt.MqttTestSupport;
import dev.purista.test.queue.AbstractQueueBridgeTests;

/**
 * {@link AbstractQueueBridgeTests} against the real mosquitto of {@code scripts/brokers.sh} (persistence on):
 * the cases the bridge's capabilities allow run; those that need idempotency enforcement, lease inspection or
 * queue metrics are skipped by the suite.
 */
class MqttQueueBridgeContractIntegrationTests extends AbstractQueueBridgeTests {

	private final MqttTestSupport support = new MqttTestSupport();

	@Override
	protected QueueBridge createBridge() {
		return new MqttQueueBridge(this.support.server(), new MessageCodec(), MqttQueueBridgeOptions.builder()
			.topicPrefix("contract")
			.build());
	}

}
