package dev.purista.sample.microservice;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's tracing settings as its property files give them: the {@code production} profile exports every
 * span over OTLP/HTTP to the compose collector ({@code otel-collector}, docker-compose.yml); without it nothing is
 * exported, so local and staging runs need no collector.
 */
class SampleTracingPropertiesTests {

	private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Test
	void productionExportsEverySpanToTheComposeCollector() {
		try (ConfigurableApplicationContext context = start("production", "--sample.services=email")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://otel-collector:4318/v1/traces");
			assertThat(environment.getProperty("management.tracing.sampling.probability", Double.class))
				.isEqualTo(1.0);
			assertThat(environment.getProperty("management.opentelemetry.resource-attributes.service.name"))
				.isEqualTo("sample-email");
		}
	}

	@Test
	void stagingExportsNothing() {
		try (ConfigurableApplicationContext context = start("staging", "--sample.services=user")) {
			assertThat(context.getEnvironment().getProperty(ENDPOINT)).isNull();
			assertThat(context.getEnvironment().getProperty("management.otlp.metrics.export.enabled", Boolean.class))
				.isFalse();
		}
	}

	/**
	 * A context of the sample's property files and no beans.
	 */
	private static ConfigurableApplicationContext start(String profile, String... args) {
		return new SpringApplicationBuilder(PropertiesOnly.class).profiles(profile)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class PropertiesOnly {

	}

}
