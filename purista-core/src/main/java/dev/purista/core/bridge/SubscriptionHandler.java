package dev.purista.core.bridge;

import java.util.concurrent.CompletionStage;

import dev.purista.core.message.Message;

/**
 * Handles a message delivered to a subscription and tells the bridge what to do with it. A failed stage is
 * treated as {@link SubscriptionResult#retry(String, java.time.Duration)} with the error's message.
 */
@FunctionalInterface
public interface SubscriptionHandler {

	/**
	 * Handle a message.
	 * @param message the message
	 * @return what to do with the message
	 */
	CompletionStage<SubscriptionResult> handle(Message message);

}
