package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a before guard of a command: it runs after input validation and before the handler, with
 * the same arguments as the command method. Throwing aborts the command ({@link
 * dev.purista.core.error.HandledException} keeps its status).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BeforeGuard {

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
