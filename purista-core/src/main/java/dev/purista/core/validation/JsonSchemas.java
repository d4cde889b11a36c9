package dev.purista.core.validation;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON Schemas (draft 2020-12, as PURISTA's zod export) for payload, parameter and output types,
 * honouring Bean Validation constraints. Schemas are cached per type. Thread-safe.
 */
public final class JsonSchemas {

	/** The {@code $schema} URI of draft 2020-12. */
	public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

	private final SchemaGenerator generator;

	private final Map<Type, ObjectNode> cache = new ConcurrentHashMap<>();

	/**
	 * Create a generator.
	 */
	public JsonSchemas() {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(Option.SCHEMA_VERSION_INDICATOR)
			.with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
					JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
		this.generator = new SchemaGenerator(config.build());
	}

	/**
	 * Return the schema of a type; for {@code Object} and JSON trees (anything goes) only {@code $schema}.
	 * @param type the type
	 * @return the schema (a shared instance: do not modify)
	 */
	public ObjectNode schemaOf(Type type) {
		return this.cache.computeIfAbsent(type, this::generate);
	}

	private ObjectNode generate(Type type) {
		if (type == Object.class || (type instanceof Class<?> cls && JsonNode.class.isAssignableFrom(cls))) {
			ObjectNode any = JsonNodeFactory.instance.objectNode();
			any.put("$schema", DRAFT_2020_12);
			return any;
		}
		return this.generator.generateSchema(type);
	}

}
