package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a PURISTA service. Its {@link Command}, {@link Subscription} and {@link QueueWorker}
 * methods become the service's functions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PuristaService {

	/**
	 * The service name ({@code [a-zA-Z0-9-_]+}).
	 * @return the name
	 */
	String name();

	/**
	 * The service version, a plain integer string such as {@code "1"}.
	 * @return the version
	 */
	String version() default "1";

	/**
	 * A description.
	 * @return the description
	 */
	String description() default "";

}
