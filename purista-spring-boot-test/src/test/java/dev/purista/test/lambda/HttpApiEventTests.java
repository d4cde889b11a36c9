package dev.purista.test.lambda;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpApiEvent} writes the fields of API Gateway's HTTP API payload 2.0.
 */
class HttpApiEventTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void jsonRequestOnTheDefaultStage() {
		JsonNode event = JSON.readTree(new String(HttpApiEvent.request("POST", "/api/v1/user")
			.query("a=1")
			.header("X-Trace-Id", "t-1")
			.jsonBody("{\"email\":\"ada@example.com\"}")
			.toBytes(), StandardCharsets.UTF_8));
		assertThat(event.path("version").asString()).isEqualTo("2.0");
		assertThat(event.path("routeKey").asString()).isEqualTo("$default");
		assertThat(event.path("rawPath").asString()).isEqualTo("/api/v1/user");
		assertThat(event.path("rawQueryString").asString()).isEqualTo("a=1");
		assertThat(event.path("headers").path("x-trace-id").asString()).isEqualTo("t-1");
		assertThat(event.path("headers").path("content-type").asString()).isEqualTo("application/json");
		assertThat(event.path("requestContext").path("stage").asString()).isEqualTo("$default");
		assertThat(event.path("requestContext").path("http").path("method").asString()).isEqualTo("POST");
		assertThat(event.path("requestContext").path("http").path("path").asString()).isEqualTo("/api/v1/user");
		assertThat(event.path("requestContext").has("authorizer")).isFalse();
		assertThat(event.path("body").asString()).isEqualTo("{\"email\":\"ada@example.com\"}");
		assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
	}

	@Test
	void namedStagePrefixesThePathAndClaimsGoToTheJwtAuthorizer() {
		JsonNode event = HttpApiEvent.request("GET", "/api/v1/user/7")
			.stage("prod")
			.jwtClaim("sub", "user-1")
			.toJson();
		assertThat(event.path("rawPath").asString()).isEqualTo("/prod/api/v1/user/7");
		assertThat(event.path("requestContext").path("stage").asString()).isEqualTo("prod");
		assertThat(event.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asString())
			.isEqualTo("user-1");
		assertThat(event.has("body")).isFalse();
	}

	@Test
	void binaryBodyIsBase64Encoded() {
		JsonNode event = HttpApiEvent.request("POST", "/upload").base64Body(new byte[] { 1, 2, 3 }).toJson();
		assertThat(event.path("body").asString()).isEqualTo("AQID");
		assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
	}

}
