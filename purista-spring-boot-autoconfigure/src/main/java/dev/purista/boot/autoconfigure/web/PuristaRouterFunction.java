package dev.purista.boot.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.boot.autoconfigure.web.PuristaPrincipalResolver.ResolvedPrincipal;
import dev.purista.core.error.CommandTimeoutException;
import dev.purista.core.error.HandledException;
import dev.purista.core.error.StatusCode;
import dev.purista.core.error.StatusException;
import dev.purista.core.message.ErrorPayload;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.observation.TraceCarrier;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceRuntime;

/**
 * Routes HTTP requests to the PURISTA commands of the running services, as PURISTA's HTTP server does: every
 * command with HTTP metadata answers at {@code <base>/v<service version>/<path>} with its method, and the OpenAPI
 * 3.1 document of those commands is served at {@code <base>/openapi.json} when a {@link PuristaOpenApiDocument}
 * is given (swagger-core is on the class path).
 * <p>
 * Routes are looked up per request in a table built from {@link PuristaServices#definitions()}, rebuilt when the
 * running services change; so only running services answer, and requests arriving before the services started
 * or after they stopped find no route. A request becomes a command with
 * {@code parameter = {...query, ...pathVariables}} and the JSON body as payload (methods other than GET and
 * DELETE; the content type must contain {@code application/json}; a body larger than the maximum request size
 * is answered 413 without being read), the trace id from the {@code x-trace-id} header (when it is a safe token:
 * 1 to 64 characters of {@code [A-Za-z0-9._-]}, not only zeros, which includes W3C trace ids; otherwise, or when
 * absent, a fresh id is generated; always echoed) and principal and tenant from the
 * {@link PuristaPrincipalResolver}. The command is invoked with the bridge's default timeout without blocking
 * the request thread. A result is returned as 200 JSON, an empty one ({@code null} or {@code ""}) as 204; a
 * {@link HandledException} as its status with body {@code {status, message, data?, traceId}}; a runtime 503
 * (bridge disconnected or stopping) as 503 with a {@code Retry-After} header of {@value #RETRY_AFTER_SECONDS}
 * seconds and a timeout (504) as 504, both with body {@code {status, message, traceId}} (TypeScript PURISTA
 * answers 500 for both); anything else as 500 {@code {status: 500, message: "Internal Server Error", traceId}}.
 */
public final class PuristaRouterFunction implements RouterFunction<ServerResponse> {

	/**
	 * The service name commands from HTTP are sent from. It is {@code Hono}, the name of TypeScript PURISTA's HTTP
	 * server service, so that receivers (subscriptions filtering on the sender, logs, dashboards) see requests
	 * from this application exactly as from a TypeScript PURISTA HTTP server.
	 */
	public static final String SENDER_SERVICE_NAME = "Hono";

	/** The service version commands from HTTP are sent from (that of PURISTA's HTTP server service). */
	public static final String SENDER_SERVICE_VERSION = "1";

	/** The header carrying PURISTA's business trace id, read from requests and echoed on responses. */
	public static final String TRACE_ID_HEADER = "x-trace-id";

	/** The largest request body accepted when none is given: 1 MB. */
	public static final DataSize DEFAULT_MAX_REQUEST_SIZE = DataSize.ofMegabytes(1);

	/** The seconds a client is asked to wait ({@code Retry-After}) before retrying a request answered 503. */
	public static final int RETRY_AFTER_SECONDS = PuristaHttpErrors.RETRY_AFTER_SECONDS;

	static final String JSON_CONTENT_TYPE = "application/json";

	private static final String RESPONSE_CONTENT_TYPE = "application/json; charset=utf-8";

	/** Extra time the servlet container gives an asynchronous request beyond the invocation timeout. */
	private static final Duration ASYNC_MARGIN = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(PuristaRouterFunction.class);

	private final PuristaServices services;

	private final String basePath;

	private final String openApiPath;

	private final JsonMapper mapper;

	private final PuristaPrincipalResolver principalResolver;

	private final @Nullable PuristaOpenApiDocument openApiDocument;

	private final PuristaInvoker invoker;

	private final long maxRequestSize;

	private volatile Snapshot snapshot = new Snapshot(List.of(), PuristaHttpRoutes.of(List.of(), "/"));

	/**
	 * Create the router function.
	 * @param services the running services
	 * @param basePath the path routes are mounted below, e.g. {@code /api}
	 * @param mapper the JSON mapper for request and response bodies
	 * @param principalResolver resolves principal and tenant of requests
	 * @param openApiDocument builds the OpenAPI document served at {@code <base>/openapi.json}, or {@code null}
	 * to serve none
	 */
	public PuristaRouterFunction(PuristaServices services, String basePath, JsonMapper mapper,
			PuristaPrincipalResolver principalResolver, @Nullable PuristaOpenApiDocument openApiDocument) {
		this(services, basePath, mapper, principalResolver, openApiDocument, DEFAULT_MAX_REQUEST_SIZE);
	}

