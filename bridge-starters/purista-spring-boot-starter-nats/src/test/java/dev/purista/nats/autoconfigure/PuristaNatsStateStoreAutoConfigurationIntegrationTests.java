package dev.purista.nats.autoconfigure;

import java.util.Map;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.memory.InMemoryStateStore;
import dev.purista.nats.store.NatsStateStore;
import dev.purista.test.broker.Broker;
import dev.purista.test.broker.BrokerAddress;
import dev.purista.test.broker.BrokerResolution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PuristaNatsStateStoreAutoConfiguration}: {@code purista.state-store.type=nats} alone (bridges in memory)
 * gives the services a {@link NatsStateStore} on the bucket and storage of {@code purista.nats.state-store.*},
 * connected through {@code purista.nats.*} to a real nats-server, closed with the context.
 */
class PuristaNatsStateStoreAutoConfigurationIntegrationTests {

	private static BrokerAddress nats;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaNatsAutoConfiguration.class,
				PuristaNatsStateStoreAutoConfiguration.class, PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class))
		.withPropertyValues("purista.nats.servers=" + nats.url());

	@BeforeAll
	static void findNats() {
		nats = BrokerResolution.require(Broker.NATS);
	}

	@Test
	void natsTypeSelectsTheNatsStateStoreOnTheConfiguredBucket() throws Exception {
		String bucket = "purista-state-wiring-" + UUID.randomUUID().toString().substring(0, 8);
		NatsStateStore[] used = new NatsStateStore[1];
		this.runner
			.withPropertyValues("purista.state-store.type=nats", "purista.nats.state-store.bucket=" + bucket,
					"purista.nats.state-store.storage=memory")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(NatsStateStore.class);
				ServiceEnvironment environment = context.getBean(ServiceEnvironment.class);
				assertThat(environment.stateStore()).isSameAs(context.getBean(NatsStateStore.class));
				assertThat(environment.eventBridge()).isInstanceOf(InMemoryEventBridge.class);
				assertThat(environment.queueBridge()).isInstanceOf(InMemoryQueueBridge.class);
				used[0] = context.getBean(NatsStateStore.class);
				assertThat(used[0].bucket()).isEqualTo(bucket);
				used[0].setState("wired", Map.of("by", "auto-configuration"));
				assertThat(used[0].getState("wired").get("wired")).hasToString("{\"by\":\"auto-configuration\"}");
				assertThat(used[0].isHealthy()).isTrue();
			});
		assertThat(used[0].isHealthy()).as("the context closed the store's connection").isFalse();
		try (Connection direct = Nats.connect(nats.url())) {
			KeyValueStatus status = direct.keyValueManagement().getStatus(bucket);
			assertThat(status.getStorageType()).isEqualTo(StorageType.Memory);
			direct.keyValueManagement().delete(bucket);
		}
	}

	@Test
	void otherStateStoreTypesGetNoNatsStateStore() {
		this.runner.withPropertyValues("purista.event-bridge.type=nats").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(NatsStateStore.class);
			assertThat(context.getBean(StateStore.class)).isInstanceOf(InMemoryStateStore.class);
		});
	}

	@Test
	void theStoreAloneGetsTheConnectionOptions() {
		this.runner.withPropertyValues("purista.state-store.type=nats").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(NatsStateStore.class);
			assertThat(context).hasSingleBean(Options.class);
		});
	}

}
