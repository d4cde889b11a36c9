package dev.purista.amqp.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;
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
 * {@link PuristaAmqpAutoConfiguration} with Boot's RabbitMQ auto-configuration, on a real RabbitMQ: what needs
 * the broker. The wiring without one is {@link PuristaAmqpAutoConfigurationTests}.
 */
class PuristaAmqpAutoConfigurationIntegrationTests {

	private static BrokerAddress rabbit;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, PuristaAmqpAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class))
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
			.withBean(ServiceDefinition.class, () -> echoService(service))
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
	void eventsRetriesAndDeadLettersGetAConfirmingConnectionOfTheirOwn() {
		String service = "Confirms" + System.nanoTime();
		this.runner.withPropertyValues("purista.event-bridge.type=amqp")
			.withBean(ServiceDefinition.class, () -> echoService(service))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ConnectionFactory boot = context.getBean(ConnectionFactory.class);
				CachingConnectionFactory confirming = context.getBean(
						PuristaAmqpAutoConfiguration.CONFIRMING_CONNECTION_FACTORY, CachingConnectionFactory.class);
				assertThat(confirming).isNotSameAs(boot);
				assertThat(confirming.isSimplePublisherConfirms()).isTrue();
				assertThat(boot.isSimplePublisherConfirms()).isFalse();
				assertThat(confirming.getRabbitConnectionFactory())
					.isSameAs(((CachingConnectionFactory) boot).getRabbitConnectionFactory());
				// the services' lifecycle messages opened it; from now on count the connections it opens
				confirming.resetConnection();
				AtomicInteger confirmingConnections = new AtomicInteger();
				confirming.addConnectionListener((connection) -> confirmingConnections.incrementAndGet());

				PuristaInvoker invoker = new PuristaInvoker(context.getBean(ServiceEnvironment.class),
						MessageAddress.of("Caller", "1", "test"));
				for (int i = 0; i < 5; i++) {
					assertThat(invoker.invoke(MessageAddress.of(service, "1", "echo"), Map.of("n", i), null,
							Object.class, Duration.ofSeconds(10), Identity.NONE).join()).isEqualTo(Map.of("n", i));
				}
				assertThat(confirmingConnections).as("commands and responses stay on Spring Boot's connection")
					.hasValue(0);

				context.getBean(AmqpEventBridge.class)
					.emitMessage(Messages.custom(MessageAddress.of(service, "1", "echo"), "confirmed", Map.of(), null,
							null, null, null));
				assertThat(confirmingConnections).as("events are published on the confirming connection").hasValue(1);
			});
	}

	private static ServiceDefinition echoService(String name) {
		return ServiceBuilder.service(name, "1").command("echo").handler((payload, parameter, context) -> payload).build();
	}

}
