package dev.purista.nats.autoconfigure;

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
import dev.purista.test.boot.StartupFailureReport;

import static dev.purista.test.boot.StartupFailureReport.action;
import static dev.purista.test.boot.StartupFailureReport.description;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the NATS event bridge that starts against a NATS server it cannot reach ends at once with a
 * failure analysis naming NATS, the address tried, the properties to change and an example, as Spring Boot
 * reports it.
 */
@ExtendWith(OutputCaptureExtension.class)
class NatsStartupFailureIntegrationTests {

	/** A refused connection needs no timeout; a generous bound. */
	private static final Duration BOUND = Duration.ofSeconds(15);

	@Test
	void unreachableNatsIsExplainedWithTheAddressAndTheProperties(CapturedOutput output) {
		int port = TestSocketUtils.findAvailableTcpPort();
		long started = System.nanoTime();
		StartupFailureReport.runExpectingFailure(Application.class, "--purista.event-bridge.type=nats",
				"--purista.nats.servers=nats://127.0.0.1:" + port);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("NATS", "127.0.0.1:" + port, "cannot be reached");
		assertThat(action(output)).contains("purista.nats.servers", "purista.nats.connection-timeout",
				"for example purista.nats.servers=nats://nats.internal:4222");
		assertThat(took).isLessThan(BOUND);
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
