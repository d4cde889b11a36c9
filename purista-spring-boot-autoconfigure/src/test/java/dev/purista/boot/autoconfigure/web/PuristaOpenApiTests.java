package dev.purista.boot.autoconfigure.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.Http;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.service.AnnotatedServices;
import dev.purista.core.validation.JsonSchemas;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaOpenApiTests {

	private final ObjectNode document = PuristaOpenApi.build(
			PuristaHttpRoutes.of(List.of(AnnotatedServices.definitionOf(new ShopService()),
					AnnotatedServices.definitionOf(new OtherShopService())), "/api"),
			new JsonSchemas(), "shop");

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

	}

	@PuristaService(name = "OtherShop", version = "2")
	static class OtherShopService {

		@Command(http = @Http(method = "GET", path = "tree"), name = "tree", deprecated = true)
		public Node otherTree() {
			return new Node("root", List.of());
		}

	}

}
