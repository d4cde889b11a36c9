package dev.purista.core.bridge.memory;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link InMemoryEventBridge}.
 *
 * @param instanceId the bridge instance id, or {@code null} for a random one
 * @param defaultCommandTimeout how long an invocation waits by default
 * @param isolation whether messages cross the bridge as JSON copies (services never share objects, and what
 * cannot be written as JSON fails here as it would on a broker); switch off only for speed
 * @param maxHandlerThreads how many handlers may run at once on the bridge's pool
 * @param handlerExecution where command and subscription handlers run
 */
public record InMemoryEventBridgeOptions(@Nullable String instanceId, Duration defaultCommandTimeout,
		boolean isolation, int maxHandlerThreads, HandlerExecution handlerExecution) {

	/** PURISTA's default command timeout. */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

	public InMemoryEventBridgeOptions {
		Objects.requireNonNull(handlerExecution, "handlerExecution");
	}

	/**
	 * Create options whose handlers run on the bridge's pool.
	 * @param instanceId the bridge instance id, or {@code null} for a random one
	 * @param defaultCommandTimeout how long an invocation waits by default
	 * @param isolation whether messages cross the bridge as JSON copies
	 * @param maxHandlerThreads how many handlers may run at once
	 */
	public InMemoryEventBridgeOptions(@Nullable String instanceId, Duration defaultCommandTimeout, boolean isolation,
			int maxHandlerThreads) {
		this(instanceId, defaultCommandTimeout, isolation, maxHandlerThreads, HandlerExecution.POOL);
	}

	/**
	 * The defaults: random instance id, 30 s timeout, isolation on, 256 handler threads, handlers on the pool.
	 * @return the defaults
	 */
	public static InMemoryEventBridgeOptions defaults() {
		return new InMemoryEventBridgeOptions(null, DEFAULT_COMMAND_TIMEOUT, true, 256, HandlerExecution.POOL);
	}

	/**
	 * Return a copy with isolation switched on or off.
	 * @param isolation whether messages cross as JSON copies
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withIsolation(boolean isolation) {
		return new InMemoryEventBridgeOptions(this.instanceId, this.defaultCommandTimeout, isolation,
				this.maxHandlerThreads, this.handlerExecution);
	}

	/**
	 * Return a copy with another default command timeout.
	 * @param timeout the timeout
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withDefaultCommandTimeout(Duration timeout) {
		return new InMemoryEventBridgeOptions(this.instanceId, timeout, this.isolation, this.maxHandlerThreads,
				this.handlerExecution);
	}

	/**
	 * Return a copy with a fixed instance id.
	 * @param instanceId the id
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withInstanceId(@Nullable String instanceId) {
		return new InMemoryEventBridgeOptions(instanceId, this.defaultCommandTimeout, this.isolation,
				this.maxHandlerThreads, this.handlerExecution);
	}

	/**
	 * Return a copy with another handler thread limit.
	 * @param maxHandlerThreads the limit
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withMaxHandlerThreads(int maxHandlerThreads) {
		return new InMemoryEventBridgeOptions(this.instanceId, this.defaultCommandTimeout, this.isolation,
				maxHandlerThreads, this.handlerExecution);
	}

	/**
	 * Return a copy whose handlers run elsewhere.
	 * @param handlerExecution where handlers run
	 * @return the copy
	 */
	public InMemoryEventBridgeOptions withHandlerExecution(HandlerExecution handlerExecution) {
		return new InMemoryEventBridgeOptions(this.instanceId, this.defaultCommandTimeout, this.isolation,
				this.maxHandlerThreads, handlerExecution);
	}

	/**
	 * Where an {@link InMemoryEventBridge} runs command and subscription handlers.
	 */
	public enum HandlerExecution {

		/**
		 * On the bridge's pool ({@code purista-handler-N}, at most {@code maxHandlerThreads} at once), never on
		 * the thread that sent the message: the default, and what a broker-backed bridge does.
		 */
		POOL,

		/**
		 * On the thread that sends the message, before {@code invoke} or {@code emitMessage} returns; a command's
		 * future is then usually complete when {@code invoke} returns. Saves two thread hand-offs per command
		 * (the largest cost of an in-memory round trip), but the sender waits for every handler and a blocking
		 * handler blocks its caller: an invocation still times out at its deadline (its response then counts as
		 * late), yet the caller sees that only when the handler returns. Retried subscription messages run on
		 * the hub's retry timer thread. Opt in only for single-process set-ups whose handlers do not block, such
		 * as benchmarks and fast tests.
		 */
		CALLER_THREAD

	}

}
