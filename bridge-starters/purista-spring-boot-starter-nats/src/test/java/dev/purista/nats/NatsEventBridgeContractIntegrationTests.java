package dev.purista.nats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.test.bridge.AbstractEventBridgeTests;

/**
 * {@link NatsEventBridge} against the event bridge contract, on a real nats-server with JetStream: subscriptions
 * with retries run on JetStream consumers, and their dead letters are read from the dead-letter subjects.
 */
class NatsEventBridgeContractIntegrationTests extends AbstractEventBridgeTests {

	private static NatsTestSupport nats;

	private static Connection observer;

	private static final Map<String, List<Message>> deadLetters = new ConcurrentHashMap<>();

	@BeforeAll
	static void findServer() throws Exception {
		nats = new NatsTestSupport();
		observer = nats.connect();
		Dispatcher dispatcher = observer.createDispatcher((message) -> {
			String subscriber = (message.getHeaders() != null)
					? message.getHeaders().getFirst(NatsHeaders.DEAD_LETTER_SUBSCRIBER) : null;
			if (subscriber != null && message.getSubject().endsWith(NatsJetStreamNames.DEAD_LETTER_SUFFIX)) {
				deadLetters.computeIfAbsent(subscriber, (key) -> new CopyOnWriteArrayList<>())
					.add(new MessageCodec().decode(message.getData()));
			}
		});
		dispatcher.subscribe(NatsSubjects.DEFAULT_PREFIX + ".>");
		observer.flush(Duration.ofSeconds(5));
	}

	@AfterAll
	static void closeObserver() throws InterruptedException {
		if (observer != null) {
			observer.close();
		}
	}

	@Override
	protected EventBridge createBridge() {
		return nats.bridge(NatsEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
	}

	/**
	 * The server the suite runs against.
	 * @return the test support
	 */
	static NatsTestSupport nats() {
		return nats;
	}

	@Override
	protected long lateResponses(EventBridge bridge) {
		return ((NatsEventBridge) bridge).lateResponses();
	}

	@Override
	protected List<Message> deadLetters(MessageAddress subscription) {
		return deadLetters.getOrDefault(subscription.serviceName() + "/" + subscription.serviceVersion() + "/"
				+ subscription.serviceTarget(), List.of());
	}

	@Override
	protected void afterBridgesDestroyed() {
		nats.deleteStreams(name(""));
	}

}
