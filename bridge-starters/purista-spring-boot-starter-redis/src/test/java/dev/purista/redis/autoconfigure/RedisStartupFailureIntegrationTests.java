package dev.purista.redis.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An application with the Redis queue bridge that starts against a Redis it cannot use ends at once with a
 * failure analysis naming Redis, the address tried, the properties to change and an example, as Spring Boot
 * reports it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisStartupFailureIntegrationTests {

	/** The client's connect timeout is not even needed for a refused connection; a generous bound. */
	private static final Duration BOUND = Duration.ofSeconds(15);

	private static BrokerAddress redis;

	@BeforeAll
	static void findRedis() {
		redis = BrokerResolution.require(Broker.REDIS);
	}

	@Test
	void unreachableRedisIsExplainedWithTheAddressAndTheProperties(CapturedOutput output) throws IOException {
		int port = unusedPort();
		long started = System.nanoTime();
		run("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + port);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("Redis", "127.0.0.1:" + port, "cannot be reached");
		assertThat(action(output)).contains("spring.data.redis.host", "spring.data.redis.port",
				"spring.data.redis.url", "spring.data.redis.connect-timeout",
				"for example spring.data.redis.host=redis.internal");
		assertThat(took).isLessThan(BOUND);
	}

	@Test
	void redisRefusingTheCredentialsIsExplainedWithTheCredentialProperties(CapturedOutput output) {
		run("--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.username=purista-nobody", "--spring.data.redis.password=wrong");

		assertThat(description(output)).contains("Redis", redis.host() + ":" + redis.port(),
				"refused the credentials");
		assertThat(action(output)).contains("spring.data.redis.username", "spring.data.redis.password",
				"for example spring.data.redis.password=");
	}

	private static void run(String... arguments) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setRegisterShutdownHook(false);
		String[] all = new String[arguments.length + 2];
		all[0] = "--purista.queue-bridge.type=redis";
		all[1] = "--spring.main.web-application-type=none";
		System.arraycopy(arguments, 0, all, 2, arguments.length);
		Throwable failure = catchThrowable(() -> application.run(all).close());
		assertThat(failure).as("the start fails").isNotNull();
	}

	/**
	 * The description of the failure analysis Spring Boot printed.
	 */
	private static String description(CapturedOutput output) {
		return section(output, "Description:", "Action:");
	}

	/**
	 * The action of the failure analysis Spring Boot printed.
	 */
	private static String action(CapturedOutput output) {
		return section(output, "Action:", null);
	}

	private static String section(CapturedOutput output, String start, @Nullable String end) {
		String all = output.getAll();
		int report = all.lastIndexOf("APPLICATION FAILED TO START");
		assertThat(report).as("Spring Boot reported a failure analysis").isNotNegative();
		int from = all.indexOf(start, report);
		assertThat(from).as(start).isNotNegative();
		int to = (end != null) ? all.indexOf(end, from) : all.length();
		return all.substring(from, to).replaceAll("\\s+", " ");
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
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
