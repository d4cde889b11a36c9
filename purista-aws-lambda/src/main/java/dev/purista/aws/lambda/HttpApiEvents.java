package dev.purista.aws.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.purista.boot.autoconfigure.web.HttpTraceIds;
import dev.purista.boot.autoconfigure.web.PuristaHttpErrors;
import dev.purista.boot.autoconfigure.web.PuristaHttpRoutes;
import dev.purista.core.error.StatusCode;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandErrorResponse;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.ErrorPayload;
import dev.purista.core.message.Message;
import dev.purista.core.message.Messages;
import dev.purista.core.observation.TraceCarrier;

/**
 * Answers API Gateway HTTP API (payload format 2.0) events as PURISTA's HTTP exposure answers requests: the route
 * is matched on {@code rawPath} (without the {@code /<stage>} prefix API Gateway adds for a stage other than
 * {@code $default}) against the commands' HTTP metadata below {@code purista.http.base-path}, the command gets
 * {@code parameter = {...query, ...pathVariables}} and the JSON body as payload (not for GET and DELETE; the
 * content type must contain {@code application/json}), the trace id comes from {@code x-trace-id} and is echoed,
 * the W3C trace headers ({@code traceparent}, {@code tracestate}, {@code baggage}) become the command's trace
 * context, principal and tenant come from configured claims of API Gateway's JWT authorizer, and statuses and
 * bodies follow {@link PuristaHttpErrors}. A path or method without a served route is 404
 * {@code {status, message, data: {method, route}}}, as the HTTP exposure answers.
 */
final class HttpApiEvents {

	static final String TRACE_ID_HEADER = "x-trace-id";

	private static final String JSON_CONTENT_TYPE = "application/json";

	private static final String RESPONSE_CONTENT_TYPE = "application/json; charset=utf-8";

	private final PuristaLambdaFunction function;

	private final PuristaHttpRoutes routes;

	private final JsonMapper mapper;

	private final long maxRequestSize;

	private final @Nullable String principalClaim;

	private final @Nullable String tenantClaim;

	HttpApiEvents(PuristaLambdaFunction function, PuristaHttpRoutes routes, JsonMapper mapper, Options options) {
		this.function = function;
		this.routes = routes;
		this.mapper = mapper;
		this.maxRequestSize = options.maxRequestSize();
		this.principalClaim = options.principalClaim();
		this.tenantClaim = options.tenantClaim();
	}

	/**
	 * Whether an event is an HTTP API payload v2 event.
	 */
	static boolean isHttpApiEvent(JsonNode event) {
		return event.path("version").asString("").equals("2.0") && event.has("routeKey");
	}

