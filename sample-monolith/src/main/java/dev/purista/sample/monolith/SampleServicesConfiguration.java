package dev.purista.sample.monolith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.LoggingMailSender;
import dev.purista.sample.email.MailSender;
import dev.purista.sample.user.UserService;

/**
 * Registers the sample services as beans; PURISTA's auto-configuration finds them by their
 * {@code @PuristaService} annotation and runs them.
 */
@Configuration(proxyBeanMethods = false)
public class SampleServicesConfiguration {

	@Bean
	UserService userService() {
		return new UserService();
	}

	@Bean
	MailSender mailSender(@Value("${sample.email.fail-first-attempts:0}") int failFirstAttempts) {
		return new LoggingMailSender(failFirstAttempts);
	}

	@Bean
	EmailService emailService(MailSender mailSender) {
		return new EmailService(mailSender);
	}

}
