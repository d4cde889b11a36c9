package dev.purista.sample.edge.health;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves Actuator's {@link HealthEndpoint} over HTTP without a servlet container, on the JDK's built-in
 * {@link HttpServer}: {@code GET /actuator/health} and {@code GET /actuator/health/<group or component>} (for
 * example {@code liveness} and {@code readiness}) answer the status as JSON, {@code 200} when the status is
 * {@code UP} or {@code UNKNOWN}, {@code 503} when {@code DOWN} or {@code OUT_OF_SERVICE} (as Actuator's web
 * endpoint maps them), {@code 404} for an unknown path, {@code 405} for other methods. Only the status is shown
 * unless details are enabled. Requests are handled one at a time on one daemon thread. Starts with the other
 * lifecycle beans, stops first on shutdown.
 */
public class EdgeHealthServer implements SmartLifecycle {

	/** The path of the health endpoint. */
	public static final String PATH = "/actuator/health";

	private final HealthEndpoint healthEndpoint;

	private final JsonMapper jsonMapper;

	private final InetSocketAddress address;

	private final boolean showDetails;

	private volatile @Nullable HttpServer server;

	private volatile @Nullable ExecutorService executor;

	/**
	 * Create a server; nothing listens before {@link #start()}.
	 * @param healthEndpoint Actuator's health endpoint
	 * @param jsonMapper the mapper health descriptors are written with
	 * @param address the address and port to listen on (port 0: any free port)
	 * @param showDetails whether components and details are shown besides the status
	 */
	public EdgeHealthServer(HealthEndpoint healthEndpoint, JsonMapper jsonMapper, InetSocketAddress address,
			boolean showDetails) {
		this.healthEndpoint = healthEndpoint;
		this.jsonMapper = jsonMapper;
		this.address = address;
		this.showDetails = showDetails;
	}

	@Override
	public void start() {
		try {
			HttpServer server = HttpServer.create(this.address, 0);
			ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "edge-health");
				thread.setDaemon(true);
				return thread;
			});
			server.createContext(PATH, this::handle);
			server.setExecutor(executor);
			server.start();
			this.executor = executor;
			this.server = server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen for health requests on " + this.address, ex);
		}
	}

	@Override
	public void stop() {
		HttpServer server = this.server;
		ExecutorService executor = this.executor;
		if (server != null) {
			server.stop(0);
			this.server = null;
		}
		if (executor != null) {
			executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The port the server listens on.
	 * @return the bound port
	 * @throws IllegalStateException when the server is not running
	 */
	public int port() {
		HttpServer server = this.server;
		if (server == null) {
			throw new IllegalStateException("The health server is not running");
		}
		return server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().add("Allow", "GET");
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			String rest = exchange.getRequestURI().getPath().substring(PATH.length());
			if (!rest.isEmpty() && !rest.startsWith("/")) {
				// the context matches by prefix: /actuator/healthz is not ours
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			String[] path = Arrays.stream(rest.split("/")).filter((part) -> !part.isEmpty()).toArray(String[]::new);
			HealthDescriptor health = (path.length == 0) ? this.healthEndpoint.health()
					: this.healthEndpoint.healthForPath(path);
			if (health == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			Object body = this.showDetails ? health : Map.of("status", health.getStatus().getCode());
			byte[] json = this.jsonMapper.writeValueAsBytes(body);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(httpStatus(health.getStatus()), json.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(json);
			}
		}
	}

	private static int httpStatus(Status status) {
		return (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) ? 503 : 200;
	}

}
