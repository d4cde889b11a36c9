package dev.purista.core.bridge;

import java.util.concurrent.CompletionStage;

import dev.purista.core.message.Command;
import dev.purista.core.message.Message;

/**
 * Handles a command that reached this bridge and produces its response (a
 * {@link dev.purista.core.message.CommandSuccessResponse} or
 * {@link dev.purista.core.message.CommandErrorResponse}), which the bridge delivers to the caller.
 */
@FunctionalInterface
public interface CommandHandler {

	/**
	 * Handle a command.
	 * @param command the command
	 * @return the response
	 */
	CompletionStage<Message> handle(Command command);

}
