package dev.purista.core.service;

import dev.purista.core.message.Message;

/**
 * The context of a subscription handler.
 */
public interface SubscriptionContext extends HandlerContext {

	/**
	 * The message being handled.
	 * @return the message
	 */
	Message message();

}
