/**
 * Auto-configuration of the AMQP event bridge on Spring Boot's RabbitMQ connection.
 */
@NullMarked
package dev.purista.amqp.autoconfigure;

import org.jspecify.annotations.NullMarked;
