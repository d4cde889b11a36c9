package dev.purista.boot.autoconfigure.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.purista.core.error.StatusCode;
import dev.purista.core.message.ErrorPayload;

/**
 * Tomcat's error report valve answering PURISTA's error body {@code {status, message, traceId}} instead of
 * Tomcat's HTML page for requests the container rejected before any application code ran: an encoded {@code /}
 * or {@code \}, an invalid {@code %} escape or a {@code ..} above the root in the path, an illegal character in the
 * request line, a header block beyond {@code server.max-http-request-header-size}, a missing or malformed
 * {@code Host}, an HTTP version other than 1.x (505), an unknown {@code Transfer-Encoding} (501) or
 * {@code Expect} (417).
 * <p>
 * It answers JSON when the request target as sent (undecoded, since decoding is what may have failed) is the
 * PURISTA base path or below it, and when the request line was too broken for Tomcat to read a target at all;
 * every other request keeps Tomcat's page, with the settings of the valve it replaces. The status is the one
 * Tomcat chose, the message PURISTA's text of that status, never the exception's text, a stack trace or server
 * information; the trace id is the request's {@code x-trace-id} when it is a safe token, else a fresh one, and is
 * echoed in the {@code x-trace-id} header. Tomcat calls the valve concurrently; it holds no mutable state.
 */
final class PuristaErrorReportValve extends ErrorReportValve {

	private static final String CONTENT_TYPE = "application/json";

	private final Context context;

	private final String basePath;

	private final JsonMapper mapper;

	/**
	 * Create a valve for the base path of a context.
	 * @param context the context of the application, whose path precedes the base path
	 * @param basePath the PURISTA base path
	 * @param mapper the mapper writing the error body
	 */
	PuristaErrorReportValve(Context context, String basePath, JsonMapper mapper) {
		this.context = context;
		this.basePath = PuristaHttpRoutes.join(basePath);
		this.mapper = mapper;
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		if (!isPurista(request)) {
			super.report(request, response, throwable);
			return;
		}
		int status = response.getStatus();
		// as Tomcat's report: only an error not yet reported, with nothing written, on a connection still usable
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()
				|| !isIoAllowed(response)) {
			return;
		}
		String traceId = HttpTraceIds.of(request.getHeader(PuristaRouterFunction.TRACE_ID_HEADER));
		ErrorPayload body = new ErrorPayload(status, StatusCode.messageFor(status), null, traceId);
		try {
			response.setContentType(CONTENT_TYPE);
			response.setCharacterEncoding("utf-8");
			response.setHeader(PuristaRouterFunction.TRACE_ID_HEADER, traceId);
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(this.mapper.writeValueAsString(body));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed meanwhile: nothing left to answer
		}
	}

	/**
	 * Whether the request is answered with PURISTA's body: its target as sent is below the base path, or the
	 * request line could not be read.
	 */
	private boolean isPurista(Request request) {
		String uri = request.getRequestURI();
		if (uri == null || uri.isEmpty()) {
			return true;
		}
		String contextPath = this.context.getPath();
		if (!PuristaHttpRoutes.isWithin(contextPath.isEmpty() ? "/" : contextPath, uri)) {
			return false;
		}
		String path = uri.substring(contextPath.length());
		return PuristaHttpRoutes.isWithin(this.basePath, path.isEmpty() ? "/" : path);
	}

	private static boolean isIoAllowed(Response response) {
		AtomicBoolean allowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
		return allowed.get();
	}

}
