package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observation wiring in a real application: Boot's {@code ObservationRegistry} reaches PURISTA, and with
 * {@code spring-boot-starter-opentelemetry} PURISTA's observations become OpenTelemetry spans exported through
 * Boot's exporter pipeline, with the trace id in the MDC and in log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class PuristaObservationTests {

	@Test
	void commandInvocationIsExportedAsOneTraceOfPuristaSpans() {
		try (ConfigurableApplicationContext context = start()) {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(invokeGreet(context)).isEqualTo("Hello Ada");
			flush(context);
			List<SpanData> spans = exporter.getFinishedSpanItems();
			assertThat(spans).extracting(SpanData::getName)
				.anyMatch((name) -> name.startsWith("purista.command.invoke"))
				.anyMatch((name) -> name.startsWith("purista.command.handle"));
			List<SpanData> purista = spans.stream().filter((span) -> span.getName().startsWith("purista.")).toList();
			assertThat(purista).extracting(SpanData::getTraceId).containsOnly(purista.get(0).getTraceId());
			SpanData invoke = named(purista, "purista.command.invoke");
			SpanData handle = named(purista, "purista.command.handle");
			assertThat(handle.getParentSpanId()).isEqualTo(invoke.getSpanId());
			assertThat(handle.getAttributes().asMap().toString()).contains("purista.service.name=Greeter")
				.contains("purista.target=greet");
		}
	}

	@Test
	void traceIdIsInTheMdcAndTheLogLineWhileTheHandlerRuns(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			invokeGreet(context);
			flush(context);
			String traceId = named(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems(),
					"purista.command.handle")
				.getTraceId();
			assertThat(context.getBean(Greeter.class).traceIdInMdc.get()).isEqualTo(traceId);
			assertThat(context.getEnvironment().getProperty("logging.expect-correlation-id", Boolean.class)).isTrue();
			assertThat(output).containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\].*greeting Ada");
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("management.tracing.sampling.probability=1.0", "spring.main.banner-mode=off")
			.run();
	}

	private static String invokeGreet(ConfigurableApplicationContext context) {
		ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
		return new PuristaInvoker(environment, MessageAddress.of("Test", "1", "test"))
			.<String>invoke(MessageAddress.of("Greeter", "1", "greet"), "Ada", null, String.class, Duration.ofSeconds(5),
					Identity.NONE)
			.join();
	}

	private static void flush(ConfigurableApplicationContext context) {
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
	}

	private static SpanData named(List<SpanData> spans, String prefix) {
		return spans.stream()
			.filter((span) -> span.getName().startsWith(prefix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + prefix + " in " + spans));
	}

	static class Greeter {

		final AtomicReference<String> traceIdInMdc = new AtomicReference<>();

		String greet(Object name) {
			this.traceIdInMdc.set(MDC.get("traceId"));
			LogFactory.getLog(Greeter.class).info("greeting " + name);
			return "Hello " + name;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

		@Bean
		ServiceDefinition greeterService(Greeter greeter) {
			return ServiceBuilder.service("Greeter", "1").command("greet").handler((p, q, c) -> greeter.greet(p)).build();
		}

	}

}
