package dev.purista.aws.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.purista.aws.AwsSecretStore;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.CachingSecretStore;
import dev.purista.core.store.SecretStore;
import dev.purista.test.aws.SecretsManagerEmulator;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole applications with the AWS starter (and the AMQP and Redis starters) on the classpath, Secrets Manager
 * being the {@link SecretsManagerEmulator} and RabbitMQ and Redis real: the {@code production} and
 * {@code serverless} presets start without overrides, and {@code spring.config.import=aws-secretsmanager:}
 * loads properties from a secret at bootstrap.
 */
class AwsApplicationStartupIntegrationTests {

	private static SecretsManagerEmulator emulator;

	private static BrokerAddress rabbit;

	private static BrokerAddress redis;

	@BeforeAll
	static void start() throws IOException {
		rabbit = BrokerResolution.require(Broker.RABBITMQ);
		redis = BrokerResolution.require(Broker.REDIS);
		emulator = SecretsManagerEmulator.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
		emulator.putSecret("purista/api-key", "k3y");
		emulator.putSecret("purista/db", "{\"purista.db.user\":\"alice\"}");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "production", "serverless" })
	void presetStartsWithTheAwsSecretStore(String profile) {
		try (ConfigurableApplicationContext context = application("--spring.profiles.active=" + profile)) {
			SecretStore store = context.getBean(ServiceEnvironment.class).secretStore();
			assertThat(store).isInstanceOf(CachingSecretStore.class);
			assertThat(((CachingSecretStore) store).delegate()).isInstanceOf(AwsSecretStore.class);
			assertThat(store.getSecret("purista/api-key")).containsEntry("purista/api-key", "k3y");
			assertThat(context.getBeansOfType(SecretsManagerClient.class)).hasSize(1);
		}
	}

	@Test
	void configImportLoadsPropertiesFromASecretAtBootstrap() {
		try (ConfigurableApplicationContext context = application(
				"--spring.config.import=aws-secretsmanager:purista/db", "--purista.secret-store.type=aws")) {
			assertThat(context.getEnvironment().getProperty("purista.db.user")).isEqualTo("alice");
			assertThat(emulator.calls()).first().hasToString("GetSecretValue(purista/db)");
			assertThat(context.getBean(SecretStore.class).getSecret("purista/api-key")).containsEntry("purista/api-key",
					"k3y");
			assertThat(context.getBeansOfType(SecretsManagerClient.class)).hasSize(1);
		}
	}

	private static ConfigurableApplicationContext application(String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--management.health.purista.enabled=false",
				"--spring.cloud.aws.secretsmanager.endpoint=" + emulator.endpoint(),
				"--spring.cloud.aws.region.static=eu-central-1", "--spring.cloud.aws.credentials.access-key=test",
				"--spring.cloud.aws.credentials.secret-key=test", "--spring.rabbitmq.host=" + rabbit.host(),
				"--spring.rabbitmq.port=" + rabbit.port(), "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port()));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
