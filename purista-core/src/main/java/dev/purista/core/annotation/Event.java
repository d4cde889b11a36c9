package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an event a function may emit, with its payload type (validated on emit).
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Event {

	/**
	 * The event name.
	 * @return the name
	 */
	String name();

	/**
	 * The payload type.
	 * @return the type
	 */
	Class<?> payload() default Object.class;

}
