package dev.purista.sample.serverless;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.LoggingMailSender;
import dev.purista.sample.email.MailSender;

/**
 * The long-lived process of the serverless sample: the Email service, whose worker leases the welcome-mail jobs
 * the functions enqueue on Redis, sends them and records the outcome in the Redis state store. It runs with the
 * {@code serverless} profile and reads {@code email-worker.properties} (not the function's
 * {@code application.properties}); it has no web server.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SampleEmailWorkerApplication {

	/** The name of the worker's configuration files ({@code email-worker.properties}). */
	public static final String CONFIG_NAME = "email-worker";

	/** The profile active when none is given. */
	public static final String DEFAULT_PROFILE = "serverless";

	/**
	 * Create the worker's application: no web server, {@value #CONFIG_NAME} configuration, the
	 * {@value #DEFAULT_PROFILE} profile unless profiles are given ({@code SPRING_PROFILES_ACTIVE},
	 * {@code -Dspring.profiles.active} or {@code --spring.profiles.active}).
	 * @param args the arguments the application will run with
	 * @return the application
	 */
	public static SpringApplication application(String... args) {
		SpringApplication application = new SpringApplication(SampleEmailWorkerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		if (!profilesGiven(args)) {
			application.setAdditionalProfiles(DEFAULT_PROFILE);
		}
		return application;
	}

	private static boolean profilesGiven(String[] args) {
		return System.getenv("SPRING_PROFILES_ACTIVE") != null || System.getProperty("spring.profiles.active") != null
				|| Arrays.stream(args).anyMatch((arg) -> arg.startsWith("--spring.profiles.active="));
	}

	/**
	 * Start the worker.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		application(args).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class EmailConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MailSender mailSender() {
			return new LoggingMailSender(0, Duration.ZERO);
		}

		@Bean
		EmailService emailService(MailSender mailSender) {
			return new EmailService(mailSender);
		}

	}

}
