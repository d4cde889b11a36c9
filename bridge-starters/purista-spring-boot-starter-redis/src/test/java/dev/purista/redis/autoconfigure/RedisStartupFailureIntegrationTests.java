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

	/**
	 * A plain Redis waits for the end of the line a TLS client hello never sends, so TLS against a plain port ends
	 * with Lettuce's TLS handshake timeout (10 s by default, not shortened by the connect timeout), plus the
	 * application's own start (up to 8 s measured on a loaded machine when it is the first in the JVM); once, not
	 * once per retry.
	 */
	private static final Duration TLS_HANDSHAKE_BOUND = Duration.ofSeconds(30);

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

	@Test
	void aDatabaseOutOfRangeIsExplainedWithTheDatabaseProperty(CapturedOutput output) {
		long started = System.nanoTime();
		run("--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.database=4096");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("Redis", redis.host() + ":" + redis.port(),
				"did not accept the connection settings", "DB index is out of range");
		assertThat(action(output)).contains("spring.data.redis.database", "databases",
				"for example spring.data.redis.database=0");
		assertThat(took).isLessThan(BOUND);
	}

	@Test
	void tlsAgainstAPlainPortIsExplainedWithTheSslProperty(CapturedOutput output) {
		long started = System.nanoTime();
		run("--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.ssl.enabled=true");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(description(output)).contains("Redis", redis.host() + ":" + redis.port(),
				"did not accept the connection settings", "SslHandshakeTimeoutException");
		assertThat(action(output)).contains("spring.data.redis.ssl.enabled", "spring.data.redis.port",
				"for example spring.data.redis.ssl.enabled=false");
		assertThat(took).isLessThan(TLS_HANDSHAKE_BOUND);
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
