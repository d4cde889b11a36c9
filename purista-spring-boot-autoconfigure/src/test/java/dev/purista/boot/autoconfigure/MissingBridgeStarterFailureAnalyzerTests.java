package dev.purista.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaComponent.Starter;

import static org.assertj.core.api.Assertions.assertThat;

class MissingBridgeStarterFailureAnalyzerTests {

	private static final String REDIS_QUEUE_AUTO_CONFIGURATION = "dev.purista.redis.autoconfigure.PuristaRedisQueueAutoConfiguration";

	private static final String REDIS_STORES_AUTO_CONFIGURATION = "dev.purista.redis.autoconfigure.PuristaRedisStoresAutoConfiguration";

	@Test
	void starterNotOnTheClasspathIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.QUEUE_BRIDGE, "redis"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's queue bridge type is 'redis' "
				+ "(purista.queue-bridge.type), but its starter dev.purista:purista-spring-boot-starter-redis "
				+ "is not on the classpath.");
		assertThat(analysis.getAction())
			.startsWith("Add the dependency dev.purista:purista-spring-boot-starter-redis, or set "
					+ "purista.queue-bridge.type to one of [in-memory, mqtt, nats, redis] "
					+ "(for example purista.queue-bridge.type=in-memory).")
			.doesNotContain("--debug");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "QUEUE_BRIDGE, kafka" })
	void typeOfAStarterNotReleasedYetNamesNoArtifact(PuristaComponent component, String type) {
		// every type PuristaComponent lists has a released starter now, so a planned one is given here
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer(
				(planned, plannedType) -> new Starter("purista-spring-boot-starter-" + plannedType, null, null))
			.analyze(new MissingBridgeStarterException(component, type));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's " + component.description() + " type is '" + type
				+ "' (" + component.property() + "), but this version of PURISTA has no starter for that type yet.");
		assertThat(analysis.getAction()).startsWith("Set " + component.property() + " to one of ")
			.doesNotContain("dev.purista:")
			.doesNotContain("Add the dependency");
	}

	@Test
	void natsEventBridgeStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.EVENT_BRIDGE, "nats"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's event bridge type is 'nats' "
				+ "(purista.event-bridge.type), but its starter dev.purista:purista-spring-boot-starter-nats "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-nats");
	}

	@Test
	void mqttEventBridgeStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.EVENT_BRIDGE, "mqtt"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's event bridge type is 'mqtt' "
				+ "(purista.event-bridge.type), but its starter dev.purista:purista-spring-boot-starter-mqtt "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-mqtt");
	}

	@Test
	void natsQueueBridgeStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.QUEUE_BRIDGE, "nats"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's queue bridge type is 'nats' "
				+ "(purista.queue-bridge.type), but its starter dev.purista:purista-spring-boot-starter-nats "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-nats");
	}

	@Test
	void mqttQueueBridgeStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.QUEUE_BRIDGE, "mqtt"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's queue bridge type is 'mqtt' "
				+ "(purista.queue-bridge.type), but its starter dev.purista:purista-spring-boot-starter-mqtt "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-mqtt")
			.contains("purista.queue-bridge.type to one of [in-memory, mqtt, nats, redis]");
	}

	@Test
	void awsSecretStoreStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.SECRET_STORE, "aws"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's secret store type is 'aws' "
				+ "(purista.secret-store.type), but its starter dev.purista:purista-spring-boot-starter-aws "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-aws");
	}

	@Test
	void daprStateStoreStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.STATE_STORE, "dapr"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's state store type is 'dapr' "
				+ "(purista.state-store.type), but its starter dev.purista:purista-spring-boot-starter-dapr "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-dapr");
		assertThat(PuristaComponent.STATE_STORE.starterFor("dapr")).extracting(Starter::autoConfiguration)
			.isEqualTo("dev.purista.dapr.autoconfigure.PuristaDaprStateStoreAutoConfiguration");
	}

	@Test
	void daprConfigStoreStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.CONFIG_STORE, "dapr"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's config store type is 'dapr' "
				+ "(purista.config-store.type), but its starter dev.purista:purista-spring-boot-starter-dapr "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-dapr")
			.contains("purista.config-store.type to one of [in-memory, dapr, redis]");
		assertThat(PuristaComponent.CONFIG_STORE.starterFor("dapr")).extracting(Starter::autoConfiguration)
			.isEqualTo("dev.purista.dapr.autoconfigure.PuristaDaprConfigStoreAutoConfiguration");
	}

	@Test
	void daprSecretStoreStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.SECRET_STORE, "dapr"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's secret store type is 'dapr' "
				+ "(purista.secret-store.type), but its starter dev.purista:purista-spring-boot-starter-dapr "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-dapr")
			.contains("purista.secret-store.type to one of [in-memory, aws, dapr]");
		assertThat(PuristaComponent.SECRET_STORE.starterFor("dapr")).extracting(Starter::autoConfiguration)
			.isEqualTo("dev.purista.dapr.autoconfigure.PuristaDaprSecretStoreAutoConfiguration");
	}

	@Test
	void natsStateStoreStarterIsNamedToBeAdded() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.STATE_STORE, "nats"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's state store type is 'nats' "
				+ "(purista.state-store.type), but its starter dev.purista:purista-spring-boot-starter-nats "
				+ "is not on the classpath.");
		assertThat(analysis.getAction()).startsWith("Add the dependency dev.purista:purista-spring-boot-starter-nats")
			.contains("purista.state-store.type to one of [in-memory, dapr, nats, redis]");
		assertThat(PuristaComponent.STATE_STORE.starterFor("nats")).extracting(Starter::autoConfiguration)
			.isEqualTo("dev.purista.nats.autoconfigure.PuristaNatsStateStoreAutoConfiguration");
	}

	@Test
	void starterOnTheClasspathWhoseAutoConfigurationProvidedNothingPointsToTheConditionReport() {
		String presentAutoConfiguration = PuristaAutoConfiguration.class.getName();
		MissingBridgeStarterFailureAnalyzer analyzer = new MissingBridgeStarterFailureAnalyzer(
				(component, type) -> Starter.redis(presentAutoConfiguration));
		FailureAnalysis analysis = analyzer
			.analyze(new MissingBridgeStarterException(PuristaComponent.QUEUE_BRIDGE, "redis"));
		assertThat(analysis.getDescription()).isEqualTo("PURISTA's queue bridge type is 'redis' "
				+ "(purista.queue-bridge.type) and its starter dev.purista:purista-spring-boot-starter-redis is on "
				+ "the classpath, but its auto-configuration " + presentAutoConfiguration
				+ " did not provide a queue bridge.");
		assertThat(analysis.getAction()).startsWith("Run the application with --debug to see in the condition "
				+ "evaluation report why PuristaAutoConfiguration did not provide it")
			.contains("It needs a Spring Data Redis connection factory: a RedisConnectionFactory bean")
			.contains("spring.data.redis.url=redis://localhost:6379")
			.contains("Or set purista.queue-bridge.type to one of [in-memory, mqtt, nats, redis]")
			.doesNotContain("Add the dependency");
	}

	@Test
	void starterOnTheClasspathIsRecognisedInAFailedStartup() {
		MissingBridgeStarterFailureAnalyzer analyzer = new MissingBridgeStarterFailureAnalyzer(
				(component, type) -> Starter.redis(PuristaAutoConfiguration.class.getName()));
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class))
			.withPropertyValues("purista.state-store.type=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'redis' (purista.state-store.type)")
					.contains("is on the classpath")
					.endsWith("did not provide a state store.");
			});
	}

	@Test
	void starterWithoutAKnownAutoConfigurationIsReportedMissing() {
		FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer()
			.analyze(new MissingBridgeStarterException(PuristaComponent.EVENT_BRIDGE, "amqp"));
		assertThat(analysis.getDescription())
			.endsWith("its starter dev.purista:purista-spring-boot-starter-amqp is not on the classpath.");
	}

	@Test
	void redisTypesAreRecognisedByTheRedisStarterAutoConfigurations() {
		assertThat(PuristaComponent.QUEUE_BRIDGE.starterFor("REDIS")).extracting(Starter::autoConfiguration)
			.isEqualTo(REDIS_QUEUE_AUTO_CONFIGURATION);
		assertThat(PuristaComponent.STATE_STORE.starterFor("redis")).extracting(Starter::autoConfiguration)
			.isEqualTo(REDIS_STORES_AUTO_CONFIGURATION);
		assertThat(PuristaComponent.CONFIG_STORE.starterFor("redis")).extracting(Starter::autoConfiguration)
			.isEqualTo(REDIS_STORES_AUTO_CONFIGURATION);
	}

}
