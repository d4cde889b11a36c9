package dev.purista.sample.microservice;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.LoggingMailSender;
import dev.purista.sample.email.MailSender;
import dev.purista.sample.user.UserService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which service beans {@code sample.services} registers.
 */
class SampleServicesConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SampleServicesConfiguration.class);

	@Test
	void withoutSelectionBothServicesRun() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(UserService.class)
			.hasSingleBean(EmailService.class)
			.hasSingleBean(LoggingMailSender.class));
	}

	@Test
	void userRunsOnlyTheUserService() {
		this.runner.withPropertyValues("sample.services=user")
			.run((context) -> assertThat(context).hasSingleBean(UserService.class)
				.doesNotHaveBean(EmailService.class)
				.doesNotHaveBean(MailSender.class));
	}

	@Test
	void emailRunsOnlyTheEmailServiceWithItsMailSender() {
		this.runner.withPropertyValues("sample.services=email")
			.run((context) -> assertThat(context).hasSingleBean(EmailService.class)
				.hasSingleBean(LoggingMailSender.class)
				.doesNotHaveBean(UserService.class));
	}

	@Test
	void namesIgnoreCaseAndSpaces() {
		this.runner.withPropertyValues("sample.services=Email, USER")
			.run((context) -> assertThat(context).hasSingleBean(UserService.class).hasSingleBean(EmailService.class));
	}

	@Test
	void userMailSenderReplacesTheLoggingOne() {
		this.runner.withPropertyValues("sample.services=email")
			.withBean("smtpMailSender", MailSender.class, () -> (to, subject) -> {
			})
			.run((context) -> assertThat(context).hasSingleBean(MailSender.class)
				.doesNotHaveBean(LoggingMailSender.class)
				.hasSingleBean(EmailService.class));
	}

	@Test
	void unknownServiceFailsStartUp() {
		this.runner.withPropertyValues("sample.services=billing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("billing"));
	}

}
