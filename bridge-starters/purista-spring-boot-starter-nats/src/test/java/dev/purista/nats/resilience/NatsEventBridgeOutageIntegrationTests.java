package dev.purista.nats.resilience;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.message.MessageCodec;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.NatsTestSupport;
import dev.purista.test.bridge.AbstractEventBridgeOutageTests;
import dev.purista.test.broker.TcpProxy;

/**
 * {@link NatsEventBridge} against the outage contract, on a real nats-server: the disconnectable bridges connect
 * through a {@link TcpProxy} the suite cuts, while the server keeps running for the others.
 */
class NatsEventBridgeOutageIntegrationTests extends AbstractEventBridgeOutageTests {

	private static NatsTestSupport nats;

	private static TcpProxy proxy;

	@BeforeAll
	static void connect() {
		nats = new NatsTestSupport();
		proxy = new TcpProxy(nats.address.host(), nats.address.port()).start();
	}

	@AfterAll
	static void closeProxy() {
		if (proxy != null) {
			proxy.close();
		}
		if (nats != null) {
			// the suite's durable subscription created a stream named after its "outage…" prefix
			nats.deleteStreams("outage");
		}
	}

	@Override
	protected EventBridge createBridge() {
		return new NatsEventBridge(nats.options(), new MessageCodec(), options(OutboundBufferLimits.DEFAULTS));
	}

	@Override
	protected EventBridge createDisconnectableBridge(OutboundBufferLimits limits) {
		return new NatsEventBridge(nats.options(proxy.port()), new MessageCodec(), options(limits));
	}

	@Override
	protected void disconnect() {
		proxy.cutConnections();
	}

	@Override
	protected void reconnect() {
		proxy.restore();
	}

	private static NatsEventBridgeOptions options(OutboundBufferLimits limits) {
		return NatsEventBridgeOptions.builder()
			.settleTimeout(Duration.ofMillis(200))
			.outboundBuffer(limits)
			.build();
	}

}
