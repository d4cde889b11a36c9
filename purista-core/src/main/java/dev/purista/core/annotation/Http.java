package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a command over HTTP at {@code /api/v<version>/<path>} (PURISTA's convention).
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Http {

	/**
	 * The HTTP method: GET, POST, PUT, PATCH or DELETE.
	 * @return the method
	 */
	String method();

	/**
	 * The path below {@code /api/v<version>/}, with {@code :name} path variables, e.g. {@code user/:userId}.
	 * @return the path
	 */
	String path();

	/**
	 * Query parameters documented for the endpoint.
	 * @return the query parameter names
	 */
	String[] query() default {};

	/**
	 * OpenAPI tags.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * Error statuses documented besides the defaults.
	 * @return the statuses
	 */
	int[] additionalStatusCodes() default {};

	/**
	 * OpenAPI summary; the command name when empty.
	 * @return the summary
	 */
	String summary() default "";

	/**
	 * OpenAPI operation id; the command name when empty.
	 * @return the operation id
	 */
	String operationId() default "";

	/**
	 * Whether the endpoint requires authentication.
	 * @return {@code true} if secured
	 */
	boolean secure() default true;

}
