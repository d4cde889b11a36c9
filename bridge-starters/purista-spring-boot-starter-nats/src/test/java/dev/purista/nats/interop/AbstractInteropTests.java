package dev.purista.nats.interop;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.nats.NatsEventBridge;
import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.NatsTestSupport;

/**
 * What every interop test class sets up: the NATS server for the class and, for each test, a started Java
 * {@link NatsEventBridge} and a {@link TypeScriptPeer} on the same server. Subclasses add their services in their
 * own {@code @BeforeEach}/{@code @AfterEach} methods, which JUnit runs after this class's set-up and before its
 * tear-down.
 */
abstract class AbstractInteropTests {

	/** The server of the test class. */
	static NatsTestSupport nats;

	/** The Java side, started. */
	NatsEventBridge bridge;

	/** The TypeScript side. */
	TypeScriptPeer peer;

	@BeforeAll
	static void findServer() {
		nats = new NatsTestSupport();
	}

	@BeforeEach
	void startBridgeAndPeer() {
		this.peer = new TypeScriptPeer(nats);
		this.bridge = nats.bridge(NatsEventBridgeOptions.builder().settleTimeout(Duration.ofMillis(200)).build());
		this.bridge.start();
	}

	@AfterEach
	void destroyBridgeAndPeer() {
		if (this.bridge != null) {
			this.bridge.destroy();
		}
		if (this.peer != null) {
			this.peer.close();
		}
	}

}
