package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local secrets: the in-memory secret store seeded from {@code purista.secret-store.in-memory.secrets}, read by a
 * service through {@code context.secrets()}, and the start-up warning when it serves profiles other than
 * {@code local}, {@code ci} and {@code test}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalSecretsTests {

	private static final String VALUE = "smtp-9e41c7d2-do-not-leak";

	private static final String WARNING = "include none of local, ci, test";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class));

	@Test
	void seededSecretIsReadByACommandThroughTheRuntime() {
		this.runner.withUserConfiguration(VaultConfiguration.class)
			.withPropertyValues("purista.secret-store.in-memory.secrets.smtpPassword=" + VALUE)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(read(context.getBean(ServiceEnvironment.class), "smtpPassword")).isEqualTo(VALUE);
				assertThat(read(context.getBean(ServiceEnvironment.class), "unknown")).isEqualTo("<absent>");
			});
	}

	@Test
	void withoutSeedingTheStoreIsEmpty() {
		this.runner.run((context) -> assertThat(context.getBean(SecretStore.class).getSecret("smtpPassword"))
			.containsEntry("smtpPassword", null));
	}

	@Test
	void bracketNotationKeepsSlashesWhileDotsAndCaseSurviveWithoutIt() {
		this.runner
			.withPropertyValues("purista.secret-store.in-memory.secrets.[smtp/password]=a",
					"purista.secret-store.in-memory.secrets.[db.password]=b",
					"purista.secret-store.in-memory.secrets.[apiKey]=c",
					"purista.secret-store.in-memory.secrets.plain/key=d",
					"purista.secret-store.in-memory.secrets.db.user=e", "purista.secret-store.in-memory.secrets.mailFrom=f")
			.run((context) -> assertThat(context.getBean(SecretStore.class)
				.getSecret("smtp/password", "db.password", "apiKey", "plainkey", "plain/key", "db.user", "mailFrom"))
				.containsEntry("smtp/password", "a")
				.containsEntry("db.password", "b")
				.containsEntry("apiKey", "c")
				.containsEntry("plainkey", "d")
				.containsEntry("plain/key", null)
				.containsEntry("db.user", "e")
				.containsEntry("mailFrom", "f"));
	}

	@Test
	void environmentVariablesSeedLowerCaseNamesWithUnderscoresAsDots() {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("PURISTA_SECRETSTORE_INMEMORY_SECRETS_SMTPPASSWORD", "x",
							"PURISTA_SECRETSTORE_INMEMORY_SECRETS_DB_PASSWORD", "y"))))
			.run((context) -> assertThat(context.getBean(SecretStore.class).getSecret("smtppassword", "db.password"))
				.containsEntry("smtppassword", "x")
				.containsEntry("db.password", "y"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "staging", "edge", "prod", "dev,staging" })
	void seededStoreOutsideLocalProfilesIsWarnedWithoutTheValue(String profiles, CapturedOutput output) {
		this.runner.withPropertyValues("spring.profiles.active=" + profiles,
				"purista.secret-store.in-memory.secrets.smtpPassword=" + VALUE)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce(WARNING)
			.contains("The in-memory secret store holds 1 secret(s) from purista.secret-store.in-memory.secrets")
			.contains("[" + profiles.replace(",", ", ") + "]")
			.contains("purista.secret-store.type=aws")
			.doesNotContain(VALUE);
	}

	@Test
	void emptyStoreOutsideLocalProfilesIsWarnedWithBothWaysOut(CapturedOutput output) {
		this.runner.withPropertyValues("spring.profiles.active=staging")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce(WARNING)
			.contains("The in-memory secret store is empty")
			.contains("purista.secret-store.type=aws, or purista.production.reads-secrets=false");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "ci", "test", "staging,test", "" })
	void localProfilesAndNoProfileAreNotWarned(String profiles, CapturedOutput output) {
		this.runner.withPropertyValues("spring.profiles.active=" + profiles,
				"purista.secret-store.in-memory.secrets.smtpPassword=" + VALUE)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(WARNING).doesNotContain(VALUE);
	}

	@Test
	void applicationThatReadsNoSecretsIsNotWarnedUnlessItSeedsSome(CapturedOutput output) {
		this.runner.withPropertyValues("spring.profiles.active=staging", "purista.production.reads-secrets=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(WARNING);
		this.runner
			.withPropertyValues("spring.profiles.active=staging", "purista.production.reads-secrets=false",
					"purista.secret-store.in-memory.secrets.smtpPassword=" + VALUE)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains(WARNING).doesNotContain(VALUE);
	}

	private static Object read(ServiceEnvironment environment, String name) {
		return new PuristaInvoker(environment, MessageAddress.of("Test", "1", "test"))
			.invoke(MessageAddress.of("Vault", "1", "read"), name, null, String.class, Duration.ofSeconds(5),
					Identity.NONE)
			.join();
	}

	@Configuration(proxyBeanMethods = false)
	static class VaultConfiguration {

		@Bean
		ServiceDefinition vault() {
			return ServiceBuilder.service("Vault", "1")
				.command("read")
				.payload(String.class)
				.handler((name, parameter, context) -> {
					String value = context.secrets().getSecret(name).get(name);
					return (value != null) ? value : "<absent>";
				})
				.build();
		}

	}

}