	byte[] handle(JsonNode event, Context context) {
		Map<String, String> headers = headers(event.path("headers"));
		String traceId = HttpTraceIds.of(headers.get(TRACE_ID_HEADER));
		String method = method(event);
		String rawPath = event.path("rawPath").asString("/");
		String path = withoutStage(rawPath, event.path("requestContext").path("stage").asString(""));
		PuristaHttpRoutes.Match match = this.routes.match(method, PathContainer.parsePath(path));
		if (match == null && !path.equals(rawPath)) {
			// a custom domain's path may begin like the stage without being it
			match = this.routes.match(method, PathContainer.parsePath(rawPath));
		}
		if (match == null || !this.function.serves(match.route().target())) {
			Map<String, String> data = new LinkedHashMap<>();
			data.put("method", method);
			data.put("route", path);
			return response(new ErrorPayload(404, StatusCode.messageFor(404), data, null), null);
		}
		Object payload = null;
		if (hasBody(method)) {
			String contentType = headers.get("content-type");
			if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains(JSON_CONTENT_TYPE)) {
				return response(new ErrorPayload(400, "Content-Type must be " + JSON_CONTENT_TYPE, null, traceId),
						traceId);
			}
			byte[] body = body(event);
			if (body == null) {
				return response(new ErrorPayload(400, "Request body could not be read", null, traceId), traceId);
			}
			if (body.length > this.maxRequestSize) {
				return response(new ErrorPayload(413, StatusCode.messageFor(413),
						Map.of("maxRequestSize", this.maxRequestSize), traceId), traceId);
			}
			if (body.length > 0) {
				try {
					payload = this.mapper.readTree(body);
				}
				catch (JacksonException ex) {
					return response(new ErrorPayload(400, "Request body is not valid JSON", null, traceId), traceId);
				}
			}
		}
		Map<String, String> parameter;
		try {
			parameter = query(event.path("rawQueryString").asString(""));
		}
		catch (IllegalArgumentException ex) {
			return response(new ErrorPayload(400, "Query string is not well-formed", null, traceId), traceId);
		}
		parameter.putAll(match.pathVariables());
		PuristaHttpRoutes.Route route = match.route();
		JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
		Map<String, String> traceContext = TraceCarrier.w3cEntries(headers);
		Command command = Messages.command(route.sender().withInstanceId(this.function.instanceId()), route.target(),
				payload, parameter, traceId, claim(claims, this.principalClaim), claim(claims, this.tenantClaim),
				traceContext.isEmpty() ? null : TraceCarrier.toOtp(traceContext));
		Message answer = this.function.run(command, context);
		if (answer instanceof CommandErrorResponse error) {
			return response(PuristaHttpErrors.of(Messages.toException(error), traceId), traceId);
		}
		Object result = (answer instanceof CommandSuccessResponse success) ? success.payload() : null;
		JsonNode json = (result != null) ? this.mapper.valueToTree(result) : null;
		if (PuristaHttpErrors.isNoContent(json)) {
			return write(204, null, traceId, null);
		}
		return write(200, json, traceId, null);
	}

	private byte[] response(ErrorPayload error, @Nullable String traceId) {
		String retryAfter = (error.status() == 503) ? Integer.toString(PuristaHttpErrors.RETRY_AFTER_SECONDS) : null;
		return write(error.status(), this.mapper.valueToTree(error), traceId, retryAfter);
	}

	private byte[] write(int status, @Nullable JsonNode body, @Nullable String traceId, @Nullable String retryAfter) {
		ObjectNode response = this.mapper.createObjectNode();
		response.put("statusCode", status);
		ObjectNode headers = response.putObject("headers");
		if (body != null) {
			headers.put("content-type", RESPONSE_CONTENT_TYPE);
		}
		if (traceId != null) {
			headers.put(TRACE_ID_HEADER, traceId);
		}
		if (retryAfter != null) {
			headers.put("retry-after", retryAfter);
		}
		response.put("body", (body != null) ? this.mapper.writeValueAsString(body) : "");
		response.put("isBase64Encoded", false);
		return this.mapper.writeValueAsBytes(response);
	}

	/**
	 * The path without the stage prefix API Gateway puts in {@code rawPath} for a stage other than
	 * {@code $default}.
	 */
	static String withoutStage(String rawPath, String stage) {
		if (stage.isEmpty() || stage.equals("$default")) {
			return rawPath;
		}
		String prefix = "/" + stage;
		if (rawPath.equals(prefix)) {
			return "/";
		}
		return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
	}

	private static @Nullable String claim(JsonNode claims, @Nullable String name) {
		if (name == null) {
			return null;
		}
		JsonNode value = claims.path(name);
		if (!value.isValueNode() || value.isNull()) {
			return null;
		}
		String text = value.asString("");
		return text.isEmpty() ? null : text;
	}

	private static String method(JsonNode event) {
		String method = event.path("requestContext").path("http").path("method").asString("");
		if (method.isEmpty()) {
			String routeKey = event.path("routeKey").asString("");
			int space = routeKey.indexOf(' ');
			method = (space > 0) ? routeKey.substring(0, space) : "";
		}
		return method.toUpperCase(Locale.ROOT);
	}

	private static Map<String, String> headers(JsonNode node) {
		Map<String, String> headers = new LinkedHashMap<>();
		node.properties().forEach((entry) -> headers.put(entry.getKey().toLowerCase(Locale.ROOT),
				entry.getValue().asString("")));
		return headers;
	}

	private static byte @Nullable [] body(JsonNode event) {
		JsonNode body = event.path("body");
		if (body.isMissingNode() || body.isNull()) {
			return new byte[0];
		}
		String text = body.asString("");
		if (!event.path("isBase64Encoded").asBoolean(false)) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		try {
			return Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The query parameters, the first value of each name.
	 * @throws IllegalArgumentException when the query string cannot be decoded
	 */
	private static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

	private static boolean hasBody(String method) {
		return !method.equals("GET") && !method.equals("DELETE");
	}

	/**
	 * How HTTP API events are mapped.
	 *
	 * @param basePath the base path of the routes ({@code purista.http.base-path})
	 * @param maxRequestSize the largest body accepted, in bytes ({@code purista.http.max-request-size})
	 * @param principalClaim the JWT authorizer claim that is the principal, or {@code null} for none
	 * @param tenantClaim the JWT authorizer claim that is the tenant, or {@code null} for none
	 */
	record Options(String basePath, long maxRequestSize, @Nullable String principalClaim,
			@Nullable String tenantClaim) {
	}

}
