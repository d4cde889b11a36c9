package dev.purista.core.service;

import org.apache.commons.logging.Log;

import dev.purista.core.message.Command;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.observation.TraceCarrier;

final class DefaultCommandContext extends AbstractHandlerContext implements CommandContext {

	private final Command message;

	DefaultCommandContext(ServiceEnvironment environment, Outbound outbound, MessageAddress self, Command message,
			CommandDefinition definition, Log logger) {
		super(environment, outbound, self, new Identity(message.traceId(), message.principalId(), message.tenantId(),
				TraceCarrier.fromOtp(message.otp())), definition.emits(), logger);
		this.message = message;
	}

	@Override
	public Command message() {
		return this.message;
	}

}
