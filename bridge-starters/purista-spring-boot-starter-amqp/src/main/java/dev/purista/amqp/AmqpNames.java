package dev.purista.amqp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.purista.core.message.MessageAddress;

/**
 * Names of the exchange and queues, as TypeScript PURISTA's {@code AmqpBridge} gives them (queues of its own for
 * what TypeScript has no name for: per-instance queues, dead letters).
 *
 * @param exchange the headers exchange every message is published to, {@code purista} by default
 * @param prefix the queue name prefix, {@code purista} by default
 */
public record AmqpNames(String exchange, String prefix) {

	/** TypeScript PURISTA's exchange and prefix. */
	public static final AmqpNames DEFAULTS = new AmqpNames("purista", "purista");

	/**
	 * The queue all instances of a service consume a command from: {@code purista.cmd.User.1.signUp}.
	 * @param command the command address
	 * @return the queue name
	 */
	public String commandQueue(MessageAddress command) {
		return this.prefix + ".cmd." + command.serviceName() + "." + command.serviceVersion() + "."
				+ command.serviceTarget();
	}

	/**
	 * The queue of one bridge instance for commands addressed to it ({@code receiver.instanceId}); commands reach
	 * it through the default exchange.
	 * @param instanceId the instance id
	 * @return the queue name
	 */
	public String instanceCommandQueue(String instanceId) {
		return this.prefix + ".instance." + instanceId + ".cmd";
	}

	/**
	 * The reply queue of one bridge instance.
	 * @param instanceId the instance id
	 * @return the queue name
	 */
	public String replyQueue(String instanceId) {
		return this.prefix + ".instance." + instanceId + ".reply";
	}

	/**
	 * The queue of a subscription: shared by the instances ({@code purista.sub.Email.1.sendWelcome}) or one per
	 * instance.
	 * @param subscription the subscription address
	 * @param instanceId the instance id for a per-instance queue, or {@code null} for the shared one
	 * @return the queue name
	 */
	public String subscriptionQueue(MessageAddress subscription, @Nullable String instanceId) {
		String shared = this.prefix + ".sub." + subscription.serviceName() + "." + subscription.serviceVersion()
				+ "." + subscription.serviceTarget();
		return (instanceId != null) ? shared + "." + instanceId : shared;
	}

	/**
	 * The queue a message waits in before it is delivered again to {@code queue}: {@code <queue>.retry.<ms>}.
	 * @param queue the queue
	 * @param delay the delay
	 * @return the queue name
	 */
	public static String retryQueue(String queue, Duration delay) {
		return queue + ".retry." + delay.toMillis();
	}

	/**
	 * The default dead-letter queue of a queue: {@code <queue>.dead-letter}.
	 * @param queue the queue
	 * @return the queue name
	 */
	public static String deadLetterQueue(String queue) {
		return queue + ".dead-letter";
	}

}
