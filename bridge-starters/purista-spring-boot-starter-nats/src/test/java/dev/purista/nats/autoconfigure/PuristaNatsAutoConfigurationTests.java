package dev.purista.nats.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.nats.client.Options;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaConnections;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.NatsEventBridgeOptions.HandlerExecution;
import dev.purista.nats.NatsEventBridgeOptions.PublishTwice;
import dev.purista.nats.queue.NatsQueueBridge;
import dev.purista.nats.queue.NatsQueueBridgeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link PuristaNatsAutoConfiguration} without a server: PURISTA's connection lifecycle does not start,
 * so the bridge never connects. What needs NATS is {@link PuristaNatsAutoConfigurationIntegrationTests}.
 */
class PuristaNatsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaAutoConfiguration.class, PuristaNatsAutoConfiguration.class,
				PuristaFoundationAutoConfiguration.class))
		.withUserConfiguration(UnconnectedConfiguration.class);

	@Test
	void natsTypeSelectsTheNatsEventBridgeWithOptionsFromTheProperties() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=nats", "purista.event-bridge.instance-id=wiring-instance",
					"purista.event-bridge.default-command-timeout=12s", "purista.nats.subject-prefix=wiring",
					"purista.nats.command-response-publish-twice=always", "purista.nats.handler-threads=3",
					"purista.nats.settle-timeout=1s", "purista.nats.flush-timeout=3s",
					"purista.nats.handler-execution=dispatcher",
					"purista.event-bridge.outbound-buffer.max-messages=500",
					"purista.event-bridge.outbound-buffer.max-bytes=1MB")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(NatsEventBridge.class);
				NatsEventBridge bridge = context.getBean(NatsEventBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).eventBridge()).isSameAs(bridge);
				NatsEventBridgeOptions options = bridge.options();
				assertThat(options.subjectPrefix()).isEqualTo("wiring");
				assertThat(options.instanceId()).isEqualTo("wiring-instance");
				assertThat(options.defaultCommandTimeout()).isEqualTo(Duration.ofSeconds(12));
				assertThat(options.commandResponsePublishTwice()).isEqualTo(PublishTwice.ALWAYS);
				assertThat(options.handlerThreads()).isEqualTo(3);
				assertThat(options.handlerExecution()).isEqualTo(HandlerExecution.DISPATCHER);
				assertThat(options.settleTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.flushTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.outboundBuffer()).isEqualTo(new OutboundBufferLimits(500, 1024 * 1024));
				assertThat(bridge.natsOptions().getConnectionName()).as("the connection is named after the instance")
					.isEqualTo("wiring-instance");
				assertThat(bridge.isReady()).as("not started: no server was contacted").isFalse();
			});
	}

	@Test
	void jetStreamPropertiesSetTheDurableConsumersAckWaitAndMaxMessages() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=nats", "purista.nats.jetstream-ack-wait=45s",
					"purista.nats.max-messages=25")
			.run((context) -> {
				NatsEventBridgeOptions options = context.getBean(NatsEventBridge.class).options();
				assertThat(options.jetStreamAckWait()).isEqualTo(Duration.ofSeconds(45));
				assertThat(options.maxMessages()).isEqualTo(25);
			});
		this.runner.withPropertyValues("purista.event-bridge.type=nats").run((context) -> {
			NatsEventBridgeOptions options = context.getBean(NatsEventBridge.class).options();
			assertThat(options.jetStreamAckWait()).as("TypeScript's jetStreamAckWaitMs").isEqualTo(Duration.ofSeconds(30));
			assertThat(options.maxMessages()).as("TypeScript's maxMessages").isEqualTo(10);
		});
	}

	@Test
	void connectionPropertiesBuildTheNatsOptions() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=nats",
					"purista.nats.servers=nats://nats1.internal:4223,nats://nats2.internal:4224",
					"purista.nats.username=purista", "purista.nats.password=secret",
					"purista.nats.connection-timeout=3s", "purista.nats.reconnect-wait=250ms",
					"purista.nats.max-reconnects=7", "purista.nats.ping-interval=30s",
					"purista.nats.reconnect-buffer-size=1MB")
			.run((context) -> {
				Options options = context.getBean(Options.class);
				assertThat(options.getServers()).containsExactly(URI.create("nats://nats1.internal:4223"),
						URI.create("nats://nats2.internal:4224"));
				assertThat(new String(options.getUsernameChars())).isEqualTo("purista");
				assertThat(new String(options.getPasswordChars())).isEqualTo("secret");
				assertThat(options.getConnectionTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.getReconnectWait()).isEqualTo(Duration.ofMillis(250));
				assertThat(options.getMaxReconnect()).isEqualTo(7);
				assertThat(options.getPingInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(options.getReconnectBufferSize()).isEqualTo(1024 * 1024);
				assertThat(options.getSslContext()).isNull();
				assertThat(context.getBean(NatsEventBridge.class).natsOptions().getMaxReconnect())
					.as("a limit set by the properties is kept")
					.isEqualTo(7);
			});
	}

	@Test
	void withoutPropertiesTheBridgeReconnectsForeverToLocalhost() {
		this.runner.withPropertyValues("purista.event-bridge.type=nats").run((context) -> {
			NatsEventBridge bridge = context.getBean(NatsEventBridge.class);
			assertThat(bridge.natsOptions().getServers()).containsExactly(URI.create("nats://localhost:4222"));
			assertThat(bridge.natsOptions().getMaxReconnect()).isEqualTo(-1);
			assertThat(bridge.natsOptions().getConnectionName()).isEqualTo(bridge.instanceId());
			assertThat(bridge.options().subjectPrefix()).isEqualTo("purista");
			assertThat(bridge.options().commandResponsePublishTwice()).isEqualTo(PublishTwice.EVENT_ONLY);
			assertThat(bridge.options().handlerExecution()).isEqualTo(HandlerExecution.POOL);
		});
	}

	@Test
	void tokenAndTlsWithoutABundleUseTheJvmsTrust() {
		this.runner.withPropertyValues("purista.event-bridge.type=nats", "purista.nats.token=s3cret",
				"purista.nats.ssl.enabled=true")
			.run((context) -> {
				Options options = context.getBean(Options.class);
				assertThat(new String(options.getTokenChars())).isEqualTo("s3cret");
				assertThat(options.getSslContext()).isNotNull();
			});
	}

	@Test
	void customizersAdjustTheOptionsAfterThePropertiesInOrder() {
		this.runner
			.withPropertyValues("purista.event-bridge.type=nats", "purista.event-bridge.instance-id=from-properties",
					"purista.nats.handler-threads=3", "purista.nats.max-reconnects=5")
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> {
				NatsEventBridge bridge = context.getBean(NatsEventBridge.class);
				assertThat(bridge.options().instanceId()).isEqualTo("second");
				assertThat(bridge.options().settleTimeout()).isEqualTo(Duration.ofMillis(1234));
				assertThat(bridge.options().handlerThreads()).as("what no customizer touched keeps the property")
					.isEqualTo(3);
				assertThat(bridge.natsOptions().getMaxReconnect()).isEqualTo(9);
				assertThat(bridge.natsOptions().getConnectionName()).isEqualTo("named-by-customizer");
			});
	}

	@Test
	void natsQueueTypeSelectsTheNatsQueueBridgeWithOptionsFromTheProperties() {
		this.runner
			.withPropertyValues("purista.queue-bridge.type=nats", "purista.nats.queue.subject-prefix=jobs.wiring",
					"purista.nats.queue.default-lease-ttl=45s", "purista.nats.queue.default-max-attempts=4",
					"purista.nats.queue.storage=memory", "purista.nats.queue.release-batch-size=7",
					"purista.nats.queue.idempotency-pending-timeout=2s", "purista.nats.queue.poll-interval=250ms")
			.withBean(NatsQueueBridgeOptionsCustomizer.class,
					() -> (options) -> options.instanceId("queue-by-customizer"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(NatsQueueBridge.class)
					.doesNotHaveBean(NatsEventBridge.class)
					.hasSingleBean(InMemoryEventBridge.class);
				NatsQueueBridge bridge = context.getBean(NatsQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge()).isSameAs(bridge);
				NatsQueueBridgeOptions options = bridge.options();
				assertThat(options.subjectPrefix()).isEqualTo("jobs.wiring");
				assertThat(options.defaultLeaseTtl()).isEqualTo(Duration.ofSeconds(45));
				assertThat(options.defaultMaxAttempts()).isEqualTo(4);
				assertThat(options.storageType()).isEqualTo(StorageType.Memory);
				assertThat(options.releaseBatchSize()).isEqualTo(7);
				assertThat(options.idempotencyPendingTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.pollInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(bridge.instanceId()).isEqualTo("queue-by-customizer");
				assertThat(bridge.names().pendingStream("emails")).isEqualTo("jobs_wiring_emails_pending");
				assertThat(bridge.isReady()).as("not started: no server was contacted").isFalse();
			});
	}

	@Test
	void aUserQueueBridgeReplacesTheNatsOne() {
		this.runner.withPropertyValues("purista.queue-bridge.type=nats")
			.withBean("userQueueBridge", QueueBridge.class, InMemoryQueueBridge::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(NatsQueueBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).queueBridge())
					.isSameAs(context.getBean("userQueueBridge"));
			});
	}

	@Test
	void theStarterBacksOffWhenAnotherTypeIsSelected() {
		this.runner.withPropertyValues("purista.event-bridge.type=in-memory", "purista.queue-bridge.type=in-memory")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NatsEventBridge.class)
				.doesNotHaveBean(NatsQueueBridge.class)
				.doesNotHaveBean(Options.class)
				.hasSingleBean(InMemoryEventBridge.class));
	}

	@Test
	void aUserEventBridgeReplacesTheNatsOne() {
		this.runner.withPropertyValues("purista.event-bridge.type=nats")
			.withBean("userEventBridge", EventBridge.class, InMemoryEventBridge::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(NatsEventBridge.class);
				assertThat(context.getBean(ServiceEnvironment.class).eventBridge())
					.isSameAs(context.getBean("userEventBridge"));
			});
	}

	@Test
	void ordersItselfAfterTheFoundationAndBeforeTheServices() {
		this.runner.withPropertyValues("purista.event-bridge.type=nats")
			.run((context) -> assertThat(List.of(context.getBeanDefinitionNames())).containsSubsequence(
					PuristaFoundationAutoConfiguration.class.getName(), PuristaNatsAutoConfiguration.class.getName(),
					PuristaAutoConfiguration.class.getName()));
	}

	/**
	 * PURISTA's connection lifecycle, kept from starting: the wiring is checked, no server is contacted.
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
		NatsEventBridgeOptionsCustomizer second() {
			return (builder) -> builder.instanceId("second");
		}

		@Bean
		@Order(1)
		NatsEventBridgeOptionsCustomizer first() {
			return (builder) -> builder.instanceId("first").settleTimeout(Duration.ofMillis(1234));
		}

		@Bean
		NatsOptionsCustomizer natsOptionsCustomizer() {
			return (builder) -> builder.maxReconnects(9).connectionName("named-by-customizer");
		}

	}

}
