package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the command a {@link PuristaClient} method invokes and optionally its timeout.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Invokes {

	/**
	 * The command name.
	 * @return the name
	 */
	String value();

	/**
	 * The timeout in milliseconds; the bridge default when 0 or less.
	 * @return the timeout
	 */
	long timeoutMs() default 0;

}
