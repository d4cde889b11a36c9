package dev.purista.nats.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.service.Identity;
import dev.purista.core.service.PuristaInvoker;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.queue.NatsQueueBridge;
import dev.purista.nats.autoconfigure.health.PuristaNatsHealthAutoConfiguration;
import dev.purista.nats.autoconfigure.health.NatsConnectionHealthIndicator;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PuristaNatsAutoConfiguration} on a real nats-server: services answer over NATS, and the health indicator
 * reports the connection. The wiring without a server is {@link PuristaNatsAutoConfigurationTests}.
 */
class PuristaNatsAutoConfigurationIntegrationTests {

	private static BrokerAddress nats;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaNatsAutoConfiguration.class,
				PuristaNatsHealthAutoConfiguration.class, PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("purista.event-bridge.type=nats", "purista.nats.servers=" + nats.url());

	@BeforeAll
	static void findNats() {
		nats = BrokerResolution.require(Broker.NATS);
	}

	@Test
	void natsTypeSelectsTheNatsEventBridgeAndServicesAnswerOverNats() {
		String service = "Wiring" + System.nanoTime();
		this.runner.withPropertyValues("purista.event-bridge.instance-id=wiring-instance")
			.withBean(ServiceDefinition.class, () -> echoService(service))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NatsEventBridge bridge = context.getBean(NatsEventBridge.class);
				ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
				assertThat(environment.eventBridge()).isSameAs(bridge);
				assertThat(bridge.isHealthy()).isTrue();
				assertThat(bridge.instanceId()).isEqualTo("wiring-instance");
				PuristaInvoker invoker = new PuristaInvoker(environment, MessageAddress.of("Caller", "1", "test"));
				Object answer = invoker
					.invoke(MessageAddress.of(service, "1", "echo"), Map.of("hello", "nats"), null, Object.class,
							Duration.ofSeconds(10), Identity.NONE)
					.join();
				assertThat(answer).isEqualTo(Map.of("hello", "nats"));
			});
	}

	@Test
	void natsQueueTypeSelectsTheStartedJetStreamQueueBridge() {
		String queue = "wiring-" + System.nanoTime();
		this.runner.withPropertyValues("purista.queue-bridge.type=nats").run((context) -> {
			assertThat(context).hasNotFailed();
			NatsQueueBridge bridge = context.getBean(NatsQueueBridge.class);
			assertThat(context.getBean(ServiceEnvironment.class).queueBridge()).isSameAs(bridge);
			assertThat(bridge.isHealthy()).as("started by PURISTA's lifecycle").isTrue();
			EnqueueResult enqueued = bridge.enqueue(EnqueueRequest.of(queue, Map.of("to", "a@b.co")));
			QueueLease lease = bridge.leaseNext(queue, Duration.ofSeconds(10));
			assertThat(lease).isNotNull();
			assertThat(lease.id()).isEqualTo(enqueued.jobId());
			bridge.ack(queue, lease.leaseId());
		});
	}

	@Test
	void healthIndicatorReportsTheConnectionUpWhileConnectedAndDownAfterwards() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			NatsConnectionHealthIndicator indicator = context.getBean("natsHealthIndicator",
					NatsConnectionHealthIndicator.class);
			Health up = indicator.health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("status", "CONNECTED")
				.containsEntry("connectionName", context.getBean(NatsEventBridge.class).instanceId())
				.containsEntry("jetStream", true)
				.containsKeys("url", "serverId", "serverVersion");

			context.getBean(NatsEventBridge.class).destroy();

			Health down = indicator.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("status", "CLOSED");
		});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.nats.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("natsHealthIndicator"));
	}

	private static ServiceDefinition echoService(String name) {
		return ServiceBuilder.service(name, "1").command("echo").handler((payload, parameter, context) -> payload).build();
	}

}
