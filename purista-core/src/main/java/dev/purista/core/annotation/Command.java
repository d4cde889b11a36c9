package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PuristaService} as a command. The method takes the payload, optionally the
 * parameter (a parameter annotated {@link Parameter}) and optionally a
 * {@link dev.purista.core.service.CommandContext}; its return value (or the value of a returned
 * {@code CompletionStage}) is the result. Payload, parameter and result are validated with Jakarta Bean
 * Validation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Command {

	/**
	 * The command name; the method name when empty.
	 * @return the name
	 */
	String name() default "";

	/**
	 * A description.
	 * @return the description
	 */
	String description() default "";

	/**
	 * The event name of the success response, which subscriptions can listen to.
	 * @return the success event name, empty for none
	 */
	String successEvent() default "";

	/**
	 * Events the handler may {@code emit}, with their payload types.
	 * @return the declared events
	 */
	Event[] emits() default {};

	/**
	 * HTTP exposure; none when {@link Http#path()} is empty.
	 * @return the HTTP metadata
	 */
	Http http() default @Http(method = "", path = "");

	/**
	 * Whether the command is deprecated.
	 * @return {@code true} if deprecated
	 */
	boolean deprecated() default false;

}
