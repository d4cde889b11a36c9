package dev.purista.core.service;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Transforms a command's result after the after guards (PURISTA's {@code transformOutput}); the transformed
 * value is validated against {@link #outputType()} (failure: 500).
 *
 * @param outputType the type of the transformed result
 * @param function the transformation
 */
public record OutputTransform(Type outputType, Function function) {

	/**
	 * The transformation.
	 */
	@FunctionalInterface
	public interface Function {

		/**
		 * Transform the result.
		 * @param result the handler's result
		 * @param context the context
		 * @return the transformed result
		 * @throws Exception on failure
		 */
		@Nullable Object transform(@Nullable Object result, CommandContext context) throws Exception;

	}

}
