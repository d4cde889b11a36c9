package dev.purista.sample.microservice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.LoggingMailSender;
import dev.purista.sample.email.MailSender;
import dev.purista.sample.microservice.SampleMicroserviceProperties.Service;
import dev.purista.sample.user.UserService;

/**
 * Registers the sample services {@code sample.services} selects as beans; PURISTA's auto-configuration finds
 * them by their {@code @PuristaService} annotation and runs them. The Email service sends through the
 * {@link LoggingMailSender} unless the application declares a {@link MailSender} bean of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleMicroserviceProperties.class)
class SampleServicesConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSampleService(Service.USER)
	static class UserConfiguration {

		@Bean
		UserService userService() {
			return new UserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSampleService(Service.EMAIL)
	static class EmailConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MailSender mailSender(SampleMicroserviceProperties properties) {
			return new LoggingMailSender(properties.getEmail().getFailFirstAttempts(),
					properties.getEmail().getSendTime());
		}

		@Bean
		EmailService emailService(MailSender mailSender) {
			return new EmailService(mailSender);
		}

	}

}
