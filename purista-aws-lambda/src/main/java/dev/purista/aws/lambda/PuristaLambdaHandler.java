package dev.purista.aws.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.purista.boot.autoconfigure.PuristaServices;
import dev.purista.boot.autoconfigure.web.PuristaHttpRoutes;
import dev.purista.core.message.MessageCodec;

/**
 * The AWS Lambda handler of a PURISTA application: each function serves some of the application's commands.
 * Configure the function's handler as {@code dev.purista.aws.lambda.PuristaLambdaHandler::handleRequest}.
 * <p>
 * <strong>Context.</strong> Constructing the handler (what the Lambda runtime does in the function's init phase,
 * which AWS runs with boosted CPU and SnapStart snapshots) starts the application's Spring context, without a web
 * server ({@link WebApplicationType#NONE}); the context is held statically, so it is started once per container
 * (JVM) however often the class is instantiated, and every invocation reuses it. The application class is read
 * from the environment variable {@value #APPLICATION_ENV} (or the system property {@value #APPLICATION_PROPERTY}),
 * falling back to {@code MAIN_CLASS}, the variable Spring Cloud Function's AWS adapter reads. The
 * {@code serverless} profile is active unless profiles are given ({@code SPRING_PROFILES_ACTIVE} or
 * {@code spring.profiles.active}). A context that fails to start makes the constructor throw an
 * {@link IllegalStateException} whose message names the cause (the application class that is not found, the bean
 * that failed), which the runtime reports as the function's init error; a later construction tries again.
 * <p>
 * <strong>Events.</strong>
 * <ul>
 * <li>A PURISTA command message (JSON in PURISTA's wire format, {@code messageType: "command"}, what a TypeScript
 * PURISTA {@code eventBridge.invoke} sends) is answered with the PURISTA response message, success or error, as a
 * bridge answers it: the command runs through {@link dev.purista.core.service.CommandRunner}, with no event
 * bridge round trip. A command this function does not serve is 502 "Bad Gateway".</li>
 * <li>An API Gateway HTTP API payload v2 event ({@code version: "2.0"} with {@code routeKey}) is answered with
 * {@code {statusCode, headers, body, isBase64Encoded: false}}, mapped as PURISTA's HTTP exposure maps requests
 * ({@link dev.purista.boot.autoconfigure.web.PuristaHttpErrors}): commands with HTTP metadata at
 * {@code <purista.http.base-path>/v<version>/<path>}; an unknown route or one of a command not served is 404.</li>
 * <li>Anything else fails the invocation with an {@link IllegalArgumentException}.</li>
 * </ul>
 * <strong>Configuration.</strong> {@value #COMMANDS_PROPERTY}: the commands served, entries
 * {@code <service>.<command>} or {@code <service>.<version>.<command>} (default: every command of the
 * application; an entry no service defines fails the start). {@value #DEADLINE_MARGIN_PROPERTY} (default
 * {@code 200ms}): kept back from {@link Context#getRemainingTimeInMillis()}; a command still running then is
 * answered 504 "Gateway Timeout" (its late result is dropped, as on a bridge). For HTTP events,
 * {@value #PRINCIPAL_CLAIM_PROPERTY} (default {@code sub}) and {@value #TENANT_CLAIM_PROPERTY} (default none) name
 * the claims of API Gateway's JWT authorizer ({@code requestContext.authorizer.jwt.claims}) that become the
 * command's principal and tenant.
 * <p>
 * <strong>Threading.</strong> Thread-safe; commands run on daemon threads of the function, the invocation's
 * thread waits for the answer.
 */
public class PuristaLambdaHandler implements RequestStreamHandler {

	/** The environment variable naming the application class (a {@code @SpringBootApplication}). */
	public static final String APPLICATION_ENV = "PURISTA_LAMBDA_APPLICATION";

	/** The system property naming the application class, read when {@value #APPLICATION_ENV} is not set. */
	public static final String APPLICATION_PROPERTY = "purista.lambda.application";

	/** The environment variable read last for the application class (as Spring Cloud Function reads it). */
	public static final String MAIN_CLASS_ENV = "MAIN_CLASS";

	/** The profile active when none is given. */
	public static final String DEFAULT_PROFILE = "serverless";

	/** The property listing the commands the function serves. */
	public static final String COMMANDS_PROPERTY = "purista.lambda.commands";

	/** The property giving the time kept back from the invocation's remaining time. */
	public static final String DEADLINE_MARGIN_PROPERTY = "purista.lambda.deadline-margin";

	/** The default of {@value #DEADLINE_MARGIN_PROPERTY}. */
	public static final Duration DEFAULT_DEADLINE_MARGIN = Duration.ofMillis(200);

	/** The property naming the JWT claim that is the principal of HTTP events (empty: none). */
	public static final String PRINCIPAL_CLAIM_PROPERTY = "purista.lambda.principal-claim";

	/** The default of {@value #PRINCIPAL_CLAIM_PROPERTY}. */
	public static final String DEFAULT_PRINCIPAL_CLAIM = "sub";

