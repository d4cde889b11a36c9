package dev.purista.boot.autoconfigure.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.service.AnnotatedServices;
import dev.purista.core.validation.JsonSchemas;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaOpenApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonSchemas schemas = new JsonSchemas();

	private final OpenAPI openApi = PuristaOpenApi.build(
			PuristaHttpRoutes.of(List.of(AnnotatedServices.definitionOf(new ShopService()),
					AnnotatedServices.definitionOf(new OtherShopService())), "/api"),
			this.schemas, "shop");

	private final JsonNode document = JSON.readTree(PuristaOpenApi.write(this.openApi));

	@Test
	void documentIsSwaggersOpenApi31Model() {
		assertThat(this.openApi.getSpecVersion()).isEqualTo(SpecVersion.V31);
		assertThat(this.openApi.getOpenapi()).isEqualTo("3.1.0");
		assertThat(this.openApi.getInfo().getTitle()).isEqualTo("shop");
		assertThat(this.openApi.getPaths()).containsKeys("/api/v1/order", "/api/v1/tree", "/api/v2/tree",
				"/api/v1/customer/{customerId}");
		assertThat(this.openApi.getPaths().get("/api/v1/order").getPost().getRequestBody().getContent()
			.get("application/json").getSchema()).isInstanceOf(JsonSchema.class);
		assertThat(this.openApi.getComponents().getSchemas()).containsKeys(PuristaOpenApi.ERROR_SCHEMA, "Address",
				"Node");
		assertThat(this.document.path("openapi").asString()).isEqualTo("3.1.0");
		assertThat(this.document.path("info").path("title").asString()).isEqualTo("shop");
		assertThat(this.document.path("components").path("schemas").path(PuristaOpenApi.ERROR_SCHEMA)
			.path("required").values()).extracting(JsonNode::asString).containsExactlyInAnyOrder("status", "message");
	}

	@Test
	void schemaKeywordsSurviveTheConversionToSwaggersModel() {
		JsonNode body = operation("/api/v1/customer/{customerId}", "put").path("requestBody").path("content")
			.path("application/json").path("schema");
		JsonNode properties = body.path("properties");
		assertThat(body.path("type").asString()).isEqualTo("object");
		assertThat(body.path("required").values()).extracting(JsonNode::asString).contains("email", "code");
		assertThat(properties.path("email").path("format").asString()).isEqualTo("email");
		assertThat(properties.path("code").path("pattern").asString()).isEqualTo("^[A-Z]{3}$");
		assertThat(properties.path("name").path("minLength").asInt()).isEqualTo(1);
		assertThat(properties.path("name").path("maxLength").asInt()).isEqualTo(40);
		assertThat(properties.path("billing").path("$ref").asString()).isEqualTo("#/components/schemas/Address");
		assertThat(properties.path("others").path("type").asString()).isEqualTo("array");
		assertThat(properties.path("others").path("items").path("$ref").asString())
			.isEqualTo("#/components/schemas/Address");
		assertThat(properties.path("scores").path("type").asString()).isEqualTo("object");
		JsonNode generated = this.schemas.schemaOf(Customer.class).deepCopy();
		assertThat(properties).isEqualTo(
				JSON.readTree(generated.path("properties").toString().replace("#/$defs/", "#/components/schemas/")));
		JsonNode customerId = operation("/api/v1/customer/{customerId}", "put").path("parameters").get(0);
		assertThat(customerId.path("in").asString()).isEqualTo("path");
		assertThat(customerId.path("schema").path("format").asString()).isEqualTo("uuid");
	}

	@Test
	void everyJsonSchemaKeywordOfInterestSurvivesTheConversion() {
		JsonNode schema = JSON.readTree("""
				{"type":"object","required":["a"],"additionalProperties":false,"properties":{
				"a":{"type":"string","format":"email","pattern":"^a","minLength":1,"maxLength":5},
				"b":{"type":["string","null"],"enum":["x","y",null]},
				"c":{"type":"array","items":{"$ref":"#/components/schemas/X"},"minItems":1,"uniqueItems":true},
				"d":{"type":"object","additionalProperties":{"type":"integer","minimum":0,"exclusiveMaximum":9}},
				"e":{"anyOf":[{"type":"string"},{"type":"integer"}],"description":"either","default":"x"},
				"f":{"const":"fixed","title":"F","readOnly":true}}}""");
		Schema<?> converted = PuristaOpenApi.toSchema(schema);
		assertThat(converted).isInstanceOf(JsonSchema.class);
		assertThat(converted.getTypes()).containsExactly("object");
		assertThat(converted.getRequired()).containsExactly("a");
		assertThat(((Schema<?>) converted.getProperties().get("a")).getFormat()).isEqualTo("email");
		assertThat(((Schema<?>) converted.getProperties().get("a")).getPattern()).isEqualTo("^a");
		assertThat(((Schema<?>) converted.getProperties().get("a")).getMinLength()).isEqualTo(1);
		assertThat(((Schema<?>) converted.getProperties().get("c")).getItems().get$ref())
			.isEqualTo("#/components/schemas/X");
		assertThat(converted.getAdditionalProperties()).isEqualTo(false);
		OpenAPI holder = new OpenAPI(SpecVersion.V31);
		holder.schema("S", converted);
		JsonNode written = JSON.readTree(PuristaOpenApi.write(holder)).path("components").path("schemas").path("S");
		assertThat(written).isEqualTo(schema);
	}

	@Test
	void sharedDefinitionsMoveToComponentsWithReferencesRewritten() {
		JsonNode body = operation("/api/v1/order", "post").path("requestBody").path("content")
			.path("application/json").path("schema");
		assertThat(body.has("$defs")).isFalse();
		assertThat(body.path("properties").path("billing").path("$ref").asString())
			.isEqualTo("#/components/schemas/Address");
		assertThat(this.document.path("components").path("schemas").path("Address").path("properties")
			.propertyNames()).contains("street");
		assertThat(this.document.toString()).doesNotContain("#/$defs/").doesNotContain("$schema");
	}

	@Test
	void recursiveTypeBecomesAComponentReferringToItself() {
		JsonNode output = operation("/api/v1/tree", "get").path("responses").path("200").path("content")
			.path("application/json").path("schema");
		assertThat(output.path("$ref").asString()).isEqualTo("#/components/schemas/Node");
		JsonNode node = this.document.path("components").path("schemas").path("Node");
		assertThat(node.path("properties").path("children").path("items").path("$ref").asString())
			.isEqualTo("#/components/schemas/Node");
	}

	@Test
	void duplicateOperationIdsAreQualifiedWithTheService() {
		assertThat(operation("/api/v1/tree", "get").path("operationId").asString()).isEqualTo("tree");
		assertThat(operation("/api/v2/tree", "get").path("operationId").asString()).isEqualTo("OtherShop_v2_tree");
	}

	@Test
	void deprecatedCommandIsMarkedDeprecated() {
		assertThat(operation("/api/v2/tree", "get").path("deprecated").asBoolean()).isTrue();
		assertThat(operation("/api/v1/tree", "get").has("deprecated")).isFalse();
	}

	private JsonNode operation(String path, String method) {
		return this.document.path("paths").path(path).path(method);
	}

	record Address(String street) {
	}

	record Customer(@NotNull @Email String email, @NotNull @Pattern(regexp = "^[A-Z]{3}$") String code,
			@Size(min = 1, max = 40) String name, Address billing, List<Address> others,
			Map<String, Integer> scores) {
	}

	record CustomerKey(java.util.UUID customerId) {
	}

	record Order(Address billing, Address shipping) {
	}

	record Node(String name, List<Node> children) {
	}

	@PuristaService(name = "Shop")
	static class ShopService {

		@Command(http = @Http(method = "POST", path = "order"))
		public String order(Order order) {
			return "ok";
		}

		@Command(http = @Http(method = "GET", path = "tree"))
		public Node tree() {
			return new Node("root", List.of());
		}

		@Command(http = @Http(method = "PUT", path = "customer/:customerId"))
		public void customer(@dev.purista.core.annotation.Parameter CustomerKey key, Customer customer) {
		}

	}

	@PuristaService(name = "OtherShop", version = "2")
	static class OtherShopService {

		@Command(http = @Http(method = "GET", path = "tree"), name = "tree", deprecated = true)
		public Node otherTree() {
			return new Node("root", List.of());
		}

	}

}
