package dev.purista.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link PuristaService} as a subscription. The method takes the message payload
 * (converted to the parameter's type) and optionally a {@link dev.purista.core.service.SubscriptionContext}.
 * Filters are exact and combined with AND; empty values do not filter. A returned value is emitted as
 * {@link #outputEvent()} when one is set; a returned {@link dev.purista.core.bridge.SubscriptionResult}
 * controls delivery. A {@link dev.purista.core.error.HandledException} acknowledges the message; any other
 * exception asks for a retry.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Subscription {

	/**
	 * The subscription name; the method name when empty.
	 * @return the name
	 */
	String name() default "";

	/**
	 * A description.
	 * @return the description
	 */
	String description() default "";

	/**
	 * The event name to receive.
	 * @return the event name, empty for any
	 */
	String event() default "";

	/**
	 * The message type to receive, e.g. {@code customMessage}.
	 * @return the wire name of the type, empty for any
	 */
	String messageType() default "";

	/**
	 * The sender's service name.
	 * @return the service name, empty for any
	 */
	String senderService() default "";

	/**
	 * The sender's service version.
	 * @return the version, empty for any
	 */
	String senderVersion() default "";

	/**
	 * The sender's function.
	 * @return the function, empty for any
	 */
	String senderTarget() default "";

	/**
	 * The principal.
	 * @return the principal id, empty for any
	 */
	String principalId() default "";

	/**
	 * The tenant.
	 * @return the tenant id, empty for any
	 */
	String tenantId() default "";

	/**
	 * Whether every instance receives every message instead of one instance per message.
	 * @return {@code true} for every-instance delivery
	 */
	boolean everyInstance() default false;

	/**
	 * Whether messages are kept while no instance is connected (requires a durable bridge).
	 * @return {@code true} if durable
	 */
	boolean durable() default false;

	/**
	 * Deliveries before a failing message is dead-lettered; 1 means no retry.
	 * @return the attempts
	 */
	int maxAttempts() default 1;

	/**
	 * Delay between deliveries in milliseconds.
	 * @return the delay
	 */
	long retryDelayMs() default 1000;

	/**
	 * Where dead letters go (requires a bridge with dead-lettering); empty for none.
	 * @return the dead-letter target
	 */
	String deadLetterTarget() default "";

	/**
	 * The event a returned value is emitted as.
	 * @return the event name, empty for none
	 */
	String outputEvent() default "";

	/**
	 * Events the handler may {@code emit}.
	 * @return the declared events
	 */
	Event[] emits() default {};

}
