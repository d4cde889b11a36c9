package dev.purista.boot.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StatusCode;
import dev.purista.core.message.ErrorPayload;

/**
 * Answers the error dispatch of a request below the PURISTA base path with PURISTA's error body
 * {@code {status, message, data: {method?, route}}} instead of the container's or Boot's error page, so that
 * errors raised before a route answered (a method the container refuses, a broken chunked body, an asynchronous
 * request that timed out) are JSON like every other answer below the base path. Errors of other paths keep the
 * application's error handling.
 */
final class PuristaErrorRouterFunction implements RouterFunction<ServerResponse> {

	/** The request attribute of the error dispatch holding the original method (Servlet 6.1). */
	private static final String ERROR_METHOD = "jakarta.servlet.error.method";

	private final String basePath;

	private final JsonMapper mapper;

	PuristaErrorRouterFunction(String basePath, JsonMapper mapper) {
		this.basePath = PuristaHttpRoutes.join(basePath);
		this.mapper = mapper;
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		HttpServletRequest servletRequest = request.servletRequest();
		if (servletRequest.getDispatcherType() != DispatcherType.ERROR
				|| !(servletRequest.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri)) {
			return Optional.empty();
		}
		String contextPath = servletRequest.getContextPath();
		String path = (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length())
				: uri;
		if (!PuristaHttpRoutes.isWithin(this.basePath, path)) {
			return Optional.empty();
		}
		return Optional.of((errorRequest) -> answer(errorRequest, path));
	}

	private ServerResponse answer(ServerRequest request, String path) {
		Object code = request.servletRequest().getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value && value >= 400 && value <= 599) ? value : 500;
		Map<String, String> data = new LinkedHashMap<>();
		if (request.servletRequest().getAttribute(ERROR_METHOD) instanceof String method) {
			data.put("method", method);
		}
		data.put("route", path);
		ErrorPayload body = new ErrorPayload(status, StatusCode.messageFor(status), data, null);
		return PuristaRouterFunction.json(status, this.mapper.writeValueAsBytes(body), (headers) -> {
		});
	}

}
