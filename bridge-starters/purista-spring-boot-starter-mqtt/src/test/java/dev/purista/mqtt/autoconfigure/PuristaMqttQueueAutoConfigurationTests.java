package dev.purista.mqtt.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.mqtt.MqttServer;
import dev.purista.mqtt.autoconfigure.PuristaMqttAutoConfigurationTests.UnconnectedConfiguration;
import dev.purista.mqtt.queue.MqttQueueBridge;
import dev.purista.mqtt.queue.MqttQueueBridgeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaMqttQueueAutoConfiguration} without a broker: PURISTA's connection lifecycle does not
 * start, so the bridge never connects. What needs a broker is
 * {@link PuristaMqttQueueAutoConfigurationIntegrationTests}.
 */
class PuristaMqttQueueAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaMqttAutoConfiguration.class,
				PuristaMqttQueueAutoConfiguration.class, PuristaFoundationAutoConfiguration.class))
		.withUserConfiguration(UnconnectedConfiguration.class);

	@Test
	void mqttQueueTypeSelectsTheMqttQueueBridgeWithOptionsFromTheProperties() {
		this.runner
			.withPropertyValues("purista.queue-bridge.type=mqtt", "purista.event-bridge.instance-id=wiring-instance",
					"purista.mqtt.topic-prefix=wiring", "purista.mqtt.operation-timeout=4s",
					"purista.mqtt.queue.share-group=workers", "purista.mqtt.queue.session-expiry=1m",
					"purista.mqtt.queue.member-timeout=5s", "purista.mqtt.queue.assign-timeout=7s",
					"purista.mqtt.queue.default-max-attempts=3", "purista.mqtt.queue.default-lease-ttl=20s")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MqttQueueBridge.class);
				MqttQueueBridge bridge = context.getBean(MqttQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge()).isSameAs(bridge);
				assertThat(bridge.instanceId()).isEqualTo("wiring-instance");
				MqttQueueBridgeOptions options = bridge.options();
				assertThat(options.topicPrefix()).isEqualTo("wiring");
				assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(options.shareGroup()).isEqualTo("workers");
				assertThat(options.sessionExpiry()).isEqualTo(Duration.ofMinutes(1));
				assertThat(options.memberTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(options.assignTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(options.defaultMaxAttempts()).isEqualTo(3);
				assertThat(options.defaultLeaseTtl()).isEqualTo(Duration.ofSeconds(20));
				assertThat(bridge.topics().sharedJobs("emails")).isEqualTo("$share/workers/wiring/queue/emails/jobs");
				assertThat(bridge.isReady()).as("not started: no broker was contacted").isFalse();
				assertThat(context).doesNotHaveBean(dev.purista.mqtt.MqttEventBridge.class);
			});
	}

	@Test
	void defaultsNeedNoQueueProperties() {
		this.runner.withPropertyValues("purista.queue-bridge.type=mqtt").run((context) -> {
			MqttQueueBridge bridge = context.getBean(MqttQueueBridge.class);
			assertThat(bridge.options()).isEqualTo(MqttQueueBridgeOptions.defaults());
			assertThat(bridge.server()).isEqualTo(new MqttServer("localhost", 1883, null, null));
			assertThat(bridge.instanceId()).as("random, as the event bridge's").isNotBlank();
		});
	}

	@Test
	void brokerComesFromTheMqttPropertiesOrTheEventBridgesServerWhenBothAreMqtt() {
		this.runner
			.withPropertyValues("purista.queue-bridge.type=mqtt", "purista.mqtt.server-uri=tcp://u:p@broker:1999",
					"purista.mqtt.password=secret")
			.run((context) -> assertThat(context.getBean(MqttQueueBridge.class).server())
				.isEqualTo(new MqttServer("broker", 1999, "u", "secret")));
		this.runner
			.withPropertyValues("purista.event-bridge.type=mqtt", "purista.queue-bridge.type=mqtt",
					"purista.mqtt.server-uri=tcp://broker:1999")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MqttServer.class);
				assertThat(context.getBean(MqttQueueBridge.class).server()).isSameAs(context.getBean(MqttServer.class));
			});
	}

	@Test
	void otherQueueTypesLeaveTheInMemoryQueueBridge() {
		this.runner.withPropertyValues("purista.event-bridge.type=mqtt").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MqttQueueBridge.class);
			assertThat(context.getBean(QueueBridge.class)).isInstanceOf(InMemoryQueueBridge.class);
		});
	}

}
