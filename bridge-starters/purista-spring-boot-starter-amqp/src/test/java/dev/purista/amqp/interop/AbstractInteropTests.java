package dev.purista.amqp.interop;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.amqp.AmqpEventBridge;
import dev.purista.amqp.AmqpEventBridgeOptions;
import dev.purista.amqp.RabbitTestSupport;

/**
 * What every interop test class sets up: a RabbitMQ connection for the class and, for each test, a started Java
 * {@link AmqpEventBridge} and a {@link TypeScriptPeer} on the same broker. Subclasses add their services and
 * queues in their own {@code @BeforeEach}/{@code @AfterEach} methods, which JUnit runs after this class's set-up
 * and before its tear-down.
 */
abstract class AbstractInteropTests {

	/** The connection factories of the test class. */
	static RabbitTestSupport rabbit;

	/** The Java side, started. */
	AmqpEventBridge bridge;

	/** The TypeScript side. */
	TypeScriptPeer peer;

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

	@BeforeEach
	void startBridgeAndPeer() {
		this.peer = new TypeScriptPeer(rabbit);
		this.bridge = rabbit.bridge(AmqpEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
		this.bridge.start();
	}

	@AfterEach
	void destroyBridge() {
		if (this.bridge != null) {
			this.bridge.destroy();
		}
	}

}
