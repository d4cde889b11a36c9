package dev.purista.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.SubscriptionFilter;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.message.Ids;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.Messages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared subscription whose messages also reach one of its instances through that instance's response filter
 * (the instance invoked the command whose success event the subscription wants): each message is handled once in
 * the share group, not once more by the invoking instance.
 */
class MqttSharedSubscriptionIntegrationTests {

	private final MqttTestSupport mqtt = new MqttTestSupport();

	private final List<MqttEventBridge> bridges = new CopyOnWriteArrayList<>();

	private final String suffix = Ids.newId().substring(0, 8);

	@AfterEach
	void destroy() {
		this.bridges.forEach(MqttEventBridge::destroy);
	}

	@Test
	void successEventOfOwnInvocationIsHandledOnceInTheShareGroup() {
		MqttEventBridge caller = start();
		MqttEventBridge other = start();
		MqttEventBridge responder = start();
		String event = "made" + this.suffix;
		MessageAddress things = MessageAddress.of("Things" + this.suffix, "1", "make");
		responder.registerCommand(things, (command) -> CompletableFuture
			.completedFuture(Messages.success(command, responder.instanceId(), "ok", event, null)),
				CommandOptions.DEFAULTS);
		List<String> handled = new CopyOnWriteArrayList<>();
		SubscriptionRegistration subscription = SubscriptionRegistration
			.builder(MessageAddress.of("Audit" + this.suffix, "1", "onMade"), SubscriptionFilter.event(event))
			.shared(true)
			.build();
		for (MqttEventBridge member : List.of(caller, other)) {
			member.registerSubscription(subscription, (message) -> {
				handled.add(message.correlationId());
				return CompletableFuture.completedFuture(SubscriptionResult.ack());
			});
		}

		int invocations = 20;
		for (int i = 0; i < invocations; i++) {
			caller.invoke(Messages.command(MessageAddress.of("Caller", "1", "call"), things, i, null, null, null, null,
					null), Duration.ofSeconds(10)).join();
		}

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() >= invocations);
		Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
		assertThat(handled).hasSize(invocations).doesNotHaveDuplicates();
	}

	private MqttEventBridge start() {
		MqttEventBridge bridge = this.mqtt.bridge(MqttEventBridgeOptions.builder()
			.settleTimeout(Duration.ofMillis(200))
			.build());
		this.bridges.add(bridge);
		bridge.start();
		return bridge;
	}

}
