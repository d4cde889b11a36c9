package dev.purista.amqp.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
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
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static dev.purista.test.boot.StartupFailureReport.action;
import static dev.purista.test.boot.StartupFailureReport.description;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the AMQP event bridge that starts against a RabbitMQ it cannot use ends at once with a
 * failure analysis naming RabbitMQ, the address tried, the properties to change and an example, as Spring Boot
 * reports it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RabbitStartupFailureIntegrationTests {

	/** The client's connect timeout is not even needed for a refused connection; a generous bound. */
	private static final Duration BOUND = Duration.ofSeconds(15);

	private static BrokerAddress rabbit;

	@BeforeAll
	static void findRabbit() {
		rabbit = BrokerResolution.require(Broker.RABBITMQ);
	}

	@Test
	void unreachableRabbitMqIsExplainedWithTheAddressAndTheProperties(CapturedOutput output) {
		int port = TestSocketUtils.findAvailableTcpPort();
		long started = System.nanoTime();
		run("--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + port);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("RabbitMQ", "127.0.0.1:" + port, "cannot be reached");
		assertThat(action(output)).contains("spring.rabbitmq.host", "spring.rabbitmq.port",
				"spring.rabbitmq.addresses", "spring.rabbitmq.connection-timeout",
				"for example spring.rabbitmq.host=rabbitmq.internal");
		assertThat(took).isLessThan(BOUND);
	}

	@Test
	void rabbitMqRefusingTheCredentialsIsExplainedWithTheCredentialProperties(CapturedOutput output) {
		run("--spring.rabbitmq.host=" + rabbit.host(), "--spring.rabbitmq.port=" + rabbit.port(),
				"--spring.rabbitmq.username=purista-nobody", "--spring.rabbitmq.password=wrong");

		assertThat(description(output)).contains("RabbitMQ", rabbit.host() + ":" + rabbit.port(),
				"refused the credentials");
		assertThat(action(output)).contains("spring.rabbitmq.username", "spring.rabbitmq.password",
				"for example spring.rabbitmq.username=");
	}

	private static void run(String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--purista.event-bridge.type=amqp";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		StartupFailureReport.runExpectingFailure(Application.class, all);
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
