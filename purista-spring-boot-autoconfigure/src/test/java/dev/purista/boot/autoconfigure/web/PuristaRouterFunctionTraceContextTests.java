package dev.purista.boot.autoconfigure.web;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.service.CommandContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application without a tracer (a no-op {@link ObservationRegistry}), the W3C trace headers of an HTTP
 * request reach the command it invokes as {@code otp}, so the caller's trace continues through the services.
 */
@SpringBootTest(classes = PuristaRouterFunctionTraceContextTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.health.purista.enabled=false")
@AutoConfigureRestTestClient
class PuristaRouterFunctionTraceContextTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	@Autowired
	private RestTestClient client;

	@Test
	void traceHeadersOfTheRequestReachTheCommandAsOtp() {
		String otp = this.client.get()
			.uri("/api/v1/otp")
			.header("traceparent", TRACEPARENT)
			.header("tracestate", "purista=1")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.asString();

		assertThat(otp).isEqualTo("{\"traceparent\":\"" + TRACEPARENT + "\",\"tracestate\":\"purista=1\"}");
	}

	@Test
	void requestWithoutTraceHeadersSendsAnEmptyOtp() {
		String otp = this.client.get()
			.uri("/api/v1/otp")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody()
			.asString();

		assertThat(otp).isEqualTo("{}");
	}

	@PuristaService(name = "Trace", version = "1")
	static class TraceService {

		@Command(http = @Http(method = "GET", path = "otp"))
		public String otp(CommandContext context) {
			return context.message().otp();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.NOOP;
		}

		@Bean
		TraceService traceService() {
			return new TraceService();
		}

	}

}
