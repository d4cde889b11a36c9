package dev.purista.core.service;

import java.lang.reflect.Type;

/**
 * Transforms a command's raw input before validation (PURISTA's {@code transformInput}); the raw input is
 * validated against {@link #payloadType()} and {@link #parameterType()} first (failure: 400 "Bad Request").
 *
 * @param payloadType the raw payload type
 * @param parameterType the raw parameter type
 * @param function the transformation
 */
public record InputTransform(Type payloadType, Type parameterType, Function function) {

	/**
	 * The transformation.
	 */
	@FunctionalInterface
	public interface Function {

		/**
		 * Transform the input.
		 * @param payload the raw payload
		 * @param parameter the raw parameter
		 * @param context the context
		 * @return the new payload and parameter
		 * @throws Exception on failure (a non-handled error becomes 500 "Unable to transform input")
		 */
		TransformedInput transform(Object payload, Object parameter, CommandContext context) throws Exception;

	}

	/**
	 * A transformed input.
	 *
	 * @param payload the payload for validation and the handler
	 * @param parameter the parameter for validation and the handler
	 */
	public record TransformedInput(Object payload, Object parameter) {

	}

}
