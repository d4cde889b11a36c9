package dev.purista.boot.autoconfigure.health;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaProfilePresets;
import dev.purista.boot.health.PuristaHealthContributor;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaHealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer((context) -> new PuristaProfilePresets().postProcessEnvironment(context.getEnvironment(),
				new SpringApplication()))
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class, PuristaHealthAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class,
				AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.show-details=always")
		.withUserConfiguration(ServicesConfiguration.class);

	@Test
	void healthOfPuristaHasBridgesStoresAndOneMemberPerRunningService() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PuristaHealthContributor.class);
			CompositeHealthDescriptor purista = composite(context.getBean(HealthEndpoint.class), "purista");
			assertThat(purista.getStatus()).isEqualTo(Status.UP);
			assertThat(purista.getComponents()).containsOnlyKeys("eventBridge", "queueBridge", "stateStore",
					"configStore", "secretStore", "services");
			CompositeHealthDescriptor services = (CompositeHealthDescriptor) purista.getComponents().get("services");
			assertThat(services.getComponents()).containsOnlyKeys("Greeter-v1", "Email-v1");
			assertThat(details(services.getComponents().get("Email-v1"))).containsEntry("subscriptions", 1)
				.containsEntry("queueWorkers", 1)
				.containsEntry("queueJobsInFlight", 0);
			assertThat(details(purista.getComponents().get("eventBridge"))).containsEntry("name", "InMemoryEventBridge")
				.containsEntry("transport", "in-memory")
				.containsEntry("inFlight", 0)
				.containsKey("instanceId");
			assertThat(details(purista.getComponents().get("secretStore"))).containsOnly(
					Map.entry("name", "InMemorySecretStore"), Map.entry("type", "in-memory"));
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> queues = (Map<String, Map<String, Object>>) details(
					purista.getComponents().get("queueBridge")).get("queues");
			assertThat(queues.get("welcome-email")).containsEntry("status", "ok")
				.containsEntry("parallelism", 2)
				.containsEntry("pending", 0L);
		});
	}

	@Test
	void destroyedEventBridgeTurnsPuristaDown() {
		this.runner.run((context) -> {
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			context.getBean(EventBridge.class).destroy();
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			CompositeHealthDescriptor purista = composite(endpoint, "purista");
			assertThat(purista.getStatus()).isEqualTo(Status.DOWN);
			assertThat(purista.getComponents().get("eventBridge").getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(purista.getComponents().get("eventBridge"))).containsEntry("healthy", false);
			assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void readinessGroupIncludesPuristaAndLivenessDoesNot() {
		this.runner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("readiness").isMember("purista")).isTrue();
			assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
			assertThat(groups.get("liveness").isMember("purista")).isFalse();
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			CompositeHealthDescriptor readiness = composite(context.getBean(HealthEndpoint.class), "readiness");
			assertThat(readiness.getStatus()).isEqualTo(Status.UP);
			assertThat(readiness.getComponents()).containsKeys("purista", "readinessState");
		});
	}

	@Test
	void disablingTheIndicatorRemovesItAndTheReadinessIncludeWithoutStartupFailure() {
		this.runner.withPropertyValues("management.health.purista.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PuristaHealthContributor.class);
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("purista")).isFalse();
			assertThat(context.getBean(HealthEndpoint.class).healthForPath("purista")).isNull();
		});
	}

	@Test
	void disablingAllDefaultIndicatorsAlsoRemovesTheReadinessInclude() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PuristaHealthContributor.class));
	}

	@Test
	void withoutSpringBootHealthNothingIsContributed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
					PuristaAutoConfiguration.class, PuristaHealthAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PuristaHealthContributor.class));
	}

	@Test
	void userContributorNamedPuristaReplacesOurs() {
		this.runner.withBean("puristaHealthContributor", HealthIndicator.class,
				() -> () -> org.springframework.boot.health.contributor.Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(PuristaHealthContributor.class));
	}

	private static CompositeHealthDescriptor composite(HealthEndpoint endpoint, String path) {
		HealthDescriptor descriptor = endpoint.healthForPath(path);
		assertThat(descriptor).isInstanceOf(CompositeHealthDescriptor.class);
		return (CompositeHealthDescriptor) descriptor;
	}

	private static Map<String, Object> details(HealthDescriptor descriptor) {
		assertThat(descriptor).isInstanceOf(IndicatedHealthDescriptor.class);
		return ((IndicatedHealthDescriptor) descriptor).getDetails();
	}

	@Configuration(proxyBeanMethods = false)
	static class ServicesConfiguration {

		@Bean
		ServiceDefinition greeter() {
			return ServiceBuilder.service("Greeter", "1").command("greet").handler((p, q, c) -> "hi").build();
		}

		@Bean
		ServiceDefinition email() {
			return ServiceBuilder.service("Email", "1")
				.subscription("auditSignups")
				.event("userSignedUp")
				.handler((p, c) -> null)
				.queueWorker("welcome-email", "send")
				.maxParallelHandlers(2)
				.handler((p, q, c) -> null)
				.build();
		}

	}

}