	/** The property naming the JWT claim that is the tenant of HTTP events (default: none). */
	public static final String TENANT_CLAIM_PROPERTY = "purista.lambda.tenant-claim";

	private static final Log logger = LogFactory.getLog(PuristaLambdaHandler.class);

	private static final Object lock = new Object();

	private static volatile @Nullable PuristaLambdaFunction function;

	private static volatile @Nullable ConfigurableApplicationContext context;

	private final PuristaLambdaFunction handler;

	/**
	 * Create the handler, starting the container's Spring context unless it runs already. Blocks while the context
	 * starts (also while another thread starts it).
	 * @throws IllegalStateException when the context cannot start; the message names the cause
	 */
	public PuristaLambdaHandler() {
		this.handler = function();
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] answer = this.handler.handle(input.readAllBytes(), context);
		output.write(answer);
		output.flush();
	}

	/**
	 * The application context of this container, started on first use. Blocks while it starts.
	 * @return the running context
	 * @throws IllegalStateException when the context cannot start
	 */
	public static ConfigurableApplicationContext applicationContext() {
		function();
		ConfigurableApplicationContext current = context;
		if (current == null) {
			throw new IllegalStateException("The PURISTA Lambda context is not running");
		}
		return current;
	}

	private static PuristaLambdaFunction function() {
		PuristaLambdaFunction current = function;
		if (current != null) {
			return current;
		}
		synchronized (lock) {
			current = function;
			if (current == null) {
				ConfigurableApplicationContext started = start();
				try {
					current = create(started);
				}
				catch (RuntimeException ex) {
					started.close();
					throw startFailure(ex);
				}
				context = started;
				function = current;
			}
			return current;
		}
	}

	private static IllegalStateException startFailure(Throwable failure) {
		Throwable root = failure;
		for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
			root = root.getCause();
		}
		StringBuilder message = new StringBuilder("The PURISTA function's context failed to start: ")
			.append(failure.getMessage());
		if (root != failure) {
			message.append(" (cause: ").append(root.getClass().getName()).append(": ").append(root.getMessage())
				.append(')');
		}
		return new IllegalStateException(message.toString(), failure);
	}

	private static ConfigurableApplicationContext start() {
		String name = firstText(System.getenv(APPLICATION_ENV), System.getProperty(APPLICATION_PROPERTY),
				System.getenv(MAIN_CLASS_ENV));
		if (name == null) {
			throw new IllegalStateException("Set " + APPLICATION_ENV + " (or " + MAIN_CLASS_ENV
					+ ") to the application class of the PURISTA function");
		}
		Class<?> application;
		try {
			application = ClassUtils.forName(name, PuristaLambdaHandler.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("The PURISTA function's application class " + name + " is not found", ex);
		}
		SpringApplication spring = new SpringApplication(application);
		// no main method on the stack under the runtime client: name the application class, which start-up logs
		// and Spring AOT (<class>__ApplicationContextInitializer) look up
		spring.setMainApplicationClass(application);
		spring.setWebApplicationType(WebApplicationType.NONE);
		if (firstText(System.getenv("SPRING_PROFILES_ACTIVE"), System.getProperty("spring.profiles.active")) == null) {
			spring.setAdditionalProfiles(DEFAULT_PROFILE);
		}
		logger.info("Starting the PURISTA function's context of " + name);
		try {
			return spring.run();
		}
		catch (RuntimeException | LinkageError ex) {
			throw startFailure(ex);
		}
	}

	private static PuristaLambdaFunction create(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		Binder binder = Binder.get(environment);
		List<String> commands = binder.bind(COMMANDS_PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
		Duration margin = binder.bind(DEADLINE_MARGIN_PROPERTY, Duration.class).orElse(DEFAULT_DEADLINE_MARGIN);
		String basePath = PuristaHttpRoutes.join(environment.getProperty("purista.http.base-path", "/api"));
		DataSize maxRequestSize = binder.bind("purista.http.max-request-size", DataSize.class)
			.orElse(DataSize.ofMegabytes(1));
		String principalClaim = environment.getProperty(PRINCIPAL_CLAIM_PROPERTY, DEFAULT_PRINCIPAL_CLAIM);
		String tenantClaim = environment.getProperty(TENANT_CLAIM_PROPERTY, "");
		PuristaServices services = context.getBean(PuristaServices.class);
		MessageCodec codec = context.getBean(MessageCodec.class);
		logger.info("PURISTA function serves " + (commands.isEmpty() ? "every command" : commands) + " of "
				+ services.definitions().stream().map((definition) -> definition.info().name()).toList());
		HttpApiEvents.Options http = new HttpApiEvents.Options(basePath, maxRequestSize.toBytes(),
				StringUtils.hasText(principalClaim) ? principalClaim.trim() : null,
				StringUtils.hasText(tenantClaim) ? tenantClaim.trim() : null);
		return new PuristaLambdaFunction(services.environment(), services.definitions(), codec,
				ServedCommands.of(commands), margin, http);
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

}
