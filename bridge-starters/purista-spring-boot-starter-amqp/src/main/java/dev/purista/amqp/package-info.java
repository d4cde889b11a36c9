/**
 * {@link dev.purista.amqp.AmqpEventBridge}: PURISTA's event bridge on RabbitMQ with Spring AMQP, sharing the
 * broker with TypeScript PURISTA's {@code AmqpBridge}.
 */
@NullMarked
package dev.purista.amqp;

import org.jspecify.annotations.NullMarked;
