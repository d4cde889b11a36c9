package dev.purista.nats.queue;

import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.queue.QueueBridge;
import dev.purista.nats.NatsTestSupport;
import dev.purista.test.queue.AbstractQueueBridgeTests;

/**
 * {@link NatsQueueBridge} against the queue bridge contract, on a real nats-server with JetStream.
 */
class NatsQueueBridgeContractIntegrationTests extends AbstractQueueBridgeTests {

	private static NatsTestSupport nats;

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@Override
	protected QueueBridge createBridge() {
		return new NatsQueueBridge(nats.options(), new MessageCodec());
	}

}
