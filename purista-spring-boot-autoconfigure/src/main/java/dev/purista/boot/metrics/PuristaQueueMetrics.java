package dev.purista.boot.metrics;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.service.QueueWorkerDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

/**
 * Micrometer gauges of every queue a worker of this application consumes (the queues the {@code queueBridge}
 * health indicator checks), read through the bridge's {@link QueueInspection#metrics}: {@value #PENDING}, {@value #INFLIGHT},
 * {@value #DEAD_LETTER}, {@value #RETRIES} and the time gauge {@value #OLDEST_AGE}, each tagged
 * {@value #QUEUE_TAG}{@code =<queue>} and {@value #BRIDGE_TAG}{@code =<bridge name>}. The gauges of a queue
 * share one {@code metrics} call per {@link #CACHE_TIME_TO_LIVE}, so a scrape costs one bridge round trip per
 * queue. A gauge is {@code NaN} while the bridge cannot provide the metrics (broker down, bridge destroyed);
 * reading it never throws. {@value #OLDEST_AGE} is also {@code NaN} while no job waits. A queue bridge without
 * inspection ({@link QueueBridge#inspection()} empty) gets no gauges.
 * <p>
 * When the gauges appear: the consumed queues are known only once the services run, but Spring Boot binds
 * {@link MeterBinder} beans when the context's singletons are instantiated, before any lifecycle starts. So
 * {@link #bindTo} remembers the registry (and registers the queues already known, for a registry bound
 * later), and when the context is refreshed, which happens after every {@code SmartLifecycle} (the PURISTA
 * services among them) has started, {@link #registerConsumedQueues()} adds the gauges of the consumed queues.
 * Registering is idempotent. Gauges stay registered after the services stop and then read {@code NaN} once the
 * bridge is destroyed.
 */
public class PuristaQueueMetrics implements MeterBinder, ApplicationListener<ContextRefreshedEvent> {

	/** Jobs waiting in a queue, due or scheduled. */
	public static final String PENDING = "purista.queue.pending";

	/** Jobs of a queue leased to a worker. */
	public static final String INFLIGHT = "purista.queue.inflight";

	/** Jobs in a queue's dead-letter queue. */
	public static final String DEAD_LETTER = "purista.queue.dead.letter";

	/** Retries of a queue's jobs counted by the bridge so far. */
	public static final String RETRIES = "purista.queue.retries";

	/** Age of the oldest waiting job of a queue; {@code NaN} when none waits. */
	public static final String OLDEST_AGE = "purista.queue.oldest.age";

	/** Tag with the queue name. */
	public static final String QUEUE_TAG = "queue";

	/** Tag with the queue bridge's name. */
	public static final String BRIDGE_TAG = "bridge";

	/** How long one {@link QueueInspection#metrics} result serves all gauges of its queue. */
	public static final Duration CACHE_TIME_TO_LIVE = Duration.ofSeconds(1);

	private static final String JOBS = "jobs";

	private final ServiceEnvironment environment;

	private final Supplier<List<ServiceRuntime>> runtimes;

	private final Duration timeToLive;

	private final LongSupplier nanoClock;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Map<String, CachedQueueMetrics> queues = new ConcurrentHashMap<>();

	/**
	 * Create the binder.
	 * @param environment the environment whose queue bridge is read; without a queue bridge or its inspection no
	 * gauge is registered
	 * @param runtimes the running services, read whenever gauges are registered
	 */
	public PuristaQueueMetrics(ServiceEnvironment environment, Supplier<List<ServiceRuntime>> runtimes) {
		this(environment, runtimes, CACHE_TIME_TO_LIVE, System::nanoTime);
	}

	PuristaQueueMetrics(ServiceEnvironment environment, Supplier<List<ServiceRuntime>> runtimes, Duration timeToLive,
			LongSupplier nanoClock) {
		this.environment = environment;
		this.runtimes = runtimes;
		this.timeToLive = timeToLive;
		this.nanoClock = nanoClock;
	}

	/**
	 * Remember the registry and register the gauges of the queues consumed now.
	 * @param registry the registry
	 */
	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		register(registry, consumedQueues());
	}

	/**
	 * Register the gauges of the queues consumed now, once the context (and with it the services) started.
	 * @param event the refresh event
	 */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		registerConsumedQueues();
	}

	/**
	 * Register, in every bound registry, the gauges of the queues that workers of the running services consume
	 * now. Idempotent; call it after starting services outside the context's lifecycle.
	 */
	public synchronized void registerConsumedQueues() {
		Set<String> consumed = consumedQueues();
		for (MeterRegistry registry : this.registries) {
			register(registry, consumed);
		}
	}

	private Set<String> consumedQueues() {
		Set<String> consumed = new LinkedHashSet<>();
		for (ServiceRuntime runtime : this.runtimes.get()) {
			if (runtime.isStarted()) {
				for (QueueWorkerDefinition worker : runtime.definition().queueWorkers()) {
					consumed.add(worker.queueName());
				}
			}
		}
		return consumed;
	}

	private void register(MeterRegistry registry, Set<String> consumed) {
		QueueBridge bridge = this.environment.queueBridge();
		QueueInspection inspection = (bridge != null) ? bridge.inspection().orElse(null) : null;
		if (bridge == null || inspection == null) {
			return;
		}
		for (String queue : consumed) {
			CachedQueueMetrics metrics = this.queues.computeIfAbsent(queue,
					(name) -> new CachedQueueMetrics(inspection, bridge.name(), name, this.timeToLive,
							this.nanoClock));
			Tags tags = Tags.of(QUEUE_TAG, queue, BRIDGE_TAG, bridge.name());
			count(registry, PENDING, "Jobs waiting in the queue, due or scheduled", JOBS, tags, metrics,
					QueueMetrics::pending);
			count(registry, INFLIGHT, "Jobs of the queue leased to a worker", JOBS, tags, metrics,
					QueueMetrics::inflight);
			count(registry, DEAD_LETTER, "Jobs in the queue's dead-letter queue", JOBS, tags, metrics,
					QueueMetrics::deadLetter);
			count(registry, RETRIES, "Retries of the queue's jobs counted by the queue bridge", null, tags, metrics,
					QueueMetrics::retries);
			TimeGauge.builder(OLDEST_AGE, metrics, TimeUnit.MILLISECONDS, PuristaQueueMetrics::oldestAgeMs)
				.description("Age of the oldest job waiting in the queue; NaN when none waits")
				.tags(tags)
				.register(registry);
		}
	}

	private static void count(MeterRegistry registry, String name, String description, @Nullable String baseUnit,
			Tags tags, CachedQueueMetrics metrics, ToLongFunction<QueueMetrics> figure) {
		Gauge.builder(name, metrics, (cached) -> {
			QueueMetrics current = cached.get();
			return (current != null) ? figure.applyAsLong(current) : Double.NaN;
		}).description(description).baseUnit(baseUnit).tags(tags).register(registry);
	}

	private static double oldestAgeMs(CachedQueueMetrics cached) {
		QueueMetrics current = cached.get();
		Long oldestAgeMs = (current != null) ? current.oldestAgeMs() : null;
		return (oldestAgeMs != null) ? oldestAgeMs : Double.NaN;
	}

}
