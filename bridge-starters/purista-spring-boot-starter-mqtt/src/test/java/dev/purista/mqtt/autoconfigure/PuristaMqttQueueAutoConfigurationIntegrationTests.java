package dev.purista.mqtt.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.health.PuristaHealthAutoConfiguration;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.mqtt.queue.MqttQueueBridge;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PuristaMqttQueueAutoConfiguration} on a real MQTT broker: PURISTA's lifecycle starts the bridge, jobs go
 * through mosquitto, and the {@code queueBridge} member of the {@code purista} health contributor reports the
 * queue's connection. The wiring without a broker is {@link PuristaMqttQueueAutoConfigurationTests}.
 */
class PuristaMqttQueueAutoConfigurationIntegrationTests {

	private static BrokerAddress mqtt;

	@BeforeAll
	static void findBroker() {
		mqtt = BrokerResolution.require(Broker.MQTT);
	}

	@Test
	void mqttQueueTypeSelectsTheStartedMqttQueueBridgeAndHealthReportsItsConnection() {
		String queue = "wiring-" + System.nanoTime();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PuristaMqttAutoConfiguration.class,
					PuristaMqttQueueAutoConfiguration.class, PuristaFoundationAutoConfiguration.class,
					PuristaAutoConfiguration.class, PuristaHealthAutoConfiguration.class))
			.withPropertyValues("purista.queue-bridge.type=mqtt", "purista.mqtt.server-uri=" + mqtt.url(),
					"purista.event-bridge.instance-id=wiring" + System.nanoTime())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MqttQueueBridge bridge = context.getBean(MqttQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge()).isSameAs(bridge);
				assertThat(bridge.isHealthy()).as("started by PURISTA's lifecycle").isTrue();

				EnqueueResult enqueued = bridge.enqueue(EnqueueRequest.of(queue, Map.of("to", "a@b.co")));
				QueueLease lease = bridge.leaseNext(queue, Duration.ofSeconds(10));
				assertThat(lease).isNotNull();
				assertThat(lease.id()).isEqualTo(enqueued.jobId());
				bridge.ack(queue, lease.leaseId());

				HealthIndicator health = (HealthIndicator) context.getBean(PuristaHealthContributor.class)
					.getContributor(PuristaHealthContributor.QUEUE_BRIDGE);
				Health up = health.health();
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("name", MqttQueueBridge.NAME)
					.containsEntry("instanceId", bridge.instanceId())
					.containsEntry("healthy", true);

				bridge.destroy();
				Health down = health.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("healthy", false);
			});
	}

}
