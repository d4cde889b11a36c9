package dev.purista.boot.autoconfigure.web;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * Adjusts the OpenAPI 3.1 document built from the commands before it is served, for example to set
 * {@code info}, {@code servers} or security schemes. The document is swagger-core's {@link OpenAPI} model, as
 * in springdoc. Customizer beans are applied in their order each time the document is rebuilt (when the running
 * services change).
 */
@FunctionalInterface
public interface PuristaOpenApiCustomizer {

	/**
	 * Customize the document.
	 * @param openApi the document, to modify in place
	 */
	void customize(OpenAPI openApi);

}
