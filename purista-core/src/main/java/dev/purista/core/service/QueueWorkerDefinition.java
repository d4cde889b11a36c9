package dev.purista.core.service;

import java.lang.reflect.Type;
import java.util.Map;

import dev.purista.core.queue.QueueLifecycle;

/**
 * A queue worker of a service.
 *
 * @param queueName the queue
 * @param name the worker name
 * @param payloadType the payload type
 * @param parameterType the parameter type
 * @param maxParallelHandlers how many jobs run at once (1 = sequential)
 * @param lifecycle leases, heartbeats, attempts and retry delays
 * @param strictIdempotency whether the queue bridge must enforce idempotency keys
 * @param requireDeadLetter whether the queue bridge must keep inspectable dead letters
 * @param emits events the handler may emit
 * @param handler the business logic
 */
public record QueueWorkerDefinition(String queueName, String name, Type payloadType, Type parameterType,
		int maxParallelHandlers, QueueLifecycle lifecycle, boolean strictIdempotency,
		boolean requireDeadLetter, Map<String, Type> emits, QueueWorkerFunction<Object, Object> handler) {

	public QueueWorkerDefinition {
		emits = Map.copyOf(emits);
		if (maxParallelHandlers < 1) {
			throw new IllegalArgumentException("maxParallelHandlers of worker '" + name + "' must be at least 1");
		}
	}

}
