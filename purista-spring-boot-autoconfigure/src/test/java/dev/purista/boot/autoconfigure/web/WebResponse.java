package dev.purista.boot.autoconfigure.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A response of the HTTP tests of this package: status, headers and the raw body, read as JSON on demand.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param raw the body, empty for none
 */
record WebResponse(int status, HttpHeaders headers, byte[] raw) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Send a request and read its response.
	 * @param client the client
	 * @param method the method
	 * @param uri the path and query
	 * @param json a JSON body sent as {@code application/json}, or {@code null} for none
	 * @param headers further headers as name, value pairs
	 * @return the response
	 */
	static WebResponse send(RestTestClient client, HttpMethod method, String uri, @Nullable String json,
			String... headers) {
		RestTestClient.RequestBodySpec request = client.method(method).uri(uri);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		if (json != null) {
			request.header(HttpHeaders.CONTENT_TYPE, "application/json").body(json);
		}
		return of(request.exchange().returnResult());
	}

	/**
	 * Read the response of an exchange.
	 * @param result the exchange's result
	 * @return the response
	 */
	static WebResponse of(ExchangeResult result) {
		byte[] raw = result.getResponseBodyContent();
		return new WebResponse(result.getStatus().value(), result.getResponseHeaders(),
				(raw != null) ? raw : new byte[0]);
	}

	JsonNode body() {
		return JSON.readTree(this.raw);
	}

}
