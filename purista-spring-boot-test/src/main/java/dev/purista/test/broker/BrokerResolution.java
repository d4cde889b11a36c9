package dev.purista.test.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Finds the broker an integration test runs against, in this order: the address in the broker's
 * {@code PURISTA_TEST_<BROKER>_URL} environment variable (what {@code scripts/brokers.sh start} prints);
 * else a container started with Testcontainers when it is on the test class path and Docker is
 * available; else the test is skipped with the reason. When {@code PURISTA_REQUIRE_BROKERS=true} (or the
 * system property {@code purista.require-brokers=true}, which takes precedence) a missing broker fails
 * the test instead, so CI cannot pass by skipping.
 * <p>
 * Typical use, from {@code @BeforeAll} or a test method: <pre class="code">
 * BrokerAddress rabbit = BrokerResolution.require(Broker.RABBITMQ);
 * </pre>
 * Addresses are resolved once per broker and test JVM: a container started for one test class is
 * reused by the next, and removed by Testcontainers when the JVM exits. Methods are thread-safe; the
 * first request for a broker that needs a container blocks until the container is up.
 */
public final class BrokerResolution {

	/**
	 * The environment variable that turns a missing broker from a skipped test into a failure.
	 */
	public static final String REQUIRE_BROKERS_VARIABLE = "PURISTA_REQUIRE_BROKERS";

	/**
	 * The system property that turns a missing broker from a skipped test into a failure; when set, it
	 * takes precedence over {@link #REQUIRE_BROKERS_VARIABLE}.
	 */
	public static final String REQUIRE_BROKERS_PROPERTY = "purista.require-brokers";

	private static final String START_SCRIPT = "scripts/brokers.sh start";

	private static final BrokerResolution SHARED = new BrokerResolution(System.getenv(), System::getProperty,
			ContainerSupport.detect(BrokerResolution.class.getClassLoader()));

	private final Map<String, String> environment;

	private final Function<String, @Nullable String> systemProperties;

	private final ContainerSupport containers;

	private final ConcurrentMap<Broker, BrokerAddress> resolved = new ConcurrentHashMap<>();

	BrokerResolution(Map<String, String> environment, Function<String, @Nullable String> systemProperties,
			ContainerSupport containers) {
		this.environment = Map.copyOf(environment);
		this.systemProperties = systemProperties;
		this.containers = containers;
	}

	/**
	 * Returns the address of the given broker from the real environment, starting a container when
	 * needed, or ends the calling test: skipped when the broker is unavailable, failed when brokers are
	 * required or the broker's variable holds no valid address.
	 * @param broker the broker the test needs
	 * @return the broker's address
	 * @throws TestAbortedException when the broker is unavailable and brokers are not required
	 * @throws AssertionFailedError when the broker is unavailable and brokers are required, or its
	 * variable is malformed
	 */
	public static BrokerAddress require(Broker broker) {
		return SHARED.resolve(broker);
	}

	/**
	 * Returns whether a missing broker fails the test run instead of skipping it, as
	 * {@link #require(Broker)} decides it.
	 * @return whether brokers are required
	 */
	public static boolean required() {
		return SHARED.brokersRequired();
	}

	BrokerAddress resolve(Broker broker) {
		Objects.requireNonNull(broker, "broker");
		return this.resolved.computeIfAbsent(broker, this::find);
	}

	boolean brokersRequired() {
		String property = this.systemProperties.apply(REQUIRE_BROKERS_PROPERTY);
		if (property != null && !property.isBlank()) {
			return Boolean.parseBoolean(property.trim());
		}
		String variable = this.environment.get(REQUIRE_BROKERS_VARIABLE);
		return variable != null && Boolean.parseBoolean(variable.trim());
	}

	private BrokerAddress find(Broker broker) {
		String url = this.environment.get(broker.environmentVariable());
		if (url != null && !url.isBlank()) {
			return parse(broker, url.trim());
		}
		String unavailable = this.containers.unavailableReason();
		if (unavailable == null) {
			return this.containers.start(broker);
		}
		String situation = broker.environmentVariable() + " is not set and no container can be started ("
				+ unavailable + ")";
		if (brokersRequired()) {
			throw new AssertionFailedError("No " + broker.displayName() + " broker, and brokers are required ("
					+ requiredBy() + "): " + situation + ". Set " + broker.environmentVariable() + ", for example "
					+ broker.environmentVariable() + "=" + broker.exampleUrl() + " (`" + START_SCRIPT
					+ "` starts the brokers on loopback and prints the variables), or make Docker available.");
		}
		throw new TestAbortedException("No " + broker.displayName() + " broker: " + situation + ". Run `"
				+ START_SCRIPT + "` and `eval \"$(scripts/brokers.sh env)\"`, or make Docker available; set "
				+ REQUIRE_BROKERS_VARIABLE + "=true to fail instead of skipping.");
	}

	private String requiredBy() {
		String property = this.systemProperties.apply(REQUIRE_BROKERS_PROPERTY);
		return (property != null && !property.isBlank()) ? "system property " + REQUIRE_BROKERS_PROPERTY + "=true"
				: REQUIRE_BROKERS_VARIABLE + "=true";
	}

	private static BrokerAddress parse(Broker broker, String url) {
		try {
			URI uri = new URI(url);
			String problem = problemWith(broker, uri);
			if (problem != null) {
				throw malformed(broker, url, problem);
			}
			if (uri.getPort() < 0) {
				uri = new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), broker.defaultPort(), uri.getPath(),
						uri.getQuery(), uri.getFragment());
			}
			return new BrokerAddress(broker, uri, BrokerAddress.Source.ENVIRONMENT);
		}
		catch (URISyntaxException ex) {
			throw malformed(broker, url, ex.getMessage());
		}
	}

	private static @Nullable String problemWith(Broker broker, URI uri) {
		String scheme = uri.getScheme();
		if (scheme == null || !scheme.toLowerCase(Locale.ROOT).equals(broker.scheme())) {
			return "the scheme must be " + broker.scheme();
		}
		if (uri.getHost() == null) {
			return "it has no host";
		}
		return null;
	}

	private static AssertionFailedError malformed(Broker broker, String url, String problem) {
		String shown = url.replaceAll("//[^/@]*@", "//***@");
		return new AssertionFailedError(broker.environmentVariable() + "=" + shown + " is not a "
				+ broker.displayName() + " address: " + problem + ". Use the form " + broker.exampleUrl() + ".");
	}

}
