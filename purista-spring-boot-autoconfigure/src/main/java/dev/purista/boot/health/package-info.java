/**
 * Health indicators of PURISTA for Spring Boot's health endpoint: the event bridge, the queue bridge and its
 * queues, the stores and the running services. Details carry names, types, ids, counts and metrics, never
 * payloads or secret values.
 */
@NullMarked
package dev.purista.boot.health;

import org.jspecify.annotations.NullMarked;
