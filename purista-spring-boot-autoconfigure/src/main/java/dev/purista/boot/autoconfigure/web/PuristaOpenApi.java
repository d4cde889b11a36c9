package dev.purista.boot.autoconfigure.web;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.error.StatusCode;
import dev.purista.core.service.CommandDefinition;
import dev.purista.core.service.HttpExposure;
import dev.purista.core.validation.JsonSchemas;

/**
 * Builds the OpenAPI 3.1 document of the HTTP routes as a JSON tree. OpenAPI 3.1 schemas are JSON Schema
 * 2020-12, the dialect {@link JsonSchemas} generates, so command schemas are embedded as generated; only their
 * {@code $defs} move to {@code components/schemas}, because a {@code #/$defs/...} reference inside the document
 * would resolve against the document root.
 */
final class PuristaOpenApi {

	static final String OPENAPI_VERSION = "3.1.0";

	/** The component name of PURISTA's error body. */
	static final String ERROR_SCHEMA = "PuristaError";

	private static final String DEFS_REF = "#/$defs/";

	private static final String COMPONENTS_REF = "#/components/schemas/";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final JsonSchemas schemas;

	private final ObjectNode document = JSON.objectNode();

	private final ObjectNode paths;

	private final ObjectNode components;

	private final Set<String> operationIds = new HashSet<>();

	private PuristaOpenApi(JsonSchemas schemas, String title) {
		this.schemas = schemas;
		this.document.put("openapi", OPENAPI_VERSION);
		this.document.putObject("info").put("title", title).put("version", "1");
		this.paths = this.document.putObject("paths");
		this.components = JSON.objectNode();
		this.components.set(ERROR_SCHEMA, errorSchema());
	}

	static ObjectNode build(PuristaHttpRoutes routes, JsonSchemas schemas, String title) {
		PuristaOpenApi openApi = new PuristaOpenApi(schemas, title);
		routes.routes().stream()
			.sorted((a, b) -> a.templatePath().compareTo(b.templatePath()))
			.forEach(openApi::add);
		openApi.document.putObject("components").set("schemas", openApi.components);
		return openApi.document;
	}

	private void add(PuristaHttpRoutes.Route route) {
		CommandDefinition command = route.command();
		HttpExposure http = route.http();
		ObjectNode pathItem = (this.paths.get(route.templatePath()) instanceof ObjectNode existing) ? existing
				: this.paths.putObject(route.templatePath());
		ObjectNode operation = pathItem.putObject(route.method().toLowerCase(Locale.ROOT));
		if (!http.tags().isEmpty()) {
			ArrayNode tags = operation.putArray("tags");
			http.tags().forEach(tags::add);
		}
		operation.put("summary", http.summary());
		if (!command.description().isEmpty()) {
			operation.put("description", command.description());
		}
		operation.put("operationId", operationId(route));
		ObjectNode parameterSchema = isNone(command.parameterType()) ? JSON.objectNode()
				: this.schemas.schemaOf(command.parameterType());
		ArrayNode parameters = JSON.arrayNode();
		for (String name : route.pathVariables()) {
			parameters.add(parameter(name, "path", true, parameterSchema));
		}
		for (String name : new LinkedHashSet<>(http.query())) {
			if (!route.pathVariables().contains(name)) {
				parameters.add(parameter(name, "query", false, parameterSchema));
			}
		}
		if (!parameters.isEmpty()) {
			operation.set("parameters", parameters);
		}
		if (PuristaRouterFunction.hasBody(route.method()) && !isNone(command.payloadType())) {
			operation.putObject("requestBody")
				.putObject("content")
				.putObject(PuristaRouterFunction.JSON_CONTENT_TYPE)
				.set("schema", embed(command.payloadType()));
		}
		ObjectNode responses = operation.putObject("responses");
		if (isNone(command.outputType())) {
			responses.putObject("204").put("description", StatusCode.messageFor(204));
		}
		else {
			ObjectNode ok = responses.putObject("200").put("description", StatusCode.messageFor(200));
			ok.putObject("content").putObject(PuristaRouterFunction.JSON_CONTENT_TYPE)
				.set("schema", embed(command.outputType()));
		}
		Set<Integer> errors = new TreeSet<>(List.of(400, 500));
		errors.addAll(http.additionalStatusCodes());
		for (int status : errors) {
			ObjectNode response = responses.putObject(Integer.toString(status))
				.put("description", StatusCode.messageFor(status));
			response.putObject("content").putObject(PuristaRouterFunction.JSON_CONTENT_TYPE)
				.putObject("schema").put("$ref", COMPONENTS_REF + ERROR_SCHEMA);
		}
		if (command.deprecated()) {
			operation.put("deprecated", true);
		}
	}

