package dev.purista.core.service;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.purista.core.annotation.PuristaService;
import dev.purista.core.annotation.QueueWorker;
import dev.purista.core.annotation.Subscription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceBuilder} and {@link AnnotatedServices} put each delivery flag of a subscription or queue worker on
 * its own accessor.
 */
class DefinitionFlagsTests {

	@Test
	void serviceBuilderPutsEverySubscriptionFlagOnItsOwnAccessor() {
		ServiceDefinition definition = ServiceBuilder.service("Flags", "1")
			.subscription("everyInstance")
			.everyInstance()
			.handler((payload, context) -> null)
			.subscription("durable")
			.durable()
			.handler((payload, context) -> null)
			.build();

		assertSubscription(definition, "everyInstance", true, false);
		assertSubscription(definition, "durable", false, true);
	}

	@Test
	void serviceBuilderPutsEveryQueueWorkerFlagOnItsOwnAccessor() {
		ServiceDefinition definition = ServiceBuilder.service("Flags", "1")
			.queueWorker("jobs", "strictWithoutDeadLetter")
			.strictIdempotency()
			.requireDeadLetter(false)
			.handler((payload, parameter, context) -> null)
			.queueWorker("jobs", "plain")
			.handler((payload, parameter, context) -> null)
			.build();

		assertWorker(definition, "strictWithoutDeadLetter", true, false);
		assertWorker(definition, "plain", false, true);
	}

	@Test
	void annotationsPutEverySubscriptionFlagOnItsOwnAccessor() {
		ServiceDefinition definition = AnnotatedServices.definitionOf(new FlagsService());

		assertSubscription(definition, "everyInstance", true, false);
		assertSubscription(definition, "durable", false, true);
	}

	@Test
	void annotationsPutEveryQueueWorkerFlagOnItsOwnAccessor() {
		ServiceDefinition definition = AnnotatedServices.definitionOf(new FlagsService());

		assertWorker(definition, "strictWithoutDeadLetter", true, false);
		assertWorker(definition, "plain", false, true);
	}

	private static void assertSubscription(ServiceDefinition definition, String name, boolean everyInstance,
			boolean durable) {
		SubscriptionDefinition subscription = find(definition.subscriptions(), SubscriptionDefinition::name, name);
		assertThat(subscription.everyInstance()).as(name + ".everyInstance").isEqualTo(everyInstance);
		assertThat(subscription.durable()).as(name + ".durable").isEqualTo(durable);
	}

	private static void assertWorker(ServiceDefinition definition, String name, boolean strictIdempotency,
			boolean requireDeadLetter) {
		QueueWorkerDefinition worker = find(definition.queueWorkers(), QueueWorkerDefinition::name, name);
		assertThat(worker.strictIdempotency()).as(name + ".strictIdempotency").isEqualTo(strictIdempotency);
		assertThat(worker.requireDeadLetter()).as(name + ".requireDeadLetter").isEqualTo(requireDeadLetter);
	}

	private static <T> T find(List<T> definitions, Function<T, String> name, String wanted) {
		return definitions.stream()
			.filter((definition) -> name.apply(definition).equals(wanted))
			.findFirst()
			.orElseThrow();
	}

	@PuristaService(name = "Flags", version = "1")
	static class FlagsService {

		@Subscription(name = "everyInstance", event = "tick", everyInstance = true)
		public void onTickEverywhere(Object payload) {
		}

		@Subscription(name = "durable", event = "tick", durable = true)
		public void onTickDurably(Object payload) {
		}

		@QueueWorker(queue = "jobs", name = "strictWithoutDeadLetter", strictIdempotency = true,
				requireDeadLetter = false)
		public void strictWithoutDeadLetter(Object payload) {
		}

		@QueueWorker(queue = "jobs", name = "plain")
		public void plain(Object payload) {
		}

	}

}
