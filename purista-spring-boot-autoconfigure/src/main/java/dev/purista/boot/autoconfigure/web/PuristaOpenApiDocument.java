package dev.purista.boot.autoconfigure.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;

import dev.purista.core.validation.JsonSchemas;

/**
 * The OpenAPI 3.1 document of the commands exposed over HTTP, served by the {@link PuristaRouterFunction} at
 * {@code <base>/openapi.json}. It is built with swagger-core's model from the command metadata (paths, methods,
 * path and query parameters, request and response bodies with the commands' JSON Schemas, PURISTA's error body,
 * tags, summaries, descriptions and deprecation), adjusted by the {@link PuristaOpenApiCustomizer}s and written
 * as JSON with swagger-core's OpenAPI 3.1 mapper.
 */
public final class PuristaOpenApiDocument {

	private final JsonSchemas schemas;

	private final String title;

	private final List<PuristaOpenApiCustomizer> customizers;

	/**
	 * Create the document builder.
	 * @param schemas generates the JSON Schemas of parameters, payloads and outputs
	 * @param title the title of the document ({@code info.title})
	 * @param customizers adjust the document, applied in order
	 */
	public PuristaOpenApiDocument(JsonSchemas schemas, String title, List<PuristaOpenApiCustomizer> customizers) {
		this.schemas = schemas;
		this.title = title;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * Build the customized document of some routes.
	 * @param routes the routes
	 * @return the document
	 */
	OpenAPI build(PuristaHttpRoutes routes) {
		OpenAPI document = PuristaOpenApi.build(routes, this.schemas, this.title);
		this.customizers.forEach((customizer) -> customizer.customize(document));
		return document;
	}

	/**
	 * Build the customized document of some routes as JSON.
	 * @param routes the routes
	 * @return the JSON of the document
	 */
	byte[] write(PuristaHttpRoutes routes) {
		return PuristaOpenApi.write(build(routes));
	}

}
