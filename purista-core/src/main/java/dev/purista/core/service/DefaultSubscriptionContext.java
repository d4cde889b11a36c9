package dev.purista.core.service;

import org.apache.commons.logging.Log;

import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.observation.TraceCarrier;

final class DefaultSubscriptionContext extends AbstractHandlerContext implements SubscriptionContext {

	private final Message message;

	DefaultSubscriptionContext(ServiceEnvironment environment, Outbound outbound, MessageAddress self, Message message,
			SubscriptionDefinition definition, Log logger) {
		super(environment, outbound, self, new Identity(message.traceId(), message.principalId(), message.tenantId(),
				TraceCarrier.fromOtp(message.otp())), definition.emits(), logger);
		this.message = message;
	}

	@Override
	public Message message() {
		return this.message;
	}

}
