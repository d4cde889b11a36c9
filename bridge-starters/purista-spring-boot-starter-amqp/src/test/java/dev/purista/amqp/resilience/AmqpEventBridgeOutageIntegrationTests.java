package dev.purista.amqp.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.RabbitTestSupport;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.message.MessageCodec;
import dev.purista.test.bridge.AbstractEventBridgeOutageTests;
import dev.purista.test.broker.TcpProxy;

/**
 * {@link AmqpEventBridge} against the outage contract, on a real RabbitMQ: the disconnectable bridges' plain and
 * confirming connections run through a {@link TcpProxy} the suite cuts, while the broker keeps running for the
 * others.
 */
class AmqpEventBridgeOutageIntegrationTests extends AbstractEventBridgeOutageTests {

	private static RabbitTestSupport rabbit;

	private static TcpProxy proxy;

	private final List<CachingConnectionFactory> proxiedFactories = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void connect() {
		rabbit = new RabbitTestSupport();
		proxy = new TcpProxy(rabbit.address.host(), rabbit.address.port()).start();
	}

	@AfterAll
	static void disconnectAll() {
		if (proxy != null) {
			proxy.close();
		}
		if (rabbit != null) {
			rabbit.close();
		}
	}

	@Override
	protected EventBridge createBridge() {
		return rabbit.bridge(options(OutboundBufferLimits.DEFAULTS));
	}

	@Override
	protected EventBridge createDisconnectableBridge(OutboundBufferLimits limits) {
		CachingConnectionFactory plain = proxiedConnectionFactory();
		CachingConnectionFactory confirming = proxiedConnectionFactory();
		confirming.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		return new AmqpEventBridge(plain, confirming, new MessageCodec(), options(limits));
	}

	@Override
	protected void disconnect() {
		proxy.cutConnections();
	}

	@Override
	protected void reconnect() {
		proxy.restore();
	}

	@Override
	protected void afterBridgesDestroyed() {
		this.proxiedFactories.forEach(CachingConnectionFactory::destroy);
		this.proxiedFactories.clear();
	}

	private CachingConnectionFactory proxiedConnectionFactory() {
		CachingConnectionFactory connectionFactory = RabbitTestSupport.connectionFactory("127.0.0.1", proxy.port(),
				rabbit.address);
		connectionFactory.setConnectionTimeout(2000);
		this.proxiedFactories.add(connectionFactory);
		return connectionFactory;
	}

	private static AmqpEventBridgeOptions options(OutboundBufferLimits limits) {
		return AmqpEventBridgeOptions.builder()
			.settleTimeout(Duration.ofMillis(200))
			.outboundBuffer(limits)
			.build();
	}

}