	private String operationId(PuristaHttpRoutes.Route route) {
		String id = route.http().operationId();
		if (this.operationIds.add(id)) {
			return id;
		}
		String qualified = route.service().name() + "_v" + route.service().version() + "_" + id;
		this.operationIds.add(qualified);
		return qualified;
	}

	private static ObjectNode parameter(String name, String in, boolean required, ObjectNode parameterSchema) {
		ObjectNode parameter = JSON.objectNode().put("name", name).put("in", in).put("required", required);
		JsonNode declared = parameterSchema.path("properties").path(name);
		ObjectNode schema = (declared instanceof ObjectNode object && !object.has("$ref")) ? object.deepCopy()
				: JSON.objectNode().put("type", "string");
		parameter.set("schema", schema);
		return parameter;
	}

	/**
	 * The schema of a type for use inside the document: without {@code $schema}, its {@code $defs} moved to the
	 * components (renamed when another type already took a name) and references rewritten.
	 */
	private ObjectNode embed(Type type) {
		ObjectNode schema = this.schemas.schemaOf(type).deepCopy();
		schema.remove("$schema");
		JsonNode defs = schema.remove("$defs");
		Map<String, String> names = new HashMap<>();
		if (defs instanceof ObjectNode definitions) {
			for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
				names.put(definition.getKey(), componentName(definition.getKey(), definition.getValue(), definitions));
			}
			for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
				JsonNode value = definition.getValue().deepCopy();
				rewriteRefs(value, names, null);
				this.components.set(names.get(definition.getKey()), value);
			}
		}
		if (containsRef(schema, "#")) {
			String name = componentName(simpleName(type), schema, JSON.objectNode());
			rewriteRefs(schema, names, COMPONENTS_REF + name);
			this.components.set(name, schema);
			return JSON.objectNode().put("$ref", COMPONENTS_REF + name);
		}
		rewriteRefs(schema, names, null);
		return schema;
	}

	/**
	 * The component name for a definition: its own name unless another, different schema holds it already.
	 */
	private String componentName(String name, JsonNode schema, ObjectNode siblings) {
		Map<String, String> identity = new HashMap<>();
		siblings.propertyNames().forEach((sibling) -> identity.put(sibling, sibling));
		JsonNode candidate = schema.deepCopy();
		rewriteRefs(candidate, identity, null);
		String chosen = name;
		for (int i = 2; this.components.has(chosen) && !this.components.get(chosen).equals(candidate); i++) {
			chosen = name + "_" + i;
		}
		return chosen;
	}

	private static void rewriteRefs(JsonNode node, Map<String, String> names, @Nullable String rootRef) {
		if (node instanceof ObjectNode object) {
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isString()) {
				String value = ref.asString();
				if (value.startsWith(DEFS_REF)) {
					String name = value.substring(DEFS_REF.length());
					object.put("$ref", COMPONENTS_REF + names.getOrDefault(name, name));
				}
				else if (value.equals("#") && rootRef != null) {
					object.put("$ref", rootRef);
				}
			}
			object.values().forEach((child) -> rewriteRefs(child, names, rootRef));
		}
		else if (node instanceof ArrayNode array) {
			array.values().forEach((child) -> rewriteRefs(child, names, rootRef));
		}
	}

	private static boolean containsRef(JsonNode node, String ref) {
		if (node instanceof ObjectNode object) {
			JsonNode value = object.get("$ref");
			if (value != null && value.isString() && value.asString().equals(ref)) {
				return true;
			}
		}
		for (JsonNode child : node.values()) {
			if (containsRef(child, ref)) {
				return true;
			}
		}
		return false;
	}

	private static String simpleName(Type type) {
		String name = type.getTypeName();
		int generic = name.indexOf('<');
		name = (generic >= 0) ? name.substring(0, generic) : name;
		return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
	}

	private static boolean isNone(Type type) {
		return type == Void.class || type == void.class;
	}

	private static ObjectNode errorSchema() {
		ObjectNode schema = JSON.objectNode().put("type", "object")
			.put("description", "PURISTA's error body");
		ObjectNode properties = schema.putObject("properties");
		properties.putObject("status").put("type", "integer").put("description", "The status code");
		properties.putObject("message").put("type", "string").put("description", "The error message");
		properties.putObject("traceId").put("type", "string").put("description", "The business trace id");
		properties.putObject("data").put("description", "Details of handled errors, e.g. validation issues");
		schema.putArray("required").add("status").add("message");
		return schema;
	}

}
