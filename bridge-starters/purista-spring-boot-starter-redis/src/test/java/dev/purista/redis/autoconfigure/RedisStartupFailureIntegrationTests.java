package dev.purista.redis.autoconfigure;

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
	void unreachableRedisIsExplainedWithTheAddressAndTheProperties(CapturedOutput output) {
		int port = TestSocketUtils.findAvailableTcpPort();
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
		String[] all = new String[arguments.length + 1];
		all[0] = "--purista.queue-bridge.type=redis";
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
