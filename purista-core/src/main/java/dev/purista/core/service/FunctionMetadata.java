package dev.purista.core.service;

import java.lang.reflect.Type;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.message.Message;
import dev.purista.core.validation.JsonSchemas;

/**
 * Builds a command's metadata, the payload of {@code infoServiceFunctionAdded}, in PURISTA's shape:
 * {@code {expose: {contentType..., inputPayload, parameter, outputPayload, deprecated, http}}}.
 */
public final class FunctionMetadata {

	private FunctionMetadata() {
	}

	/**
	 * Build the metadata of a command.
	 * @param definition the command
	 * @param schemas the schema generator
	 * @return the metadata JSON
	 */
	public static ObjectNode of(CommandDefinition definition, JsonSchemas schemas) {
		JsonNodeFactory json = JsonNodeFactory.instance;
		ObjectNode expose = json.objectNode();
		expose.put("contentTypeRequest", Message.DEFAULT_CONTENT_TYPE);
		expose.put("contentEncodingRequest", Message.DEFAULT_CONTENT_ENCODING);
		expose.put("contentTypeResponse", Message.DEFAULT_CONTENT_TYPE);
		expose.put("contentEncodingResponse", Message.DEFAULT_CONTENT_ENCODING);
		expose.set("inputPayload", schemas.schemaOf(definition.payloadType()));
		if (!isNone(definition.parameterType())) {
			expose.set("parameter", schemas.schemaOf(definition.parameterType()));
		}
		if (!isNone(definition.outputType()) && definition.outputType() != Object.class) {
			expose.set("outputPayload", schemas.schemaOf(definition.outputType()));
		}
		expose.put("deprecated", definition.deprecated());
		HttpExposure http = definition.http();
		if (http != null) {
			ObjectNode httpNode = expose.putObject("http");
			httpNode.put("method", http.method());
			httpNode.put("path", http.path());
			httpNode.put("mode", "sync");
			ObjectNode openApi = httpNode.putObject("openApi");
			openApi.put("description", definition.description());
			openApi.put("summary", http.summary());
			openApi.put("isSecure", http.secure());
			ArrayNode query = openApi.putArray("query");
			http.query().forEach((name) -> query.addObject().put("name", name).put("required", false));
			ArrayNode tags = openApi.putArray("tags");
			http.tags().forEach(tags::add);
			ArrayNode statusCodes = openApi.putArray("additionalStatusCodes");
			http.additionalStatusCodes().forEach(statusCodes::add);
			openApi.put("operationId", http.operationId());
		}
		ObjectNode metadata = json.objectNode();
		metadata.set("expose", expose);
		return metadata;
	}

	private static boolean isNone(Type type) {
		return type == Void.class || type == void.class;
	}

}
