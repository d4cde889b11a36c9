package dev.purista.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.RetryStrategy;
import dev.purista.core.service.QueueWorkerDefinition;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.SubscriptionDefinition;

/**
 * Applies {@code purista.subscriptions.*} and {@code purista.queues.*} to service definitions (keys matched as
 * {@link PuristaProperties#findSubscription(String, String)} describes). A queue whose worker is not
 * {@code enabled} leaves the definition: this process enqueues on it but does not lease its jobs.
 */
final class DefinitionOverrides {

	private final PuristaProperties properties;

	DefinitionOverrides(PuristaProperties properties) {
		this.properties = properties;
	}

	ServiceDefinition apply(ServiceDefinition definition) {
		if (this.properties.getSubscriptions().isEmpty() && this.properties.getQueues().isEmpty()) {
			return definition;
		}
		String service = definition.info().name();
		List<SubscriptionDefinition> subscriptions = new ArrayList<>();
		for (SubscriptionDefinition subscription : definition.subscriptions()) {
			PuristaProperties.Subscription settings = this.properties.findSubscription(service, subscription.name());
			subscriptions.add((settings != null) ? apply(subscription, settings) : subscription);
		}
		List<QueueWorkerDefinition> workers = new ArrayList<>();
		for (QueueWorkerDefinition worker : definition.queueWorkers()) {
			PuristaProperties.Queue settings = this.properties.findQueue(service, worker.queueName());
			if (settings == null) {
				workers.add(worker);
			}
			else if (settings.isEnabled()) {
				workers.add(apply(worker, settings));
			}
		}
		return new ServiceDefinition(definition.info(), definition.commands(), subscriptions, workers);
	}

	private static SubscriptionDefinition apply(SubscriptionDefinition definition,
			PuristaProperties.Subscription settings) {
		SubscriptionDefinition.Builder builder = definition.toBuilder();
		if (settings.getDurable() != null) {
			builder.durable(settings.getDurable());
		}
		if (settings.getMaxAttempts() != null) {
			builder.maxAttempts(settings.getMaxAttempts());
		}
		if (settings.getRetryDelay() != null) {
			builder.retryDelay(settings.getRetryDelay());
		}
		return builder.build();
	}

	private static QueueWorkerDefinition apply(QueueWorkerDefinition definition, PuristaProperties.Queue settings) {
		QueueLifecycle lifecycle = definition.lifecycle();
		if (settings.getMaxAttempts() != null) {
			lifecycle = lifecycle.withMaxAttempts(settings.getMaxAttempts());
		}
		if (settings.getVisibilityTimeout() != null) {
			lifecycle = lifecycle.withVisibilityTimeout(settings.getVisibilityTimeout());
		}
		RetryStrategy retry = lifecycle.retryStrategy();
		if (settings.getInitialRetryDelay() != null) {
			retry = retry.withInitialDelay(settings.getInitialRetryDelay());
		}
		if (settings.getMaxRetryDelay() != null) {
			retry = retry.withMaxDelay(settings.getMaxRetryDelay());
		}
		lifecycle = lifecycle.withRetryStrategy(retry);
		QueueWorkerDefinition.Builder builder = definition.toBuilder().lifecycle(lifecycle);
		if (settings.getMaxParallelHandlers() != null) {
			builder.maxParallelHandlers(settings.getMaxParallelHandlers());
		}
		return builder.build();
	}

}
