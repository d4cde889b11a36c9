package dev.purista.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.test.bridge.AbstractEventBridgeTests;

/**
 * {@link AmqpEventBridge} against the event bridge contract, on a real RabbitMQ.
 */
class AmqpEventBridgeContractIntegrationTests extends AbstractEventBridgeTests {

	private static RabbitTestSupport rabbit;

	private final Map<MessageAddress, List<Message>> deadLetters = new ConcurrentHashMap<>();

	@BeforeAll
	static void connect() {
		rabbit = new RabbitTestSupport();
	}

	@AfterAll
	static void disconnect() {
		if (rabbit != null) {
			rabbit.close();
		}
	}

	@Override
	protected EventBridge createBridge() {
		return rabbit.bridge(AmqpEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
	}

	@Override
	protected long lateResponses(EventBridge bridge) {
		return ((AmqpEventBridge) bridge).lateResponses();
	}

	@Override
	protected List<Message> deadLetters(MessageAddress subscription) {
		List<Message> received = this.deadLetters.computeIfAbsent(subscription, (key) -> new CopyOnWriteArrayList<>());
		String queue = AmqpNames.deadLetterQueue(AmqpNames.DEFAULTS.subscriptionQueue(subscription, null));
		if (rabbit.admin.getQueueInfo(queue) == null) {
			return received;
		}
		org.springframework.amqp.core.Message message;
		while ((message = rabbit.template.receive(queue)) != null) {
			received.add(new MessageCodec().decode(message.getBody()));
		}
		return received;
	}

}
