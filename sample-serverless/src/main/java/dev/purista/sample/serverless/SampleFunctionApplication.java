package dev.purista.sample.serverless;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.purista.sample.email.EmailService;
import dev.purista.sample.email.LoggingMailSender;
import dev.purista.sample.user.UserService;

/**
 * The application inside each function of the sample: the User service, whose commands the functions serve
 * ({@code purista.lambda.commands}), and the Email service, whose subscription on {@code userSignedUp} hears the
 * success event in the same function (in-memory event bridge) and enqueues the welcome mail on Redis. The
 * function does not run the Email worker ({@code purista.queues.welcome-email.enabled=false}): a Lambda container
 * is frozen between invocations, so the long-lived {@link SampleEmailWorkerApplication} sends the mails.
 * <p>
 * The function's handler is {@code dev.purista.aws.lambda.PuristaLambdaHandler::handleRequest}, with the
 * environment variable {@code PURISTA_LAMBDA_APPLICATION} naming this class; the {@code serverless} profile is
 * active. Its properties are in {@code application.properties}. Neither application of the sample scans for
 * components: each declares its beans, so the two never see each other's.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SampleFunctionApplication {

	@Bean
	UserService userService() {
		return new UserService();
	}

	@Bean
	EmailService emailService() {
		// the worker is off here, so this sender is never called in the function
		return new EmailService(new LoggingMailSender(0));
	}

	/**
	 * Start the function's application outside Lambda (Spring AOT processes it from here).
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleFunctionApplication.class, args);
	}

}