	/**
	 * Create the router function.
	 * @param services the running services
	 * @param basePath the path routes are mounted below, e.g. {@code /api}
	 * @param mapper the JSON mapper for request and response bodies
	 * @param principalResolver resolves principal and tenant of requests
	 * @param openApiDocument builds the OpenAPI document served at {@code <base>/openapi.json}, or {@code null}
	 * to serve none
	 * @param maxRequestSize the largest request body accepted; larger ones are answered 413
	 */
	public PuristaRouterFunction(PuristaServices services, String basePath, JsonMapper mapper,
			PuristaPrincipalResolver principalResolver, @Nullable PuristaOpenApiDocument openApiDocument,
			DataSize maxRequestSize) {
		this.maxRequestSize = Math.min(Math.max(maxRequestSize.toBytes(), 0), Integer.MAX_VALUE - 8);
		this.services = services;
		this.basePath = PuristaHttpRoutes.join(basePath);
		this.openApiPath = PuristaHttpRoutes.join(this.basePath, "openapi.json");
		this.mapper = mapper;
		this.principalResolver = principalResolver;
		this.openApiDocument = openApiDocument;
		this.invoker = new PuristaInvoker(services.environment(),
				MessageAddress.of(SENDER_SERVICE_NAME, SENDER_SERVICE_VERSION, ""));
	}

	/**
	 * The path the routes are mounted below.
	 * @return the normalized base path, e.g. {@code /api}
	 */
	public String basePath() {
		return this.basePath;
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		String path = request.requestPath().pathWithinApplication().value();
		if (!path.startsWith(this.basePath)) {
			return Optional.empty();
		}
		Snapshot current = snapshot();
		String method = request.method().name();
		PuristaOpenApiDocument openApiDocument = this.openApiDocument;
		if (openApiDocument != null && path.equals(this.openApiPath) && method.equals("GET")) {
			return Optional.of((openApiRequest) -> openApi(current, openApiDocument));
		}
		PuristaHttpRoutes.Match match = current.routes().match(method, request.requestPath().pathWithinApplication());
		if (match == null) {
			return Optional.empty();
		}
		request.attributes().put(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE, match.route().pattern());
		request.attributes().put(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE, match.pathVariables());
		return Optional.of((commandRequest) -> handle(commandRequest, match));
	}

	private Snapshot snapshot() {
		Snapshot current = this.snapshot;
		List<ServiceRuntime> runtimes = this.services.runtimes();
		if (!current.isOf(runtimes)) {
			List<ServiceDefinition> definitions = runtimes.stream().map(ServiceRuntime::definition).toList();
			current = new Snapshot(runtimes, PuristaHttpRoutes.of(definitions, this.basePath));
			this.snapshot = current;
			if (logger.isDebugEnabled()) {
				current.routes().routes().forEach((route) -> logger.debug("PURISTA HTTP route " + route.method() + " "
						+ route.path() + " -> " + route.target()));
			}
		}
		return current;
	}

