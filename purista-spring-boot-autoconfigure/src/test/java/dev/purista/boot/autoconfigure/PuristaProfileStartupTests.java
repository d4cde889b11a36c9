package dev.purista.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.purista.core.bridge.EventBridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each profile through a real {@code SpringApplication} (presets, auto-configuration and failure analysis
 * together): in-memory presets start; broker presets without their starter fail with the missing starter
 * named in the printed failure analysis.
 */
@ExtendWith(OutputCaptureExtension.class)
class PuristaProfileStartupTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "local", "ci", "test" })
	void inMemoryPresetsStart(String profile) {
		try (ConfigurableApplicationContext context = application(profile).run()) {
			assertThat(context.getBean(EventBridge.class).name()).isEqualTo("InMemoryEventBridge");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "staging, EVENT_BRIDGE, amqp", "production, EVENT_BRIDGE, amqp", "serverless, QUEUE_BRIDGE, redis",
			"edge, EVENT_BRIDGE, mqtt" })
	void brokerPresetsWithoutTheirStarterFailNamingIt(String profile, PuristaComponent component, String type,
			CapturedOutput output) {
		Throwable failure = catchThrowable(() -> application(profile).run().close());

		MissingBridgeStarterException missing = cause(failure);
		assertThat(missing.getComponent()).isEqualTo(component);
		assertThat(missing.getType()).isEqualTo(type);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("its starter dev.purista:purista-spring-boot-starter-" + type + " is not on the classpath.");
	}

	private static SpringApplicationBuilder application(String profile) {
		return new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
			.profiles(profile)
			.properties("spring.main.banner-mode=off", "management.health.purista.enabled=false");
	}

	private static MissingBridgeStarterException cause(Throwable failure) {
		Throwable current = failure;
		while (current != null && !(current instanceof MissingBridgeStarterException)) {
			current = current.getCause();
		}
		assertThat(current).as("a MissingBridgeStarterException in " + failure).isNotNull();
		return (MissingBridgeStarterException) current;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

}
