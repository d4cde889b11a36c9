package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a typed client of a service's commands. Each method invokes the command named by
 * {@link Invokes} (or the method's name) with its first argument as payload and its second, if any, as
 * parameter. A method returning {@code CompletableFuture<R>} completes with the result; any other return type
 * blocks until the result arrives (or the invocation fails with the remote error).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PuristaClient {

	/**
	 * The service name.
	 * @return the service
	 */
	String service();

	/**
	 * The service version.
	 * @return the version
	 */
	String version() default "1";

}
