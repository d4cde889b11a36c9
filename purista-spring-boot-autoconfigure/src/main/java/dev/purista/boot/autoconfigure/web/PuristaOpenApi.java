package dev.purista.boot.autoconfigure.web;

import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
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
 * Builds the OpenAPI 3.1 document of the HTTP routes with swagger-core's model and writes it with
 * {@link Json31}. OpenAPI 3.1 schemas are JSON Schema 2020-12, the dialect {@link JsonSchemas} generates, so
 * command schemas are embedded as generated (converted to swagger {@link Schema}s through their JSON); only
 * their {@code $defs} move to {@code components/schemas}, because a {@code #/$defs/...} reference inside the
 * document would resolve against the document root.
 */
final class PuristaOpenApi {

	static final String OPENAPI_VERSION = "3.1.0";

	/** The component name of PURISTA's error body. */
	static final String ERROR_SCHEMA = "PuristaError";

	private static final String DEFS_REF = "#/$defs/";

	private static final String COMPONENTS_REF = "#/components/schemas/";

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final JsonSchemas schemas;

	private final OpenAPI document;

	private final Paths paths = new Paths();

	/** The component schemas as generated trees, compared when choosing names and converted at the end. */
	private final Map<String, JsonNode> components = new LinkedHashMap<>();

	private final Set<String> operationIds = new HashSet<>();

	private PuristaOpenApi(JsonSchemas schemas, String title) {
		this.schemas = schemas;
		this.document = new OpenAPI(SpecVersion.V31).openapi(OPENAPI_VERSION)
			.info(new Info().title(title).version("1"))
			.paths(this.paths);
	}

	static OpenAPI build(PuristaHttpRoutes routes, JsonSchemas schemas, String title) {
		PuristaOpenApi openApi = new PuristaOpenApi(schemas, title);
		routes.routes().stream()
			.sorted((a, b) -> a.templatePath().compareTo(b.templatePath()))
			.forEach(openApi::add);
		Components components = new Components().addSchemas(ERROR_SCHEMA, errorSchema());
		openApi.components.forEach((name, schema) -> components.addSchemas(name, toSchema(schema)));
		return openApi.document.components(components);
	}

	/**
	 * Write a document as OpenAPI 3.1 JSON.
	 * @param openApi the document
	 * @return its JSON
	 */
	static byte[] write(OpenAPI openApi) {
		try {
			return Json31.mapper().writeValueAsBytes(openApi);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException("Cannot write the OpenAPI document", ex);
		}
	}

	/**
	 * Convert a generated JSON Schema to swagger's model. Reading it as {@link Schema} with the
	 * {@linkplain Json31#mapper() 3.1 mapper} yields a {@link JsonSchema} keeping the 2020-12 keywords.
	 * @param schema the schema as a Jackson 3 tree
	 * @return the swagger schema
	 */
	static Schema<?> toSchema(JsonNode schema) {
		try {
			return Json31.mapper().readValue(schema.toString(), Schema.class);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException("Cannot convert JSON Schema " + schema, ex);
		}
	}

	private void add(PuristaHttpRoutes.Route route) {
		CommandDefinition command = route.command();
		HttpExposure http = route.http();
		PathItem pathItem = this.paths.computeIfAbsent(route.templatePath(), (path) -> new PathItem());
		Operation operation = new Operation();
		pathItem.operation(PathItem.HttpMethod.valueOf(route.method()), operation);
		if (!http.tags().isEmpty()) {
			operation.tags(List.copyOf(http.tags()));
		}
		operation.summary(http.summary());
		if (!command.description().isEmpty()) {
			operation.description(command.description());
		}
		operation.operationId(operationId(route));
		ObjectNode parameterSchema = isNone(command.parameterType()) ? JSON.objectNode()
				: this.schemas.schemaOf(command.parameterType());
		for (String name : route.pathVariables()) {
			operation.addParametersItem(parameter(name, "path", true, parameterSchema));
		}
		for (String name : new LinkedHashSet<>(http.query())) {
			if (!route.pathVariables().contains(name)) {
				operation.addParametersItem(parameter(name, "query", false, parameterSchema));
			}
		}
		if (PuristaRouterFunction.hasBody(route.method()) && !isNone(command.payloadType())) {
			operation.requestBody(new RequestBody().content(json(toSchema(embed(command.payloadType())))));
		}
		ApiResponses responses = new ApiResponses();
		if (isNone(command.outputType())) {
			responses.addApiResponse("204", new ApiResponse().description(StatusCode.messageFor(204)));
		}
		else {
			responses.addApiResponse("200", new ApiResponse().description(StatusCode.messageFor(200))
				.content(json(toSchema(embed(command.outputType())))));
		}
		// what every route may answer: invalid input, an internal error, the event bridge disconnected or stopping
		// (503 with Retry-After) and no response in time (504), and a body over purista.http.max-request-size
		Set<Integer> errors = new TreeSet<>(List.of(400, 500, 503, 504));
		if (PuristaRouterFunction.hasBody(route.method())) {
			errors.add(413);
		}
		errors.addAll(http.additionalStatusCodes());
		for (int status : errors) {
			ApiResponse error = new ApiResponse().description(StatusCode.messageFor(status))
				.content(json(new JsonSchema().$ref(COMPONENTS_REF + ERROR_SCHEMA)));
			if (status == 503) {
				error.addHeaderObject("Retry-After", new Header()
					.description("seconds after which to try again").schema(new JsonSchema().type("integer")));
			}
			responses.addApiResponse(Integer.toString(status), error);
		}
		operation.responses(responses);
		if (command.deprecated()) {
			operation.deprecated(true);
		}
	}

	private static Content json(Schema<?> schema) {
		return new Content().addMediaType(PuristaRouterFunction.JSON_CONTENT_TYPE, new MediaType().schema(schema));
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

	private static Parameter parameter(String name, String in, boolean required, ObjectNode parameterSchema) {
		JsonNode declared = parameterSchema.path("properties").path(name);
		ObjectNode schema = (declared instanceof ObjectNode object && !object.has("$ref")) ? object
				: JSON.objectNode().put("type", "string");
		return new Parameter().name(name).in(in).required(required).schema(toSchema(schema));
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
				this.components.put(names.get(definition.getKey()), value);
			}
		}
		if (containsRef(schema, "#")) {
			String name = componentName(simpleName(type), schema, JSON.objectNode());
			rewriteRefs(schema, names, COMPONENTS_REF + name);
			this.components.put(name, schema);
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
		for (int i = 2; (this.components.containsKey(chosen) && !this.components.get(chosen).equals(candidate))
				|| chosen.equals(ERROR_SCHEMA); i++) {
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

	private static Schema<?> errorSchema() {
		return new JsonSchema().types(Set.of("object"))
			.description("PURISTA's error body")
			.addProperty("status", new JsonSchema().types(Set.of("integer")).description("The status code"))
			.addProperty("message", new JsonSchema().types(Set.of("string")).description("The error message"))
			.addProperty("traceId", new JsonSchema().types(Set.of("string")).description("The business trace id"))
			.addProperty("data", new JsonSchema().description("Details of handled errors, e.g. validation issues"))
			.required(List.of("status", "message"));
	}

}
