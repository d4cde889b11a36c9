package dev.purista.core.service;

import org.jspecify.annotations.Nullable;

/**
 * The business logic of a command.
 *
 * @param <P> the payload type
 * @param <Q> the parameter type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CommandFunction<P, Q, R> {

	/**
	 * Run the command.
	 * @param payload the validated payload
	 * @param parameter the validated parameter
	 * @param context the context
	 * @return the result, a {@code CompletionStage} of it, or {@code null} for none
	 * @throws Exception any error ({@link dev.purista.core.error.HandledException} reaches the caller)
	 */
	@Nullable Object handle(P payload, Q parameter, CommandContext context) throws Exception;

}
