package dev.purista.boot.autoconfigure.web;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.models.OpenAPI;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaWebMvcAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class, PuristaWebMvcAutoConfiguration.class))
		.withUserConfiguration(PingConfiguration.class);

	@Test
	void servletApplicationGetsTheRouterFunctionAndTheNotFoundFallback() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PuristaRouterFunction.class);
			assertThat(context).hasBean(PuristaWebMvcAutoConfiguration.NOT_FOUND_ROUTER_FUNCTION_BEAN_NAME);
			PuristaRouterFunction routes = context.getBean(PuristaRouterFunction.class);
			assertThat(routes.route(request("GET", "/api/v3/ping"))).isPresent();
			assertThat(routes.route(request("GET", "/api/v1/ping"))).isEmpty();
		});
	}

	@Test
	void disabledHttpExposureRegistersNoRoutes() {
		this.runner.withPropertyValues("purista.http.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PuristaRouterFunction.class);
			assertThat(context).doesNotHaveBean(PuristaWebMvcAutoConfiguration.NOT_FOUND_ROUTER_FUNCTION_BEAN_NAME);
			assertThat(context.getBeansOfType(RouterFunction.class)).isEmpty();
		});
	}

	@Test
	void nonWebApplicationRegistersNoRoutes() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
					PuristaAutoConfiguration.class, PuristaWebMvcAutoConfiguration.class))
			.withUserConfiguration(PingConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PuristaRouterFunction.class));
	}

	@Test
	void basePathMovesRoutesAndOpenApiDocument() {
		this.runner.withPropertyValues("purista.http.base-path=/rest/").run((context) -> {
			PuristaRouterFunction routes = context.getBean(PuristaRouterFunction.class);
			assertThat(routes.basePath()).isEqualTo("/rest");
			assertThat(routes.route(request("GET", "/rest/v3/ping"))).isPresent();
			assertThat(routes.route(request("GET", "/rest/openapi.json"))).isPresent();
			assertThat(routes.route(request("GET", "/api/v3/ping"))).isEmpty();
			assertThat(routes.route(request("GET", "/api/openapi.json"))).isEmpty();
		});
	}

	@Test
	void notFoundFallbackAnswersPuristaBodyOnlyBelowTheBasePath() {
		this.runner.run((context) -> {
			@SuppressWarnings("unchecked")
			RouterFunction<ServerResponse> fallback = context.getBean(
					PuristaWebMvcAutoConfiguration.NOT_FOUND_ROUTER_FUNCTION_BEAN_NAME, RouterFunction.class);
			assertThat(fallback.route(request("GET", "/other"))).isEmpty();
			MockHttpServletResponse response = execute(fallback, request("POST", "/api/v9/missing"));
			assertThat(response.getStatus()).isEqualTo(404);
			JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
			assertThat(body.toString()).isEqualTo(
					"{\"status\":404,\"message\":\"Route not found\",\"data\":{\"method\":\"POST\",\"route\":\"/api/v9/missing\"}}");
		});
	}

	@Test
	void openApiCustomizersAdjustTheDocument() {
		this.runner.withBean(PuristaOpenApiCustomizer.class,
				() -> (openApi) -> openApi.getInfo().version("2.0.0"))
			.run((context) -> {
				assertThat(context).hasSingleBean(PuristaOpenApiDocument.class);
				PuristaRouterFunction routes = context.getBean(PuristaRouterFunction.class);
				MockHttpServletResponse response = execute(routes, request("GET", "/api/openapi.json"));
				JsonNode document = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
				assertThat(document.path("info").path("version").asString()).isEqualTo("2.0.0");
				assertThat(document.path("paths").propertyNames()).containsExactly("/api/v3/ping");
			});
	}

	@Test
	void withoutSwaggerCoreTheRoutesAnswerButNoOpenApiDocument() {
		this.runner.withClassLoader(new FilteredClassLoader(OpenAPI.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PuristaOpenApiDocument.class);
			PuristaRouterFunction routes = context.getBean(PuristaRouterFunction.class);
			assertThat(routes.route(request("GET", "/api/v3/ping"))).isPresent();
			assertThat(routes.route(request("GET", "/api/openapi.json"))).isEmpty();
		});
	}

	@Test
	void servletApplicationWithTomcatGetsTheContainerErrorCustomizer() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(PuristaContainerErrorCustomizer.class)
			.hasBean(PuristaWebMvcAutoConfiguration.CONTAINER_ERROR_CUSTOMIZER_BEAN_NAME));
	}

	@Test
	void withoutTomcatTheRoutesAnswerButNoContainerErrorCustomizer() {
		this.runner.withClassLoader(new FilteredClassLoader(ErrorReportValve.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PuristaContainerErrorCustomizer.class);
			assertThat(context).hasSingleBean(PuristaRouterFunction.class);
		});
	}

	@Test
	void userRouterFunctionNamedLikeOursReplacesIt() {
		this.runner.withBean(PuristaWebMvcAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME, RouterFunction.class,
				() -> RouterFunctions.route().GET("/mine", (request) -> ServerResponse.ok().build()).build())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PuristaRouterFunction.class));
	}

	private static ServerRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		return ServerRequest.create(request, List.of());
	}

	private static MockHttpServletResponse execute(RouterFunction<ServerResponse> routes, ServerRequest request)
			throws Exception {
		Optional<HandlerFunction<ServerResponse>> handler = routes.route(request);
		assertThat(handler).isPresent();
		MockHttpServletResponse response = new MockHttpServletResponse();
		handler.get().handle(request).writeTo(request.servletRequest(), response, List::of);
		return response;
	}

	@Configuration(proxyBeanMethods = false)
	static class PingConfiguration {

		@Bean
		PingService pingService() {
			return new PingService();
		}

	}

	@PuristaService(name = "Ping", version = "3")
	static class PingService {

		@Command(http = @Http(method = "GET", path = "ping"))
		public String ping() {
			return "pong";
		}

	}

}
