package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as an after guard of a command: it runs after output validation with the result as first
 * argument, followed by the command method's arguments. Throwing turns the success into an error.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AfterGuard {

	/**
	 * The command the guard belongs to.
	 * @return the command name
	 */
	String command();

	/**
	 * The guard name; the method name when empty.
	 * @return the name
	 */
	String name() default "";

}
