package dev.purista.amqp;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link AmqpEventBridge}.
 *
 * @param names exchange and queue names ({@link AmqpNames#DEFAULTS}: TypeScript PURISTA's)
 * @param instanceId this instance's id, or {@code null} for a random one
 * @param defaultCommandTimeout how long an invocation waits without an explicit timeout (30 s)
 * @param consumersPerQueue how many messages of one command or subscription queue this instance handles at once
 * (each on a thread of its own)
 * @param prefetch how many unacknowledged messages the broker hands each consumer
 * @param confirmTimeout how long a publish waits for the broker's confirm (events, retries, dead letters)
 * @param settleTimeout how long {@code destroy} waits for pending invocations to get their responses before it
 * fails them with 503
 */
public record AmqpEventBridgeOptions(AmqpNames names, @Nullable String instanceId, Duration defaultCommandTimeout,
		int consumersPerQueue, int prefetch, Duration confirmTimeout, Duration settleTimeout) {

	public AmqpEventBridgeOptions {
		Objects.requireNonNull(names, "names");
		Objects.requireNonNull(defaultCommandTimeout, "defaultCommandTimeout");
		Objects.requireNonNull(confirmTimeout, "confirmTimeout");
		Objects.requireNonNull(settleTimeout, "settleTimeout");
		if (consumersPerQueue < 1) {
			throw new IllegalArgumentException("consumersPerQueue must be at least 1, was " + consumersPerQueue);
		}
		if (prefetch < 1) {
			throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
		}
	}

	/**
	 * The defaults: TypeScript PURISTA's names, a random instance id, 30 s command timeout, 4 consumers per
	 * queue, prefetch 10, 5 s confirm and settle timeouts.
	 * @return the options
	 */
	public static AmqpEventBridgeOptions defaults() {
		return new AmqpEventBridgeOptions(AmqpNames.DEFAULTS, null, Duration.ofSeconds(30), 4, 10,
				Duration.ofSeconds(5), Duration.ofSeconds(5));
	}

	/**
	 * Return a copy with another instance id.
	 * @param instanceId the instance id, or {@code null} for a random one
	 * @return the copy
	 */
	public AmqpEventBridgeOptions withInstanceId(@Nullable String instanceId) {
		return new AmqpEventBridgeOptions(this.names, instanceId, this.defaultCommandTimeout, this.consumersPerQueue,
				this.prefetch, this.confirmTimeout, this.settleTimeout);
	}

	/**
	 * Return a copy with another default command timeout.
	 * @param defaultCommandTimeout the timeout
	 * @return the copy
	 */
	public AmqpEventBridgeOptions withDefaultCommandTimeout(Duration defaultCommandTimeout) {
		return new AmqpEventBridgeOptions(this.names, this.instanceId, defaultCommandTimeout, this.consumersPerQueue,
				this.prefetch, this.confirmTimeout, this.settleTimeout);
	}

	/**
	 * Return a copy with other consumer settings.
	 * @param consumersPerQueue messages of one queue handled at once
	 * @param prefetch unacknowledged messages per consumer
	 * @return the copy
	 */
	public AmqpEventBridgeOptions withConsumers(int consumersPerQueue, int prefetch) {
		return new AmqpEventBridgeOptions(this.names, this.instanceId, this.defaultCommandTimeout, consumersPerQueue,
				prefetch, this.confirmTimeout, this.settleTimeout);
	}

	/**
	 * Return a copy with another settle timeout.
	 * @param settleTimeout how long destroy waits for pending invocations
	 * @return the copy
	 */
	public AmqpEventBridgeOptions withSettleTimeout(Duration settleTimeout) {
		return new AmqpEventBridgeOptions(this.names, this.instanceId, this.defaultCommandTimeout,
				this.consumersPerQueue, this.prefetch, this.confirmTimeout, settleTimeout);
	}

}