	private ServerResponse handle(ServerRequest request, PuristaHttpRoutes.Match match) {
		PuristaHttpRoutes.Route route = match.route();
		String traceId = HttpTraceIds.of(request.headers().firstHeader(TRACE_ID_HEADER));
		try {
			Object payload = null;
			if (hasBody(route.method())) {
				if (request.servletRequest().getContentLengthLong() > this.maxRequestSize) {
					return tooLarge(traceId);
				}
				String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
				if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains(JSON_CONTENT_TYPE)) {
					return error(new ErrorPayload(400, "Content-Type must be " + JSON_CONTENT_TYPE, null, traceId));
				}
				byte[] body;
				try {
					body = readBody(request.servletRequest().getInputStream());
				}
				catch (IOException ex) {
					logger.debug("PURISTA HTTP request body of " + route.method() + " " + route.path()
							+ " could not be read; traceId " + traceId, ex);
					return error(new ErrorPayload(400, "Request body could not be read", null, traceId));
				}
				if (body == null) {
					return tooLarge(traceId);
				}
				if (body.length > 0) {
					try {
						payload = this.mapper.readTree(body);
					}
					catch (JacksonException ex) {
						return error(new ErrorPayload(400, "Request body is not valid JSON", null, traceId));
					}
				}
			}
			Map<String, String> parameter = new LinkedHashMap<>();
			try {
				request.params().forEach((name, values) -> {
					if (!values.isEmpty()) {
						parameter.put(name, values.get(0));
					}
				});
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// e.g. Tomcat's InvalidParameterException for a query string that is not well-formed
				return error(new ErrorPayload(400, "Query string is not well-formed", null, traceId));
			}
			parameter.putAll(match.pathVariables());
			ResolvedPrincipal principal = this.principalResolver.resolve(request);
			Identity identity = new Identity(traceId, principal.principalId(), principal.tenantId())
				.withTraceContext(traceContext(request));
			CompletableFuture<ServerResponse> response = this.invoker
				.<JsonNode>invoke(route.sender(), route.target(), payload, parameter, JsonNode.class, null, identity)
				.handle((result, failure) -> (failure != null) ? failure(failure, route, traceId)
						: success(result, traceId));
			Duration timeout = this.services.environment().eventBridge().defaultCommandTimeout().plus(ASYNC_MARGIN);
			return ServerResponse.async(response, timeout);
		}
		catch (RuntimeException ex) {
			return failure(ex, route, traceId);
		}
	}

	/**
	 * Read a request body of at most the maximum request size, also when it is sent chunked.
	 * @return the body, or {@code null} when it is larger
	 */
	private byte @Nullable [] readBody(InputStream input) throws IOException {
		byte[] body = input.readNBytes((int) this.maxRequestSize + 1);
		return (body.length > this.maxRequestSize) ? null : body;
	}

	private ServerResponse tooLarge(String traceId) {
		return error(new ErrorPayload(413, StatusCode.messageFor(413), Map.of("maxRequestSize", this.maxRequestSize),
				traceId));
	}

	/**
	 * The request's W3C trace headers, carried on to the command when no tracer writes a context of its own.
	 */
	private static Map<String, String> traceContext(ServerRequest request) {
		Map<String, String> carrier = new LinkedHashMap<>();
		for (String field : TraceCarrier.W3C_FIELDS) {
			String value = request.headers().firstHeader(field);
			if (value != null && !value.isBlank()) {
				carrier.put(field, value);
			}
		}
		return carrier;
	}

	private ServerResponse success(@Nullable JsonNode result, String traceId) {
		if (PuristaHttpErrors.isNoContent(result)) {
			return ServerResponse.noContent().header(TRACE_ID_HEADER, traceId).build();
		}
		return json(200, this.mapper.writeValueAsBytes(result), (headers) -> headers.set(TRACE_ID_HEADER, traceId));
	}

	private ServerResponse failure(Throwable failure, PuristaHttpRoutes.Route route, String traceId) {
		Throwable cause = PuristaHttpErrors.unwrap(failure);
		ErrorPayload error = PuristaHttpErrors.of(cause, traceId);
		if (cause instanceof HandledException handled) {
			if (logger.isDebugEnabled()) {
				logger.debug("PURISTA command " + route.target() + " answered " + handled.getStatus() + " (traceId "
						+ traceId + ")");
			}
		}
		else if (cause instanceof CommandTimeoutException timeout) {
			logger.warn("PURISTA command " + route.target() + " for " + route.method() + " " + route.path()
					+ " timed out after " + timeout.getTimeout().toMillis()
					+ " ms (purista.event-bridge.default-command-timeout); traceId " + traceId);
		}
		else if (cause instanceof StatusException unhandled) {
			logger.warn("PURISTA command " + route.target() + " failed with " + unhandled.getStatus() + " "
					+ unhandled.getMessage() + "; traceId " + traceId);
		}
		else {
			logger.error("PURISTA HTTP route " + route.method() + " " + route.path() + " failed; traceId " + traceId,
					cause);
		}
		return error(error, traceId);
	}

	private ServerResponse error(ErrorPayload error) {
		return error(error, error.traceId());
	}

	private ServerResponse error(ErrorPayload error, @Nullable String traceId) {
		return json(error.status(), this.mapper.writeValueAsBytes(error), (headers) -> {
			if (traceId != null) {
				headers.set(TRACE_ID_HEADER, traceId);
			}
			if (error.status() == 503) {
				headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
			}
		});
	}

	private static ServerResponse openApi(Snapshot current, PuristaOpenApiDocument openApiDocument) {
		return json(200, current.openApi(openApiDocument::write), (headers) -> {
		});
	}

	static ServerResponse json(int status, byte[] body, Consumer<HttpHeaders> headers) {
		return ServerResponse.status(status)
			.header(HttpHeaders.CONTENT_TYPE, RESPONSE_CONTENT_TYPE)
			.headers(headers)
			.build((servletRequest, servletResponse) -> {
				servletResponse.setContentLength(body.length);
				servletResponse.getOutputStream().write(body);
				return null;
			});
	}

	static boolean hasBody(String method) {
		return !method.equals("GET") && !method.equals("DELETE");
	}

	/**
	 * The routes of one set of running services, with their OpenAPI document built on first use.
	 */
	private static final class Snapshot {

		private final List<ServiceRuntime> runtimes;

		private final PuristaHttpRoutes routes;

		private volatile byte @Nullable [] openApi;

		Snapshot(List<ServiceRuntime> runtimes, PuristaHttpRoutes routes) {
			this.runtimes = runtimes;
			this.routes = routes;
		}

		PuristaHttpRoutes routes() {
			return this.routes;
		}

		boolean isOf(List<ServiceRuntime> runtimes) {
			if (runtimes.size() != this.runtimes.size()) {
				return false;
			}
			for (int i = 0; i < runtimes.size(); i++) {
				if (runtimes.get(i) != this.runtimes.get(i)) {
					return false;
				}
			}
			return true;
		}

		byte[] openApi(Function<PuristaHttpRoutes, byte[]> builder) {
			byte[] document = this.openApi;
			if (document == null) {
				document = builder.apply(this.routes);
				this.openApi = document;
			}
			return document;
		}

	}

}
