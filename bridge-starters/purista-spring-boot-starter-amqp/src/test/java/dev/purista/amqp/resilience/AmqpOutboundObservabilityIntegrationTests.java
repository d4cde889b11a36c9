package dev.purista.amqp.resilience;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.health.contributor.Health;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.RabbitTestSupport;
import dev.purista.boot.health.EventBridgeHealthIndicator;
import dev.purista.boot.metrics.PuristaOutboundMetrics;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.OutboundStatus;
import dev.purista.core.error.OutboundBufferFullException;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;
import dev.purista.test.broker.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of the AMQP bridge's outbound buffer during an outage, on a real RabbitMQ behind a
 * {@link TcpProxy}: the event bridge health details and the {@code purista.outbound.*} meters count what waits,
 * what was refused and what was published after the reconnect.
 */
class AmqpOutboundObservabilityIntegrationTests {

	private RabbitTestSupport rabbit;

	private TcpProxy proxy;

	private CachingConnectionFactory plain;

	private CachingConnectionFactory confirming;

	private AmqpEventBridge bridge;

	@BeforeEach
	void startBridge() {
		this.rabbit = new RabbitTestSupport();
		this.proxy = new TcpProxy(this.rabbit.address.host(), this.rabbit.address.port()).start();
		this.plain = RabbitTestSupport.connectionFactory("127.0.0.1", this.proxy.port(), this.rabbit.address);
		this.confirming = RabbitTestSupport.connectionFactory("127.0.0.1", this.proxy.port(), this.rabbit.address);
		this.confirming.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		this.bridge = new AmqpEventBridge(this.plain, this.confirming, new MessageCodec(),
				AmqpEventBridgeOptions.builder()
					.settleTimeout(Duration.ofMillis(200))
					.outboundBuffer(new OutboundBufferLimits(2, 1024 * 1024))
					.build());
		this.bridge.start();
	}

	@AfterEach
	void stopBridge() {
		this.proxy.restore();
		this.bridge.destroy();
		this.plain.destroy();
		this.confirming.destroy();
		this.proxy.close();
		this.rabbit.close();
	}

	@Test
	void healthDetailsAndMetersShowWhatWaitsWhatWasRefusedAndWhatWasPublishedAfterTheReconnect() {
		EventBridgeHealthIndicator health = new EventBridgeHealthIndicator(this.bridge);
		MeterRegistry registry = new SimpleMeterRegistry();
		new PuristaOutboundMetrics(this.bridge).bindTo(registry);
		assertThat(outbound(health.health()).bufferedMessages()).isZero();

		this.proxy.cutConnections();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.bridge.isHealthy());
		this.bridge.emitMessage(event());
		this.bridge.emitMessage(event());
		assertThatExceptionOfType(OutboundBufferFullException.class).isThrownBy(() -> this.bridge.emitMessage(event()));

		OutboundStatus during = outbound(health.health());
		assertThat(during.bufferedMessages()).isEqualTo(2);
		assertThat(during.rejected()).isEqualTo(1);
		assertThat(during.limits().maxMessages()).isEqualTo(2);
		assertThat(value(registry, PuristaOutboundMetrics.BUFFERED)).isEqualTo(2);
		assertThat(value(registry, PuristaOutboundMetrics.BUFFERED_BYTES)).isEqualTo(during.bufferedBytes())
			.isPositive();
		assertThat(registry.get(PuristaOutboundMetrics.REJECTED).functionCounter().count()).isEqualTo(1);

		this.proxy.restore();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> registry.get(PuristaOutboundMetrics.PUBLISHED).functionCounter().count() == 2);
		assertThat(value(registry, PuristaOutboundMetrics.BUFFERED)).isZero();
		assertThat(value(registry, PuristaOutboundMetrics.BUFFERED_BYTES)).isZero();
		assertThat(outbound(health.health()).publishedAfterWaiting()).isEqualTo(2);
		assertThat(registry.get(PuristaOutboundMetrics.BUFFERED).gauge().getId().getTag(PuristaOutboundMetrics.BRIDGE_TAG))
			.isEqualTo(AmqpEventBridge.NAME);
	}

	private static OutboundStatus outbound(Health health) {
		Map<String, Object> details = health.getDetails();
		assertThat(details).containsKey("outbound");
		return (OutboundStatus) details.get("outbound");
	}

	private static double value(MeterRegistry registry, String name) {
		return registry.get(name).gauge().value();
	}

	private static dev.purista.core.message.Message event() {
		return Messages.custom(MessageAddress.of("Observed", "1", "emit"), "observedThing", Map.of("n", 1), null, null,
				null, null);
	}

}
