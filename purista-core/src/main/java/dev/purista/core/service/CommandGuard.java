package dev.purista.core.service;

/**
 * A before guard of a command: runs after input validation, before the handler.
 *
 * @param <P> the payload type
 * @param <Q> the parameter type
 */
@FunctionalInterface
public interface CommandGuard<P, Q> {

	/**
	 * Check the command; throw to abort it.
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param context the context
	 * @throws Exception to abort ({@link dev.purista.core.error.HandledException} keeps its status)
	 */
	void check(P payload, Q parameter, CommandContext context) throws Exception;

}
