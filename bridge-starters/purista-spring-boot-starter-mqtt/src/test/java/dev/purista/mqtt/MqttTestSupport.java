package dev.purista.mqtt;

import dev.purista.core.message.MessageCodec;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

/**
 * The MQTT broker found by {@link BrokerResolution} ({@code PURISTA_TEST_MQTT_URL}; skipped without one, failing
 * in CI), with bridges on it.
 */
public final class MqttTestSupport {

	/** Where the broker runs. */
	public final BrokerAddress address;

	/**
	 * Find the MQTT broker {@link BrokerResolution} finds.
	 */
	public MqttTestSupport() {
		this.address = BrokerResolution.require(Broker.MQTT);
	}

	/**
	 * The broker as the bridge addresses it.
	 * @return the server
	 */
	public MqttServer server() {
		return new MqttServer(this.address.host(), this.address.port(), this.address.username(),
				this.address.password());
	}

	/**
	 * Create a bridge on the broker.
	 * @param options the bridge's options
	 * @return the bridge, not started
	 */
	public MqttEventBridge bridge(MqttEventBridgeOptions options) {
		return new MqttEventBridge(server(), new MessageCodec(), options);
	}

}
