package dev.purista.boot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaProfilePresetsTests {

	private final PuristaProfilePresets presets = new PuristaProfilePresets();

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "'', in-memory, in-memory, in-memory, in-memory, in-memory",
			"local, in-memory, in-memory, in-memory, in-memory, in-memory",
			"ci, in-memory, in-memory, in-memory, in-memory, in-memory",
			"test, in-memory, in-memory, in-memory, in-memory, in-memory",
			"staging, amqp, redis, redis, redis, in-memory", "production, amqp, redis, redis, redis, aws",
			"serverless, in-memory, redis, redis, redis, aws", "edge, mqtt, mqtt, dapr, dapr, in-memory" })
	void profileSelectsItsPreset(String profile, String eventBridge, String queueBridge, String stateStore,
			String configStore, String secretStore) {
		StandardEnvironment environment = environment(profile);

		this.presets.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("purista.event-bridge.type")).isEqualTo(eventBridge);
		assertThat(environment.getProperty("purista.queue-bridge.type")).isEqualTo(queueBridge);
		assertThat(environment.getProperty("purista.state-store.type")).isEqualTo(stateStore);
		assertThat(environment.getProperty("purista.config-store.type")).isEqualTo(configStore);
		assertThat(environment.getProperty("purista.secret-store.type")).isEqualTo(secretStore);
	}

	@Test
	void userPropertiesWinOverThePreset() {
		StandardEnvironment environment = environment("staging");
		environment.getPropertySources()
			.addFirst(new MapPropertySource("user", Map.of("purista.event-bridge.type", "in-memory")));

		this.presets.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("purista.event-bridge.type")).isEqualTo("in-memory");
		assertThat(environment.getProperty("purista.queue-bridge.type")).isEqualTo("redis");
	}

	@Test
	void lastActivePresetProfileWins() {
		assertThat(PuristaProfilePresets.presetProfile(new String[] { "staging", "eu", "production" }))
			.isEqualTo("production");
		assertThat(PuristaProfilePresets.presetProfile(new String[] { "eu" })).isEqualTo("local");
	}

	@Test
	void presetIsTheLowestPrecedencePropertySourceAddedAndIncludesPuristaInReadiness() {
		StandardEnvironment environment = environment("local");

		this.presets.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(PuristaProfilePresets.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,purista");
	}

	private static StandardEnvironment environment(String profile) {
		StandardEnvironment environment = new StandardEnvironment();
		if (!profile.isEmpty()) {
			environment.setActiveProfiles(profile);
		}
		return environment;
	}

}
