package dev.purista.core.service;

import org.jspecify.annotations.Nullable;

/**
 * An after guard of a command: runs after output validation.
 *
 * @param <P> the payload type
 * @param <Q> the parameter type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CommandAfterGuard<P, Q, R> {

	/**
	 * Check the result; throw to turn the success into an error.
	 * @param result the result
	 * @param payload the payload
	 * @param parameter the parameter
	 * @param context the context
	 * @throws Exception to fail the command
	 */
	void check(@Nullable R result, P payload, Q parameter, CommandContext context) throws Exception;

}
