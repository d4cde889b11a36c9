package dev.purista.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Applies the bridge and store types of the active Spring profile (the runtime table of PURISTA's design) as
 * the lowest-precedence property source, so any property the user sets wins. Without a profile the
 * {@code local} preset applies: everything in memory.
 *
 * <table>
 * <caption>Presets</caption>
 * <tr><th>profile</th><th>event bridge</th><th>queue bridge</th><th>state / config store</th><th>secret store</th></tr>
 * <tr><td>local, ci, test (and none)</td><td>in-memory</td><td>in-memory</td><td>in-memory</td><td>in-memory</td></tr>
 * <tr><td>staging</td><td>amqp</td><td>redis</td><td>redis</td><td>in-memory</td></tr>
 * <tr><td>production</td><td>amqp</td><td>redis</td><td>redis</td><td>aws</td></tr>
 * <tr><td>serverless</td><td>in-memory</td><td>redis</td><td>redis</td><td>aws</td></tr>
 * <tr><td>edge</td><td>mqtt</td><td>mqtt</td><td>dapr</td><td>in-memory</td></tr>
 * </table>
 * When several preset profiles are active, the one listed last in {@code spring.profiles.active} wins.
 */
public class PuristaProfilePresets implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the preset. */
	public static final String PROPERTY_SOURCE_NAME = "puristaProfilePresets";

	/** The profiles that have a preset, in no particular order. */
	public static final List<String> PROFILES = List.of("local", "ci", "test", "staging", "production",
			"serverless", "edge");

	private static final String HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String profile = presetProfile(environment.getActiveProfiles());
		Map<String, Object> properties = new LinkedHashMap<>(preset(profile));
		properties.put("purista.profile-preset", profile);
		if (ClassUtils.isPresent(HEALTH_INDICATOR, application.getClassLoader()) && healthIndicatorEnabled(environment)) {
			properties.put("management.endpoint.health.group.readiness.include", "readinessState,purista");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	/**
	 * Whether the purista health indicator will be registered, with the same fallback as
	 * {@code @ConditionalOnEnabledHealthIndicator}: {@code management.health.purista.enabled}, else
	 * {@code management.health.defaults.enabled}, else {@code true}. The readiness group may only name it then:
	 * Boot fails startup when a group includes a contributor that does not exist.
	 */
	private static boolean healthIndicatorEnabled(ConfigurableEnvironment environment) {
		boolean defaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		return environment.getProperty("management.health.purista.enabled", Boolean.class, defaults);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The preset profile among the active ones.
	 * @param activeProfiles the active profiles in order
	 * @return the last active profile that has a preset, or {@code local}
	 */
	static String presetProfile(String[] activeProfiles) {
		String chosen = "local";
		for (String profile : activeProfiles) {
			if (PROFILES.contains(profile)) {
				chosen = profile;
			}
		}
		return chosen;
	}

	/**
	 * The properties a preset sets.
	 * @param profile a profile of {@link #PROFILES}
	 * @return the properties
	 */
	static Map<String, String> preset(String profile) {
		return switch (profile) {
			case "staging" -> types("amqp", "redis", "redis", "redis", "in-memory");
			case "production" -> types("amqp", "redis", "redis", "redis", "aws");
			case "serverless" -> types("in-memory", "redis", "redis", "redis", "aws");
			case "edge" -> types("mqtt", "mqtt", "dapr", "dapr", "in-memory");
			default -> types("in-memory", "in-memory", "in-memory", "in-memory", "in-memory");
		};
	}

	private static Map<String, String> types(String eventBridge, String queueBridge, String stateStore,
			String configStore, String secretStore) {
		Map<String, String> types = new LinkedHashMap<>();
		types.put("purista.event-bridge.type", eventBridge);
		types.put("purista.queue-bridge.type", queueBridge);
		types.put("purista.state-store.type", stateStore);
		types.put("purista.config-store.type", configStore);
		types.put("purista.secret-store.type", secretStore);
		return types;
	}

}
