package dev.purista.amqp.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.util.TestSocketUtils;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.AmqpNames;
import dev.purista.boot.autoconfigure.MissingBridgeStarterException;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaConnections;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.service.ServiceEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaAmqpAutoConfiguration} with Boot's RabbitMQ auto-configuration, without a broker: Boot's
 * connection factory points at a port nothing listens on (Spring AMQP connects lazily), and PURISTA's
 * connection lifecycle does not start, so nothing is connected. What needs RabbitMQ is
 * {@link PuristaAmqpAutoConfigurationIntegrationTests}.
 */
class PuristaAmqpAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaAmqpAutoConfiguration.class,
				RabbitAutoConfiguration.class, PuristaFoundationAutoConfiguration.class))
		.withPropertyValues("spring.rabbitmq.host=127.0.0.1",
				"spring.rabbitmq.port=" + TestSocketUtils.findAvailableTcpPort())
		.withUserConfiguration(UnconnectedConfiguration.class);

	@Test
	void amqpTypeSelectsTheAmqpEventBridgeWithOptionsFromTheProperties() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=amqp", "purista.event-bridge.instance-id=wiring-instance",
					"purista.event-bridge.default-command-timeout=12s", "purista.amqp.exchange=wiring-exchange",
					"purista.amqp.name-prefix=wiring", "purista.amqp.consumers-per-queue=2", "purista.amqp.prefetch=3",
					"purista.amqp.confirm-timeout=2s", "purista.amqp.settle-timeout=1s",
					"purista.event-bridge.outbound-buffer.max-messages=500",
					"purista.event-bridge.outbound-buffer.max-bytes=1MB")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AmqpEventBridge.class);
				AmqpEventBridge bridge = context.getBean(AmqpEventBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).eventBridge()).isSameAs(bridge);
				assertThat(bridge.options()).isEqualTo(AmqpEventBridgeOptions.builder()
					.names(new AmqpNames("wiring-exchange", "wiring"))
					.instanceId("wiring-instance")
					.defaultCommandTimeout(Duration.ofSeconds(12))
					.consumersPerQueue(2)
					.prefetch(3)
					.confirmTimeout(Duration.ofSeconds(2))
					.settleTimeout(Duration.ofSeconds(1))
					.outboundBuffer(new OutboundBufferLimits(500, 1024 * 1024))
					.build());
				assertThat(bridge.isReady()).as("not started: no broker was contacted").isFalse();
			});
	}

	@Test
	void ordersItselfAfterTheFoundationAndBeforeTheServicesWhateverTheDeclaredOrder() {
		this.runner.withPropertyValues("purista.event-bridge.type=amqp")
			.run((context) -> assertThat(List.of(context.getBeanDefinitionNames())).containsSubsequence(
					PuristaFoundationAutoConfiguration.class.getName(), PuristaAmqpAutoConfiguration.class.getName(),
					PuristaAutoConfiguration.class.getName()));
	}

	@Test
	void withoutPropertiesTheBridgeGetsTheDefaultOptions() {
		this.runner.withPropertyValues("purista.event-bridge.type=amqp")
			.run((context) -> assertThat(context.getBean(AmqpEventBridge.class).options())
				.isEqualTo(AmqpEventBridgeOptions.defaults()));
	}

	@Test
	void customizersAdjustTheOptionsAfterThePropertiesInOrder() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=amqp", "purista.event-bridge.instance-id=from-properties",
					"purista.amqp.prefetch=3")
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> {
				AmqpEventBridgeOptions options = context.getBean(AmqpEventBridge.class).options();
				assertThat(options.instanceId()).isEqualTo("second");
				assertThat(options.consumersPerQueue()).isEqualTo(7);
				assertThat(options.prefetch()).as("what no customizer touched keeps the property").isEqualTo(3);
			});
	}

	@Test
	void inMemoryStaysTheDefault() {
		this.runner.run((context) -> assertThat(context.getBean(ServiceEnvironment.class).eventBridge())
			.isInstanceOf(InMemoryEventBridge.class));
	}

	@Test
	void theStarterBacksOffWhenAnotherTypeIsSelected() {
		this.runner.withPropertyValues("purista.event-bridge.type=in-memory")
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AmqpEventBridge.class)
				.doesNotHaveBean(PuristaAmqpAutoConfiguration.CONFIRMING_CONNECTION_FACTORY)
				.hasSingleBean(InMemoryEventBridge.class));
	}

	@Test
	void aUserEventBridgeReplacesTheAmqpOne() {
		this.runner.withPropertyValues("purista.event-bridge.type=amqp")
			.withBean("userEventBridge", EventBridge.class, InMemoryEventBridge::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(AmqpEventBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).eventBridge())
					.isSameAs(context.getBean("userEventBridge"));
			});
	}

	@Test
	void eventsRetriesAndDeadLettersGetAConfirmingConnectionFactoryOnBootsRabbitClient() {
		this.runner.withPropertyValues("purista.event-bridge.type=amqp").run((context) -> {
			assertThat(context).hasNotFailed();
			ConnectionFactory boot = context.getBean(ConnectionFactory.class);
			CachingConnectionFactory confirming = context
				.getBean(PuristaAmqpAutoConfiguration.CONFIRMING_CONNECTION_FACTORY, CachingConnectionFactory.class);
			assertThat(confirming).isNotSameAs(boot);
			assertThat(confirming.isSimplePublisherConfirms()).isTrue();
			assertThat(boot.isSimplePublisherConfirms()).isFalse();
			assertThat(confirming.getRabbitConnectionFactory())
				.isSameAs(((CachingConnectionFactory) boot).getRabbitConnectionFactory());
		});
	}

	@Test
	void withoutPublisherConfirmsEverythingUsesSpringBootsConnection() {
		this.runner.withPropertyValues("purista.event-bridge.type=amqp", "purista.amqp.publisher-confirms=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(PuristaAmqpAutoConfiguration.CONFIRMING_CONNECTION_FACTORY);
				assertThat(context).hasSingleBean(AmqpEventBridge.class);
			});
	}

	@Test
	void theConfirmingConnectionIsOnlyThereForTheAmqpBridge() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(PuristaAmqpAutoConfiguration.CONFIRMING_CONNECTION_FACTORY);
			assertThat(context).hasSingleBean(ConnectionFactory.class);
		});
	}

	@Test
	void withoutAConnectionFactoryTheStartupFailureNamesThePresentStarterAndWhatItNeeds() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
					PuristaAmqpAutoConfiguration.class, PuristaAutoConfiguration.class))
			.withPropertyValues("purista.event-bridge.type=amqp")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MissingBridgeStarterException.class);
				assertThat(analyses(context.getStartupFailure())).singleElement().satisfies((analysis) -> {
					assertThat(analysis.getDescription())
						.contains("dev.purista:purista-spring-boot-starter-amqp is on the classpath");
					assertThat(analysis.getAction()).contains("ConnectionFactory bean").contains("spring.rabbitmq.");
				});
			});
	}

	private static List<FailureAnalysis> analyses(Throwable failure) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.filter((analysis) -> analysis.getDescription().contains("PURISTA"))
			.toList();
	}

	/**
	 * PURISTA's connection lifecycle, kept from starting: the wiring is checked, no broker is contacted.
	 */
	@Configuration(proxyBeanMethods = false)
	static class UnconnectedConfiguration {

		@Bean
		PuristaConnections puristaConnections(ServiceEnvironment environment) {
			return new PuristaConnections(environment) {

				@Override
				public boolean isAutoStartup() {
					return false;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		// declared in the opposite of their order, so bean declaration order cannot pass the test
		@Bean
		@Order(2)
		AmqpEventBridgeOptionsCustomizer second() {
			return (builder) -> builder.instanceId("second");
		}

		@Bean
		@Order(1)
		AmqpEventBridgeOptionsCustomizer first() {
			return (builder) -> builder.instanceId("first").consumersPerQueue(7);
		}

	}

}
