package dev.purista.core.service;

import org.jspecify.annotations.Nullable;

/**
 * The business logic of a subscription.
 *
 * @param <P> the payload type
 */
@FunctionalInterface
public interface SubscriptionFunction<P> {

	/**
	 * Handle a message.
	 * @param payload the message payload (for commands: the command's payload)
	 * @param context the context
	 * @return the output (emitted as the output event), a
	 * {@link dev.purista.core.bridge.SubscriptionResult}, a {@code CompletionStage} of either, or {@code null}
	 * @throws Exception any error ({@link dev.purista.core.error.HandledException} acknowledges the message,
	 * others retry)
	 */
	@Nullable Object handle(P payload, SubscriptionContext context) throws Exception;

}
