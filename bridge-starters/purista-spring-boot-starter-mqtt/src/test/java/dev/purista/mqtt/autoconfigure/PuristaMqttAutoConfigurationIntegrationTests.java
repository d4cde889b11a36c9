package dev.purista.mqtt.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.mqtt.MqttClientCustomizer;
import dev.purista.mqtt.MqttEventBridge;
import dev.purista.mqtt.PrivateMosquitto;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PuristaMqttAutoConfiguration} on a real MQTT broker: the started bridge connects and services answer over
 * MQTT. The wiring without a broker is {@link PuristaMqttAutoConfigurationTests}.
 */
class PuristaMqttAutoConfigurationIntegrationTests {

	private static BrokerAddress mqtt;

	@BeforeAll
	static void findBroker() {
		mqtt = BrokerResolution.require(Broker.MQTT);
	}

	@Test
	void mqttTypeSelectsTheMqttEventBridgeAndServicesAnswerOverMqtt() {
		String service = "Wiring" + System.nanoTime();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PuristaMqttAutoConfiguration.class,
					PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class))
			.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.server-uri=" + mqtt.url(),
					"purista.event-bridge.instance-id=wiring" + System.nanoTime())
			.withBean(ServiceDefinition.class, () -> ServiceBuilder.service(service, "1")
				.command("echo")
				.handler((payload, parameter, context) -> payload)
				.build())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MqttEventBridge bridge = context.getBean(MqttEventBridge.class);
				ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
				assertThat(environment.eventBridge()).isSameAs(bridge);
				assertThat(bridge.isHealthy()).isTrue();
				PuristaInvoker invoker = new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
				Object answer = invoker
					.invoke(MessageAddress.of(service, "1", "echo"), Map.of("hello", "mqtt"), null, Object.class,
							Duration.ofSeconds(10), Identity.NONE)
					.join();
				assertThat(answer).isEqualTo(Map.of("hello", "mqtt"));
			});
	}

	@Test
	void credentialsReachAPasswordProtectedBrokerAndCustomizersAdjustBothConnections() {
		List<String> customized = new CopyOnWriteArrayList<>();
		String instance = "credentials" + System.nanoTime();
		try (PrivateMosquitto broker = PrivateMosquitto.passwordProtected()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(PuristaMqttAutoConfiguration.class,
						PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class))
				.withPropertyValues("purista.event-bridge.type=mqtt", "purista.mqtt.server-uri=" + broker.uri(),
						"purista.mqtt.username=" + PrivateMosquitto.USERNAME,
						"purista.mqtt.password=" + PrivateMosquitto.PASSWORD,
						"purista.event-bridge.instance-id=" + instance)
				.withBean(MqttClientCustomizer.class, () -> (builder, identifier) -> customized.add(identifier))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(MqttEventBridge.class).isHealthy()).isTrue();
					assertThat(customized).containsExactlyInAnyOrder(instance, instance + "-shared");
				});
		}
	}


	@Test
	void tlsWithTheSslBundleReachesABrokerWithATestCaCertificate() {
		try (PrivateMosquitto broker = PrivateMosquitto.withTls()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(PuristaMqttAutoConfiguration.class,
						PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class,
						SslAutoConfiguration.class))
				.withPropertyValues("purista.event-bridge.type=mqtt",
						"purista.mqtt.server-uri=mqtts://127.0.0.1:" + broker.port(), "purista.mqtt.ssl.bundle=mqtt",
						"spring.ssl.bundle.pem.mqtt.truststore.certificate=file:" + broker.caCertificate(),
						"purista.event-bridge.instance-id=tls" + System.nanoTime())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(MqttEventBridge.class).isHealthy()).isTrue();
				});
		}
	}

}
