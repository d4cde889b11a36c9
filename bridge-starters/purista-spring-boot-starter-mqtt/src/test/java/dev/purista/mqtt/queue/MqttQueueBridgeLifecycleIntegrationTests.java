package dev.purista.mqtt.queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.reactivex.plugins.RxJavaPlugins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.message.MessageCodec;
import dev.purista.mqtt.MqttTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens after {@link MqttQueueBridge#destroy()} against the real mosquitto.
 */
class MqttQueueBridgeLifecycleIntegrationTests {

	private final MqttTestSupport support = new MqttTestSupport();

	private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();

	@AfterEach
	void resetErrorHandler() {
		RxJavaPlugins.setErrorHandler(null);
	}

	@Test
	void theClientsSessionEndAfterDestroyReportsNoUndeliverableError() {
		RxJavaPlugins.setErrorHandler(this.undeliverable::add);
		MqttQueueBridge bridge = new MqttQueueBridge(this.support.server(), new MessageCodec(),
				MqttQueueBridgeOptions.builder().sessionExpiry(Duration.ofSeconds(1)).build());
		bridge.start();
		assertThat(bridge.leaseNext("lifecycle", Duration.ZERO)).isNull();
		bridge.destroy();

		// the MQTT client ends its local session one session expiry after the disconnect
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(this.undeliverable::isEmpty);
	}

}
