package dev.purista.core.service;

import dev.purista.core.message.Command;

/**
 * The context of a command handler, guard or transform.
 */
public interface CommandContext extends HandlerContext {

	/**
	 * The command being handled.
	 * @return the command
	 */
	Command message();

}
