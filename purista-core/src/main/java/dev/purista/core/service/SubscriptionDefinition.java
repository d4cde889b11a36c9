package dev.purista.core.service;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.SubscriptionFilter;

/**
 * A subscription of a service.
 *
 * @param name the subscription name
 * @param description a description
 * @param filter which messages it receives
 * @param payloadType the payload type
 * @param everyInstance whether every instance receives every message
 * @param durable whether messages are kept while no instance is connected
 * @param maxAttempts deliveries before a failing message is dead-lettered
 * @param retryDelay delay between deliveries
 * @param deadLetterTarget where dead letters go, or {@code null}
 * @param outputEventName the event a returned value is emitted as, or {@code null}
 * @param outputType the output payload type
 * @param emits events the handler may emit
 * @param handler the business logic
 */
public record SubscriptionDefinition(String name, String description, SubscriptionFilter filter, Type payloadType,
		boolean everyInstance, boolean durable, int maxAttempts, Duration retryDelay, @Nullable String deadLetterTarget,
		@Nullable String outputEventName, Type outputType, Map<String, Type> emits,
		SubscriptionFunction<Object> handler) {

	public SubscriptionDefinition {
		emits = Map.copyOf(emits);
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts of subscription '" + name + "' must be at least 1");
		}
	}

}
