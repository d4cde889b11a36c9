package dev.purista.mqtt.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaConnections;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.boot.autoconfigure.diagnostics.BrokerConnectionFailureDescriber;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.autoconfigure.health.MqttConnectionHealthIndicator;
import dev.purista.mqtt.autoconfigure.health.PuristaMqttHealthAutoConfiguration;
import dev.purista.mqtt.MqttEventBridgeOptions;
import dev.purista.mqtt.MqttServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaMqttAutoConfiguration} without a broker: PURISTA's connection lifecycle does not start,
 * so the bridge never connects. What needs a broker is {@link PuristaMqttAutoConfigurationIntegrationTests}.
 */
class PuristaMqttAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaMqttAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class))
		.withUserConfiguration(UnconnectedConfiguration.class);

	@Test
	void mqttTypeSelectsTheMqttEventBridgeWithOptionsFromTheProperties() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=mqtt", "purista.event-bridge.instance-id=wiring-instance",
					"purista.event-bridge.default-command-timeout=12s", "purista.mqtt.topic-prefix=wiring",
					"purista.mqtt.share-group=workers", "purista.mqtt.message-expiry=1h",
					"purista.mqtt.session-expiry=30s", "purista.mqtt.handler-threads=3",
					"purista.mqtt.settle-timeout=1s", "purista.mqtt.operation-timeout=4s")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MqttEventBridge.class);
				MqttEventBridge bridge = context.getBean(MqttEventBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).eventBridge()).isSameAs(bridge);
				MqttEventBridgeOptions options = bridge.options();
				assertThat(bridge.instanceId()).as("also the MQTT client identifier").isEqualTo("wiring-instance");
				assertThat(options.defaultCommandTimeout()).isEqualTo(Duration.ofSeconds(12));
				assertThat(options.topicPrefix()).isEqualTo("wiring");
				assertThat(options.shareGroup()).isEqualTo("workers");
				assertThat(options.messageExpiry()).isEqualTo(Duration.ofHours(1));
				assertThat(options.sessionExpiry()).isEqualTo(Duration.ofSeconds(30));
				assertThat(options.handlerThreads()).isEqualTo(3);
				assertThat(options.settleTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(bridge.isReady()).as("not started: no broker was contacted").isFalse();
			});
	}

	@Test
	void serverComesFromTheUriAndCredentialPropertiesTakePrecedenceOverItsUserInfo() {
		this.runner.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.server-uri=tcp://u:p@broker:1999")
			.run((context) -> assertThat(context.getBean(MqttServer.class))
				.isEqualTo(new MqttServer("broker", 1999, "u", "p")));
		this.runner
			.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.server-uri=tcp://u:p@broker",
					"purista.mqtt.username=alice", "purista.mqtt.password=secret")
			.run((context) -> assertThat(context.getBean(MqttServer.class))
				.isEqualTo(new MqttServer("broker", 1883, "alice", "secret")));
		this.runner.withPropertyValues("purista.event-bridge.type=mqtt")
			.run((context) -> assertThat(context.getBean(MqttServer.class))
				.isEqualTo(new MqttServer("localhost", 1883, null, null)));
		this.runner.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.server-uri=mqtts://broker")
			.run((context) -> assertThat(context.getBean(MqttServer.class))
				.isEqualTo(new MqttServer("broker", 8883, null, null)));
	}

	@Test
	void sessionOutboundBufferDescriberAndHealthComeFromTheProperties() {
		this.runner.withConfiguration(AutoConfigurations.of(PuristaMqttHealthAutoConfiguration.class))
			.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.clean-start=false",
					"purista.event-bridge.outbound-buffer.max-messages=7",
					"purista.event-bridge.outbound-buffer.max-bytes=4096")
			.run((context) -> {
				MqttEventBridgeOptions options = context.getBean(MqttEventBridge.class).options();
				assertThat(options.cleanStart()).isFalse();
				assertThat(options.outboundBuffer()).isEqualTo(new OutboundBufferLimits(7, 4096));
				assertThat(context.getBean(BrokerConnectionFailureDescriber.class))
					.isInstanceOf(MqttConnectionFailureDescriber.class);
				assertThat(context).hasSingleBean(MqttConnectionHealthIndicator.class);
			});
		this.runner.withPropertyValues("purista.event-bridge.type=mqtt")
			.run((context) -> assertThat(context.getBean(MqttEventBridge.class).options().cleanStart()).isTrue());
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.runner.withConfiguration(AutoConfigurations.of(PuristaMqttHealthAutoConfiguration.class))
			.withPropertyValues("purista.event-bridge.type=mqtt", "management.health.mqtt.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MqttConnectionHealthIndicator.class));
	}

	@Test
	void anUnknownSslBundleFailsTheStartNamingIt() {
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("missing"));
	}

	@Test
	void otherTypesLeaveTheInMemoryBridge() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MqttEventBridge.class).doesNotHaveBean(MqttServer.class);
			assertThat(context.getBean(EventBridge.class)).isInstanceOf(InMemoryEventBridge.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UnconnectedConfiguration {

		@Bean
		PuristaConnections puristaConnections(ServiceEnvironment environment) {
			return new PuristaConnections(environment) {

				@Override
				public boolean isAutoStartup() {
					return false;
				}

			};
		}

	}

}
