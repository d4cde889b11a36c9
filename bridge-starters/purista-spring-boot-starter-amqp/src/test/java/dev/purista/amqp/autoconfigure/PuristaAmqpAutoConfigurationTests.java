package dev.purista.amqp.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaAmqpAutoConfiguration} with Boot's RabbitMQ auto-configuration, on a real RabbitMQ.
 */
class PuristaAmqpAutoConfigurationTests {

	private static BrokerAddress rabbit;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, PuristaAmqpAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("spring.rabbitmq.host=" + rabbit.host(), "spring.rabbitmq.port=" + rabbit.port(),
				"spring.rabbitmq.username=" + rabbit.username(), "spring.rabbitmq.password=" + rabbit.password());

	@BeforeAll
	static void findRabbit() {
		rabbit = BrokerResolution.require(Broker.RABBITMQ);
	}

	@Test
	void amqpTypeSelectsTheAmqpEventBridgeAndServicesAnswerOverRabbitMq() {
		String service = "Wiring" + System.nanoTime();
		this.runner
			.withPropertyValues("purista.event-bridge.type=amqp", "purista.event-bridge.instance-id=wiring-instance",
					"purista.amqp.consumers-per-queue=2")
			.withBean(ServiceDefinition.class, () -> ServiceBuilder.service(service, "1")
				.command("echo")
				.handler((payload, parameter, context) -> payload)
				.build())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AmqpEventBridge bridge = context.getBean(AmqpEventBridge.class);
				ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
				assertThat(environment.eventBridge()).isSameAs(bridge);
				assertThat(bridge.instanceId()).isEqualTo("wiring-instance");
				assertThat(bridge.options().consumersPerQueue()).isEqualTo(2);
				PuristaInvoker invoker = new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
				Object answer = invoker
					.invoke(MessageAddress.of(service, "1", "echo"), Map.of("hello", "amqp"), null, Object.class,
							Duration.ofSeconds(10), Identity.NONE)
					.join();
				assertThat(answer).isEqualTo(Map.of("hello", "amqp"));
			});
	}

	@Test
	void inMemoryStaysTheDefault() {
		this.runner.run((context) -> assertThat(context.getBean(ServiceEnvironment.class).eventBridge())
			.isInstanceOf(InMemoryEventBridge.class));
	}

	@Test
	void publisherConfirmsDefaultToSimpleUnlessSet() {
		StandardEnvironment environment = new StandardEnvironment();
		new PuristaAmqpDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("simple");

		StandardEnvironment configured = new StandardEnvironment();
		configured.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("spring.rabbitmq.publisher-confirm-type", "none"));
		new PuristaAmqpDefaults().postProcessEnvironment(configured, new SpringApplication());
		assertThat(configured.getProperty("spring.rabbitmq.publisher-confirm-type")).isEqualTo("none");
	}

}
