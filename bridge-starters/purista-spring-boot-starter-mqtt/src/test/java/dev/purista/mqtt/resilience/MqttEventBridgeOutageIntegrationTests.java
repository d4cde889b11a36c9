package dev.purista.mqtt.resilience;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.message.MessageCodec;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttServer;
import dev.purista.mqtt.MqttTestSupport;
import dev.purista.test.bridge.AbstractEventBridgeOutageTests;
import dev.purista.test.broker.TcpProxy;

/**
 * {@link MqttEventBridge} against the outage contract, on a real mosquitto: the disconnectable bridges connect
 * (both of their connections) through a {@link TcpProxy} the suite cuts, while the broker keeps running for the
 * others.
 */
class MqttEventBridgeOutageIntegrationTests extends AbstractEventBridgeOutageTests {

	private static MqttTestSupport mqtt;

	private static TcpProxy proxy;

	@BeforeAll
	static void startProxy() {
		mqtt = new MqttTestSupport();
		proxy = new TcpProxy(mqtt.address.host(), mqtt.address.port()).start();
	}

	@AfterAll
	static void closeProxy() {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Override
	protected EventBridge createBridge() {
		return mqtt.bridge(options(OutboundBufferLimits.DEFAULTS));
	}

	@Override
	protected EventBridge createDisconnectableBridge(OutboundBufferLimits limits) {
		MqttServer server = mqtt.server();
		return new MqttEventBridge(new MqttServer("127.0.0.1", proxy.port(), server.username(), server.password()),
				new MessageCodec(), options(limits));
	}

	@Override
	protected void disconnect() {
		proxy.cutConnections();
	}

	@Override
	protected void reconnect() {
		proxy.restore();
	}

	private static MqttEventBridgeOptions options(OutboundBufferLimits limits) {
		return MqttEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).outboundBuffer(limits).build();
	}

}
