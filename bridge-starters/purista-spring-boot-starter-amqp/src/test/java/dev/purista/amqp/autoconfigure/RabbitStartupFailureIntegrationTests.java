package dev.purista.amqp.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * An application with the AMQP event bridge that starts against a RabbitMQ it cannot use ends at once with a
 * failure analysis naming RabbitMQ, the address tried, the properties to change and an example, as Spring Boot
 * reports it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RabbitStartupFailureIntegrationTests {

	/** The client's connect timeout is not even needed for a refused connection; a generous bound. */
	private static final Duration BOUND = Duration.ofSeconds(15);

	private static final String UNPERMITTED_USER = "purista-no-permissions";

	private static final String UNPERMITTED_PASSWORD = "purista-no-permissions";

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

	@Test
	void aVirtualHostThatDoesNotExistIsExplainedWithTheVirtualHostProperty(CapturedOutput output) {
		long started = System.nanoTime();
		runAgainstTheBroker("--spring.rabbitmq.virtual-host=/purista-nowhere");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("RabbitMQ", rabbit.host() + ":" + rabbit.port(),
				"did not accept the connection settings", "/purista-nowhere not found");
		assertThat(action(output)).contains("spring.rabbitmq.virtual-host", "rabbitmqctl add_vhost",
				"for example spring.rabbitmq.virtual-host=/");
		assertThat(took).isLessThan(BOUND);
	}

	@Test
	void tlsAgainstAPlainPortIsExplainedWithTheSslProperty(CapturedOutput output) {
		long started = System.nanoTime();
		runAgainstTheBroker("--spring.rabbitmq.ssl.enabled=true");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("RabbitMQ", rabbit.host() + ":" + rabbit.port(),
				"did not accept the connection settings", "SSL");
		assertThat(action(output)).contains("spring.rabbitmq.ssl.enabled", "spring.rabbitmq.port",
				"for example spring.rabbitmq.ssl.enabled=false");
		assertThat(took).isLessThan(BOUND);
	}

	@Test
	void aUserWithoutPermissionsOnTheVirtualHostIsExplainedWithTheUserAndVirtualHostProperties(
			CapturedOutput output) {
		rabbitmqctl("add_user", UNPERMITTED_USER, UNPERMITTED_PASSWORD);
		rabbitmqctl("clear_permissions", "-p", "/", UNPERMITTED_USER);
		long started = System.nanoTime();
		run("--spring.rabbitmq.host=" + rabbit.host(), "--spring.rabbitmq.port=" + rabbit.port(),
				"--spring.rabbitmq.username=" + UNPERMITTED_USER, "--spring.rabbitmq.password=" + UNPERMITTED_PASSWORD,
				"--spring.rabbitmq.virtual-host=/");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("RabbitMQ", rabbit.host() + ":" + rabbit.port(),
				"did not accept the connection settings", "refused for user '" + UNPERMITTED_USER + "'");
		assertThat(action(output)).contains("spring.rabbitmq.username", "spring.rabbitmq.virtual-host",
				"rabbitmqctl set_permissions", "for example spring.rabbitmq.username=");
		assertThat(took).isLessThan(BOUND);
	}

	/**
	 * Run against the test broker with its credentials, plus the given arguments.
	 */
	private static void runAgainstTheBroker(String... arguments) {
		List<String> all = new ArrayList<>(
				List.of("--spring.rabbitmq.host=" + rabbit.host(), "--spring.rabbitmq.port=" + rabbit.port()));
		if (rabbit.username() != null) {
			all.add("--spring.rabbitmq.username=" + rabbit.username());
			all.add("--spring.rabbitmq.password=" + rabbit.password());
		}
		all.addAll(List.of(arguments));
		run(all.toArray(String[]::new));
	}

	private static void run(String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--purista.event-bridge.type=amqp";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		StartupFailureReport.runExpectingFailure(Application.class, all);
	}

	/**
	 * Run {@code rabbitmqctl} against the node {@code scripts/brokers.sh} started (its node name, Erlang cookie
	 * and port mapper), accepting a user that already exists. Without that node, the test is skipped, or fails
	 * when brokers are required ({@link BrokerResolution#required()}).
	 */
	private static void rabbitmqctl(String... command) {
		Path rabbitmqctl = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
		Path home = brokersDirectory().resolve("rabbitmq/home");
		if (rabbit.source() != BrokerAddress.Source.ENVIRONMENT || !Files.isExecutable(rabbitmqctl)
				|| !Files.exists(home.resolve(".erlang.cookie"))) {
			String reason = "needs rabbitmqctl and the RabbitMQ node of scripts/brokers.sh (" + home + ")";
			if (BrokerResolution.required()) {
				fail(reason);
			}
			abort(reason);
		}
		List<String> line = new ArrayList<>(List.of(rabbitmqctl.toString(), "-q", "-n", "purista@localhost"));
		line.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
		builder.environment().put("HOME", home.toString());
		builder.environment()
			.put("ERL_EPMD_PORT", Objects.requireNonNullElse(System.getenv("PURISTA_BROKERS_EPMD_PORT"), "4370"));
		try {
			Process process = builder.start();
			String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("rabbitmqctl ended").isTrue();
			if (process.exitValue() != 0) {
				assertThat(printed).as("rabbitmqctl " + String.join(" ", command)).contains("already exists");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The directory {@code scripts/brokers.sh} keeps its brokers in: {@code PURISTA_BROKERS_DIR}, else
	 * {@code .brokers} in the repository root.
	 */
	private static Path brokersDirectory() {
		String configured = System.getenv("PURISTA_BROKERS_DIR");
		if (configured != null) {
			return Path.of(configured);
		}
		Path directory = Path.of("").toAbsolutePath();
		while (directory.getParent() != null && !Files.exists(directory.resolve("scripts/brokers.sh"))) {
			directory = directory.getParent();
		}
		return directory.resolve(".brokers");
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
