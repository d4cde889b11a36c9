package dev.purista.test.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OTLP/HTTP trace receiver for tests, standing in for an OpenTelemetry collector: it listens on a free
 * port of the loopback interface, accepts {@code POST /v1/traces} with a protobuf
 * ({@code application/x-protobuf}, optionally gzip-compressed) {@code ExportTraceServiceRequest} as OTLP
 * exporters send it, answers {@code 200} with an empty {@code ExportTraceServiceResponse} and keeps the spans
 * in memory. Point an application at it with
 * {@code management.opentelemetry.tracing.export.otlp.endpoint=}{@link #tracesEndpoint()}. It exports nothing
 * and accepts no JSON, metrics or logs (those answer {@code 404} or {@code 415}).
 * <p>
 * Requests are handled on a thread of the receiver; {@link #spans()} may be called from any thread.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

	/** The path OTLP/HTTP exporters post spans to. */
	public static final String TRACES_PATH = "/v1/traces";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "otlp-http-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private OtlpHttpReceiver(HttpServer server) {
		this.server = server;
		this.server.createContext(TRACES_PATH, this::handle);
		this.server.setExecutor(this.executor);
	}

	/**
	 * Start a receiver on a free port of the loopback interface.
	 * @return the running receiver; close it when done
	 */
	public static OtlpHttpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OtlpHttpReceiver receiver = new OtlpHttpReceiver(server);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("OTLP/HTTP receiver could not listen on a loopback port", ex);
		}
	}

	/**
	 * The URL exporters post spans to, e.g. {@code http://127.0.0.1:43127/v1/traces}.
	 * @return the traces endpoint
	 */
	public String tracesEndpoint() {
		InetSocketAddress address = this.server.getAddress();
		return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + TRACES_PATH;
	}

	/**
	 * The spans received so far, in the order they arrived.
	 * @return a snapshot of the spans
	 */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * The spans received so far that belong to one trace.
	 * @param traceId the trace id, 32 lowercase hex digits
	 * @return a snapshot of the trace's spans
	 */
	public List<ReceivedSpan> spans(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	/**
	 * Forget the spans received so far.
	 */
	public void clear() {
		this.spans.clear();
	}

	/**
	 * Stop listening at once; requests in progress are dropped.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-protobuf")) {
				exchange.sendResponseHeaders(415, -1);
				return;
			}
			byte[] body;
			try (InputStream in = body(exchange)) {
				body = in.readAllBytes();
			}
			try {
				this.spans.addAll(OtlpTraceRequestDecoder.decode(body));
			}
			catch (IllegalArgumentException ex) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody())
				: exchange.getRequestBody();
	}

}
