package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.core.error.CapabilityMismatchException;
import dev.purista.core.annotation.Command;
import dev.purista.core.annotation.PuristaService;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.memory.InMemoryStateStore;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class));

	@Test
	void defaultsAreInMemoryAndAnnotatedServicesRun() {
		this.runner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(InMemoryEventBridge.class)
				.hasSingleBean(InMemoryQueueBridge.class)
				.hasSingleBean(InMemoryStateStore.class);
			ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
			Object answer = new PuristaInvoker(environment, MessageAddress.of("Test", "1", "test"))
				.invoke(MessageAddress.of("Greeter", "1", "greet"), "Ada", null, String.class, Duration.ofSeconds(5),
						Identity.NONE)
				.join();
			assertThat(answer).isEqualTo("Hello Ada from a constructor-injected bean");
			assertThat(context.getBean(PuristaServices.class).definitions()).extracting((d) -> d.info().name())
				.containsExactly("Greeter");
		});
	}

	@Test
	void serviceDefinitionBeansRunToo() {
		this.runner.withUserConfiguration(DefinitionConfiguration.class).run((context) -> {
			assertThat(context.getBean(PuristaServices.class).definitions()).extracting((d) -> d.info().name())
				.containsExactly("Echo");
		});
	}

	@Test
	void userBeansReplaceOurs() {
		this.runner.withUserConfiguration(UserBridgesConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(EventBridge.class)).isSameAs(UserBridgesConfiguration.BRIDGE);
			assertThat(context.getBean(QueueBridge.class)).isSameAs(UserBridgesConfiguration.QUEUE);
			assertThat(context.getBean(StateStore.class)).isSameAs(UserBridgesConfiguration.STATE);
			assertThat(context.getBean(ServiceEnvironment.class).eventBridge()).isSameAs(UserBridgesConfiguration.BRIDGE);
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "purista.event-bridge.type, amqp, EVENT_BRIDGE, purista-spring-boot-starter-amqp",
			"purista.queue-bridge.type, redis, QUEUE_BRIDGE, purista-spring-boot-starter-redis",
			"purista.state-store.type, redis, STATE_STORE, purista-spring-boot-starter-redis",
			"purista.config-store.type, redis, CONFIG_STORE, purista-spring-boot-starter-redis",
			"purista.config-store.type, dapr, CONFIG_STORE, purista-spring-boot-starter-dapr",
			"purista.secret-store.type, aws, SECRET_STORE, purista-spring-boot-starter-aws",
			"purista.secret-store.type, dapr, SECRET_STORE, purista-spring-boot-starter-dapr" })
	void selectedTypeWithoutItsStarterFailsWithAnAnalysisNamingArtifactAndProperty(String property, String type,
			PuristaComponent component, String artifact) {
		this.runner.withPropertyValues(property + "=" + type).run((context) -> {
			assertThat(context).hasFailed();
			MissingBridgeStarterException failure = findCause(context.getStartupFailure(),
					MissingBridgeStarterException.class);
			assertThat(failure.getComponent()).isEqualTo(component);
			FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(property).contains("dev.purista:" + artifact);
			assertThat(analysis.getAction()).contains("dev.purista:" + artifact).contains(property + "=in-memory");
		});
	}

	@Test
	void unknownTypeListsTheKnownOnes() {
		this.runner.withPropertyValues("purista.event-bridge.type=kafka").run((context) -> {
			FailureAnalysis analysis = new MissingBridgeStarterFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'kafka'").contains("no starter provides that type");
			assertThat(analysis.getAction()).contains("[in-memory, amqp, mqtt, nats]");
		});
	}

	@Test
	void inMemoryEventBridgeInProductionFailsUnlessAllowed() {
		this.runner.withPropertyValues("spring.profiles.active=production", "purista.event-bridge.type=in-memory")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InMemoryEventBridgeInProductionFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("never leave this process");
				assertThat(analysis.getAction()).contains("purista.production.allow-in-memory=true");
			});
		this.runner
			.withPropertyValues("spring.profiles.active=production", "purista.event-bridge.type=in-memory",
					"purista.production.allow-in-memory=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(InMemoryEventBridge.class));
	}

	@Test
	void inMemorySettingsAndTimeoutAreBound() {
		this.runner
			.withPropertyValues("purista.event-bridge.default-command-timeout=5s",
					"purista.event-bridge.in-memory.isolation=false", "purista.event-bridge.instance-id=abc")
			.run((context) -> {
				InMemoryEventBridge bridge = context.getBean(InMemoryEventBridge.class);
				assertThat(bridge.defaultCommandTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(bridge.isIsolating()).isFalse();
				assertThat(bridge.instanceId()).isEqualTo("abc");
			});
	}

	@Test
	void subscriptionAndQueueSettingsOverrideDefinitions() {
		this.runner.withUserConfiguration(WorkerDefinitionConfiguration.class)
			.withPropertyValues("purista.subscriptions.audit-signups.max-attempts=4",
					"purista.subscriptions.audit-signups.retry-delay=250ms", "purista.queues.welcome-email.max-attempts=7",
					"purista.queues.welcome-email.max-parallel-handlers=3")
			.run((context) -> {
				ServiceDefinition definition = context.getBean(PuristaServices.class).definitions().get(0);
				assertThat(definition.subscriptions().get(0).maxAttempts()).isEqualTo(4);
				assertThat(definition.subscriptions().get(0).retryDelay()).isEqualTo(Duration.ofMillis(250));
				assertThat(definition.queueWorkers().get(0).lifecycle().maxAttempts()).isEqualTo(7);
				assertThat(definition.queueWorkers().get(0).maxParallelHandlers()).isEqualTo(3);
			});
	}

	@Test
	void queueWorkerCanBeSwitchedOffWhileTheServiceKeepsItsSubscriptions() {
		this.runner.withUserConfiguration(WorkerDefinitionConfiguration.class)
			.withPropertyValues("purista.queues.welcome-email.enabled=false")
			.run((context) -> {
				ServiceDefinition definition = context.getBean(PuristaServices.class).definitions().get(0);
				assertThat(definition.queueWorkers()).isEmpty();
				assertThat(definition.subscriptions()).singleElement()
					.satisfies((subscription) -> assertThat(subscription.name()).isEqualTo("auditSignups"));
			});
	}

	@Test
	void queueWorkerRunsWhenEnabledIsLeftAtItsDefault() {
		this.runner.withUserConfiguration(WorkerDefinitionConfiguration.class)
			.withPropertyValues("purista.queues.welcome-email.max-attempts=2")
			.run((context) -> assertThat(context.getBean(PuristaServices.class).definitions().get(0).queueWorkers())
				.singleElement()
				.satisfies((worker) -> assertThat(worker.queueName()).isEqualTo("welcome-email")));
	}

	@Test
	void subscriptionCanBeMadeDurableByProperty() {
		this.runner.withUserConfiguration(WorkerDefinitionConfiguration.class)
			.withPropertyValues("purista.subscriptions.audit-signups.durable=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(findCause(context.getStartupFailure(), CapabilityMismatchException.class))
					.hasMessageContaining("durable");
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable current = failure;
		while (current != null) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
	}

	static class Greeting {

		String suffix() {
			return " from a constructor-injected bean";
		}

	}

	@PuristaService(name = "Greeter", version = "1")
	static class GreeterService {

		private final Greeting greeting;

		GreeterService(Greeting greeting) {
			this.greeting = greeting;
		}

		@Command
		public String greet(String name) {
			return "Hello " + name + this.greeting.suffix();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterConfiguration {

		@Bean
		Greeting greeting() {
			return new Greeting();
		}

		@Bean
		GreeterService greeterService(Greeting greeting) {
			return new GreeterService(greeting);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DefinitionConfiguration {

		@Bean
		ServiceDefinition echo() {
			return ServiceBuilder.service("Echo", "1").command("echo").handler((p, q, c) -> p).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkerDefinitionConfiguration {

		@Bean
		ServiceDefinition email() {
			return ServiceBuilder.service("Email", "1")
				.subscription("auditSignups")
				.event("userSignedUp")
				.handler((p, c) -> null)
				.queueWorker("welcome-email", "send")
				.handler((p, q, c) -> null)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBridgesConfiguration {

		static final InMemoryEventBridge BRIDGE = new InMemoryEventBridge();

		static final InMemoryQueueBridge QUEUE = new InMemoryQueueBridge();

		static final InMemoryStateStore STATE = new InMemoryStateStore();

		@Bean
		EventBridge myBridge() {
			return BRIDGE;
		}

		@Bean
		QueueBridge myQueue() {
			return QUEUE;
		}

		@Bean
		StateStore myState() {
			return STATE;
		}

		@Bean
		Map<String, String> unrelated() {
			return Map.of();
		}

	}

}
