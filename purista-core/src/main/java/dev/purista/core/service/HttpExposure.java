package dev.purista.core.service;

import java.util.List;
import java.util.Locale;

/**
 * How a command is exposed over HTTP (PURISTA's {@code exposeAsHttpEndpoint} and OpenAPI metadata).
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param path the path below {@code /api/v<version>/}, with {@code :name} path variables
 * @param query documented query parameter names
 * @param tags OpenAPI tags
 * @param additionalStatusCodes documented error statuses
 * @param summary OpenAPI summary
 * @param operationId OpenAPI operation id
 * @param secure whether the endpoint requires authentication
 */
public record HttpExposure(String method, String path, List<String> query, List<String> tags,
		List<Integer> additionalStatusCodes, String summary, String operationId, boolean secure) {

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

	public HttpExposure {
		method = method.toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw new IllegalArgumentException("HTTP method '" + method + "' is not supported; use one of " + METHODS);
		}
		path = path.startsWith("/") ? path.substring(1) : path;
		query = List.copyOf(query);
		tags = List.copyOf(tags);
		additionalStatusCodes = List.copyOf(additionalStatusCodes);
	}

	/**
	 * An exposure with defaults for the OpenAPI metadata.
	 * @param method the HTTP method
	 * @param path the path
	 * @param commandName the command name (summary and operation id)
	 * @return the exposure
	 */
	public static HttpExposure of(String method, String path, String commandName) {
		return new HttpExposure(method, path, List.of(), List.of(), List.of(), commandName, commandName, true);
	}

}
