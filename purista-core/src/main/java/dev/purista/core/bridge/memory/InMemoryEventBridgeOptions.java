package dev.purista.core.bridge.memory;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link InMemoryEventBridge}.
 *
 * @param instanceId the bridge instance id, or {@code null} for a random one
 * @param defaultCommandTimeout how long an invocation waits by default
 * @param isolation whether messages cross the bridge as JSON copies (services never share objects, and what
 * cannot be written as JSON fails here as it would on a broker); switch off only for speed
 * @param maxHandlerThreads how many handlers may run at once
 */
public record InMemoryEventBridgeOptions(@Nullable String instanceId, Duration defaultCommandTimeout,
		boolean isolation, int maxHandlerThreads) {

	/** PURISTA's default command timeout. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The defaults: random instance id, 30 s timeout, isolation on, 256 handler threads.
	 * @return the defaults
	 */
	public static InMemoryEventBridgeOptions defaults() {
		return new InMemoryEventBridgeOptions(null, DEFAULT_COMMAND_TIMEOUT, true, 256);
	}

	/**
	 * Return a copy with isolation switched on or off.
	 * @param isolation whether messages cross as JSON copies
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withIsolation(boolean isolation) {
		return new InMemoryEventBridgeOptions(this.instanceId, this.defaultCommandTimeout, isolation,
				this.maxHandlerThreads);
	}

	/**
	 * Return a copy with another default command timeout.
	 * @param timeout the timeout
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withDefaultCommandTimeout(Duration timeout) {
		return new InMemoryEventBridgeOptions(this.instanceId, timeout, this.isolation, this.maxHandlerThreads);
	}

	/**
	 * Return a copy with a fixed instance id.
	 * @param instanceId the id
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withInstanceId(@Nullable String instanceId) {
		return new InMemoryEventBridgeOptions(instanceId, this.defaultCommandTimeout, this.isolation,
				this.maxHandlerThreads);
	}

	/**
	 * Return a copy with another handler thread limit.
	 * @param maxHandlerThreads the limit
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withMaxHandlerThreads(int maxHandlerThreads) {
		return new InMemoryEventBridgeOptions(this.instanceId, this.defaultCommandTimeout, this.isolation,
				maxHandlerThreads);
	}

}
