package dev.purista.boot.autoconfigure.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.CommandDefinition;
import dev.purista.core.service.HttpExposure;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceInfo;

/**
 * The HTTP routes of a set of services: one per command with HTTP metadata, at
 * {@code <base>/v<version>/<path>}, matched most specific first. Shared by the servlet router and other front ends
 * that map HTTP requests to commands (the AWS Lambda handler). Immutable and thread-safe.
 */
public final class PuristaHttpRoutes {

	private static final Log logger = LogFactory.getLog(PuristaHttpRoutes.class);

	private static final Pattern PATH_VARIABLE = Pattern.compile(":([A-Za-z0-9_]+)");

	private static final PathPatternParser PARSER = new PathPatternParser();

	private final List<Route> routes;

	private PuristaHttpRoutes(List<Route> routes) {
		this.routes = routes;
	}

	/**
	 * Build the routes of the commands with HTTP metadata of some services; of two routes with the same method
	 * and path only the first is kept (a warning names the other).
	 * @param services the service definitions
	 * @param basePath the path the routes are mounted below, e.g. {@code /api}
	 * @return the routes
	 */
	public static PuristaHttpRoutes of(List<ServiceDefinition> services, String basePath) {
		List<Route> routes = new ArrayList<>();
		for (ServiceDefinition service : services) {
			for (CommandDefinition command : service.commands()) {
				HttpExposure http = command.http();
				if (http == null) {
					continue;
				}
				Route route = Route.of(service.info(), command, http, basePath);
				Route clash = routes.stream()
					.filter((other) -> other.method().equals(route.method()) && other.path().equals(route.path()))
					.findFirst()
					.orElse(null);
				if (clash != null) {
					logger.warn("PURISTA HTTP route " + route.method() + " " + route.path() + " of " + route.target()
							+ " is not exposed: " + clash.target() + " already uses it");
					continue;
				}
				routes.add(route);
			}
		}
		routes.sort(Comparator.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR));
		return new PuristaHttpRoutes(List.copyOf(routes));
	}

	/**
	 * The routes, most specific first.
	 * @return the routes
	 */
	public List<Route> routes() {
		return this.routes;
	}

	/**
	 * The route of a request, or {@code null}.
	 * @param method the HTTP method, upper case
	 * @param path the request path
	 * @return the matched route with its decoded path variables, or {@code null} when no route matches
	 */
	public @Nullable Match match(String method, PathContainer path) {
		for (Route route : this.routes) {
			if (route.method().equals(method)) {
				PathPattern.PathMatchInfo info = route.pattern().matchAndExtract(path);
				if (info != null) {
					return new Match(route, info.getUriVariables());
				}
			}
		}
		return null;
	}

	/**
	 * Whether a path is the base path or below it.
	 * @param basePath the base path, as returned by {@link #join(String...)}
	 * @param path the path within the application
	 * @return {@code true} when the path is the base path or starts with it followed by {@code /}
	 */
	static boolean isWithin(String basePath, String path) {
		return basePath.equals("/") || path.equals(basePath) || path.startsWith(basePath + "/");
	}

	/**
	 * Join a base path and the path segments of PURISTA's route convention ({@code posix.join}).
	 * @param parts the paths to join
	 * @return the joined path, starting with {@code /}
	 */
	public static String join(String... parts) {
		StringBuilder path = new StringBuilder();
		for (String part : parts) {
			for (String segment : part.split("/")) {
				if (!segment.isEmpty()) {
					path.append('/').append(segment);
				}
			}
		}
		return (path.length() > 0) ? path.toString() : "/";
	}

	/**
	 * A command route.
	 *
	 * @param service the service
	 * @param command the command
	 * @param http its HTTP metadata
	 * @param method the HTTP method
	 * @param path the full path in PURISTA's notation, e.g. {@code /api/v1/user/:id}
	 * @param templatePath the full path with {@code {id}} variables (Spring and OpenAPI notation)
	 * @param pattern the parsed {@code templatePath}
	 * @param pathVariables the variable names, in order
	 * @param sender the sender address of invocations ({@code $$endpoint:<method>:<path>})
	 * @param target the command address
	 */
	public record Route(ServiceInfo service, CommandDefinition command, HttpExposure http, String method, String path,
			String templatePath, PathPattern pattern, List<String> pathVariables, MessageAddress sender,
			MessageAddress target) {

		static Route of(ServiceInfo service, CommandDefinition command, HttpExposure http, String basePath) {
			String path = join(basePath, "v" + service.version(), http.path());
			List<String> variables = new ArrayList<>();
			Matcher matcher = PATH_VARIABLE.matcher(path);
			StringBuilder template = new StringBuilder();
			while (matcher.find()) {
				variables.add(matcher.group(1));
				matcher.appendReplacement(template, "{" + matcher.group(1) + "}");
			}
			matcher.appendTail(template);
			String templatePath = template.toString();
			MessageAddress sender = MessageAddress.of(PuristaRouterFunction.SENDER_SERVICE_NAME,
					PuristaRouterFunction.SENDER_SERVICE_VERSION,
					"$$endpoint:" + http.method().toLowerCase(Locale.ROOT) + ":" + path);
			MessageAddress target = MessageAddress.of(service.name(), service.version(), command.name());
			return new Route(service, command, http, http.method(), path, templatePath, PARSER.parse(templatePath),
					List.copyOf(variables), sender, target);
		}

	}

	/**
	 * A matched route with the request's path variables.
	 *
	 * @param route the route
	 * @param pathVariables the decoded path variable values
	 */
	public record Match(Route route, Map<String, String> pathVariables) {

	}

}
