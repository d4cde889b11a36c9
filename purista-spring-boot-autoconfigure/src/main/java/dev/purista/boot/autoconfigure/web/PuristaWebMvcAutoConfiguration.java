package dev.purista.boot.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProperties;
import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.boot.autoconfigure.web.PuristaPrincipalResolver.ResolvedPrincipal;
import dev.purista.core.message.ErrorPayload;
import dev.purista.core.message.MessageCodec;

/**
 * Auto-configuration of the HTTP exposure of PURISTA commands in Spring MVC applications: the
 * {@link PuristaRouterFunction} serving every command with HTTP metadata at
 * {@code <purista.http.base-path>/v<service version>/<path>} and the OpenAPI document at
 * {@code <purista.http.base-path>/openapi.json} (built with swagger-core, served when it is on the class path, as
 * with the starter), a fallback answering PURISTA's 404 body for other paths
 * below the base path, and PURISTA's error body instead of the container's error page for errors raised before a
 * route answered (e.g. a method the container refuses, a broken chunked body) and, with the embedded Tomcat, for
 * requests below the base path that Tomcat rejects before any application code runs (an encoded {@code /}, an
 * invalid {@code %} escape, oversized headers). The fallback is ordered last among router functions, so the application's controllers and
 * router functions under the base path still take precedence. Switched off with {@code purista.http.enabled=false}.
 */
@AutoConfiguration(after = PuristaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty(name = "purista.http.enabled", matchIfMissing = true)
@ConditionalOnBean(PuristaServices.class)
public final class PuristaWebMvcAutoConfiguration {

	/** The bean name of the router function of the commands. */
	public static final String ROUTER_FUNCTION_BEAN_NAME = "puristaRouterFunction";

	/**
	 * The bean name of the router function answering errors the servlet container or Spring MVC raised for
	 * requests below the base path (the error dispatch) with PURISTA's error body.
	 */
	public static final String ERROR_ROUTER_FUNCTION_BEAN_NAME = "puristaErrorRouterFunction";

	/** The bean name of the router function answering 404 below the base path. */
	public static final String NOT_FOUND_ROUTER_FUNCTION_BEAN_NAME = "puristaNotFoundRouterFunction";

	/**
	 * The bean name of the customizer of the embedded Tomcat answering requests it rejects below the base path
	 * (an encoded {@code /}, an invalid {@code %} escape, oversized headers) with PURISTA's error body.
	 */
	public static final String CONTAINER_ERROR_CUSTOMIZER_BEAN_NAME = "puristaContainerErrorCustomizer";

	@Bean(ROUTER_FUNCTION_BEAN_NAME)
	@ConditionalOnMissingBean(name = ROUTER_FUNCTION_BEAN_NAME)
	PuristaRouterFunction puristaRouterFunction(PuristaServices services, PuristaProperties properties,
			MessageCodec codec, ObjectProvider<PuristaPrincipalResolver> principalResolver,
			ObjectProvider<PuristaOpenApiDocument> openApiDocument) {
		return new PuristaRouterFunction(services, properties.getHttp().getBasePath(), codec.mapper(),
				principalResolver.getIfAvailable(() -> (request) -> ResolvedPrincipal.NONE),
				openApiDocument.getIfAvailable(), properties.getHttp().getMaxRequestSize());
	}

	@Bean(NOT_FOUND_ROUTER_FUNCTION_BEAN_NAME)
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = NOT_FOUND_ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> puristaNotFoundRouterFunction(PuristaProperties properties, MessageCodec codec) {
		String basePath = PuristaHttpRoutes.join(properties.getHttp().getBasePath());
		return RouterFunctions.route(RequestPredicates.path(basePath).or(RequestPredicates.path(basePath + "/**")),
				(request) -> {
					Map<String, String> data = new LinkedHashMap<>();
					data.put("method", request.method().name());
					data.put("route", request.requestPath().pathWithinApplication().value());
					ErrorPayload body = new ErrorPayload(404, "Route not found", data, null);
					return PuristaRouterFunction.json(404, codec.mapper().writeValueAsBytes(body), (headers) -> {
					});
				});
	}

	@Bean(ERROR_ROUTER_FUNCTION_BEAN_NAME)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = ERROR_ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> puristaErrorRouterFunction(PuristaProperties properties, MessageCodec codec) {
		return new PuristaErrorRouterFunction(properties.getHttp().getBasePath(), codec.mapper());
	}

	/**
	 * PURISTA's error body for requests below the base path that the embedded Tomcat rejects before any
	 * application code runs (see {@link PuristaErrorReportValve}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.catalina.valves.ErrorReportValve",
			"org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory" })
	static class TomcatConfiguration {

		@Bean(CONTAINER_ERROR_CUSTOMIZER_BEAN_NAME)
		@ConditionalOnMissingBean(name = CONTAINER_ERROR_CUSTOMIZER_BEAN_NAME)
		PuristaContainerErrorCustomizer puristaContainerErrorCustomizer(PuristaProperties properties,
				MessageCodec codec) {
			return new PuristaContainerErrorCustomizer(properties.getHttp().getBasePath(), codec.mapper());
		}

	}

	/**
	 * The OpenAPI document of the routes, when swagger-core (which models and writes it) is on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.swagger.v3.oas.models.OpenAPI")
	static class OpenApiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PuristaOpenApiDocument puristaOpenApiDocument(PuristaServices services,
				ObjectProvider<PuristaOpenApiCustomizer> openApiCustomizers, Environment environment) {
			String title = environment.getProperty("spring.application.name", "PURISTA");
			return new PuristaOpenApiDocument(services.environment().schemas(), title,
					openApiCustomizers.orderedStream().toList());
		}

	}

}
