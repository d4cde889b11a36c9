package dev.purista.mqtt.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.TestSocketUtils;

import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.mqtt.PrivateMosquitto;
import dev.purista.test.boot.StartupFailureReport;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static dev.purista.test.boot.StartupFailureReport.action;
import static dev.purista.test.boot.StartupFailureReport.description;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the MQTT event bridge that cannot connect ends at once with a failure analysis naming MQTT,
 * the address tried, why, the properties to change and an example, as Spring Boot reports it: an unreachable
 * broker, refused credentials (a password-protected mosquitto of the test's own), TLS to a plain broker, a TLS
 * broker whose certificate the JVM does not trust.
 */
@ExtendWith(OutputCaptureExtension.class)
class MqttStartupFailureIntegrationTests {

	/** A refused connection needs no timeout; a generous bound. */
	private static final Duration BOUND = Duration.ofSeconds(15);

	@Test
	void unreachableBrokerIsExplainedWithTheAddressAndTheProperties(CapturedOutput output) {
		int port = TestSocketUtils.findAvailableTcpPort();
		long started = System.nanoTime();
		StartupFailureReport.runExpectingFailure(Application.class, "--purista.event-bridge.type=mqtt",
				"--purista.mqtt.server-uri=tcp://127.0.0.1:" + port);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("MQTT", "127.0.0.1:" + port, "cannot be reached");
		assertThat(action(output)).contains("purista.mqtt.server-uri", "purista.mqtt.operation-timeout",
				"for example purista.mqtt.server-uri=tcp://mosquitto.internal:1883");
		assertThat(took).isLessThan(BOUND);
	}

	@Test
	void refusedCredentialsAreExplained(CapturedOutput output) {
		try (PrivateMosquitto broker = PrivateMosquitto.passwordProtected()) {
			StartupFailureReport.runExpectingFailure(Application.class, "--purista.event-bridge.type=mqtt",
					"--purista.mqtt.server-uri=" + broker.uri(),
					"--purista.mqtt.username=" + PrivateMosquitto.USERNAME,
					"--purista.mqtt.password=wrong");

			assertThat(description(output)).contains("MQTT", "127.0.0.1:" + broker.port(), "refused the credentials");
			assertThat(action(output)).contains("purista.mqtt.username", "purista.mqtt.password");
		}
	}

	@Test
	void tlsToAPlainBrokerIsExplainedAsSettings(CapturedOutput output) {
		BrokerAddress mqtt = BrokerResolution.require(Broker.MQTT);
		StartupFailureReport.runExpectingFailure(Application.class, "--purista.event-bridge.type=mqtt",
				"--purista.mqtt.server-uri=" + mqtt.url(), "--purista.mqtt.ssl.enabled=true",
				"--purista.mqtt.operation-timeout=5s");

		assertThat(description(output)).contains("MQTT", "did not accept the connection settings");
		assertThat(action(output)).contains("purista.mqtt.ssl.enabled", "purista.mqtt.ssl.bundle");
	}

	@Test
	void untrustedBrokerCertificateIsExplainedAsSettings(CapturedOutput output) {
		try (PrivateMosquitto broker = PrivateMosquitto.withTls()) {
			StartupFailureReport.runExpectingFailure(Application.class, "--purista.event-bridge.type=mqtt",
					"--purista.mqtt.server-uri=mqtts://127.0.0.1:" + broker.port());

			assertThat(description(output)).contains("MQTT", "127.0.0.1:" + broker.port(),
					"did not accept the connection settings");
			assertThat(action(output)).contains("purista.mqtt.ssl.bundle");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ServiceDefinition echoService() {
			return ServiceBuilder.service("StartupEcho", "1")
				.command("echo")
				.handler((payload, parameter, context) -> payload)
				.build();
		}

	}

}
