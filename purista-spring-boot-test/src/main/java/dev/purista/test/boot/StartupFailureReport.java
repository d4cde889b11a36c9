package dev.purista.test.boot;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Starts a Spring Boot application that is expected to fail, and reads the failure analysis Spring Boot printed
 * ({@code APPLICATION FAILED TO START}, its description and its action), for tests of a starter's failure
 * analysis. Use with JUnit's {@code OutputCaptureExtension}.
 */
public final class StartupFailureReport {

	private StartupFailureReport() {
	}

	/**
	 * Run an application without a web server and assert that its start fails. Blocks until the start ended.
	 * @param application the application's configuration class
	 * @param arguments command-line arguments, e.g. {@code --spring.data.redis.port=1}
	 */
	public static void runExpectingFailure(Class<?> application, String... arguments) {
		SpringApplication spring = new SpringApplication(application);
		spring.setRegisterShutdownHook(false);
		String[] all = new String[arguments.length + 1];
		all[0] = "--spring.main.web-application-type=none";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		Throwable failure = catchThrowable(() -> spring.run(all).close());
		assertThat(failure).as("the start fails").isNotNull();
	}

	/**
	 * The description of the last failure analysis Spring Boot printed, white space folded.
	 * @param output the captured output
	 * @return the description
	 */
	public static String description(CapturedOutput output) {
		return section(output, "Description:", "Action:");
	}

	/**
	 * The action of the last failure analysis Spring Boot printed, white space folded.
	 * @param output the captured output
	 * @return the action
	 */
	public static String action(CapturedOutput output) {
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

}
