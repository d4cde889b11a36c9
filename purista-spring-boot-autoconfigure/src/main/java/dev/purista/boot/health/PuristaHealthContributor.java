package dev.purista.boot.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

import dev.purista.core.queue.QueueBridge;
import dev.purista.core.service.QueueWorkerDefinition;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceInfo;
import dev.purista.core.service.ServiceRuntime;
import dev.purista.core.store.StoreKind;

/**
 * PURISTA's health as one composite: {@code eventBridge}, {@code queueBridge} (when the environment has one),
 * {@code stateStore}, {@code configStore}, {@code secretStore} and {@code services}, itself a composite with one
 * member per running service named {@code <name>-v<version>} (e.g. {@code Greeter-v1}). Members are read on
 * every check, so services started or stopped later are reflected; {@code services} is left out while no
 * service runs.
 */
public class PuristaHealthContributor implements CompositeHealthContributor {

	/** Name of the event bridge member. */
	public static final String EVENT_BRIDGE = "eventBridge";

	/** Name of the queue bridge member. */
	public static final String QUEUE_BRIDGE = "queueBridge";

	/** Name of the composite of running services. */
	public static final String SERVICES = "services";

	private final Map<String, HealthContributor> fixed = new LinkedHashMap<>();

	private final Supplier<List<ServiceRuntime>> runtimes;

	/**
	 * Create the composite.
	 * @param environment the bridges and stores
	 * @param runtimes the running services, read on every check
	 * @param storeType the configured type of each store (e.g. {@code in-memory}), shown as a detail
	 */
	public PuristaHealthContributor(ServiceEnvironment environment, Supplier<List<ServiceRuntime>> runtimes,
			Function<StoreKind, String> storeType) {
		this.runtimes = runtimes;
		this.fixed.put(EVENT_BRIDGE, new EventBridgeHealthIndicator(environment.eventBridge()));
		QueueBridge queueBridge = environment.queueBridge();
		if (queueBridge != null) {
			this.fixed.put(QUEUE_BRIDGE, new QueueBridgeHealthIndicator(queueBridge, this::queueParallelism));
		}
		this.fixed.put("stateStore",
				new StoreHealthIndicator(environment.stateStore()::name, environment.stateStore()::isHealthy,
						storeType.apply(StoreKind.STATE)));
		this.fixed.put("configStore",
				new StoreHealthIndicator(environment.configStore()::name, environment.configStore()::isHealthy,
						storeType.apply(StoreKind.CONFIG)));
		this.fixed.put("secretStore",
				new StoreHealthIndicator(environment.secretStore()::name, environment.secretStore()::isHealthy,
						storeType.apply(StoreKind.SECRET)));
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		if (SERVICES.equals(name)) {
			return services();
		}
		return this.fixed.get(name);
	}

	@Override
	public Stream<Entry> stream() {
		Stream<Entry> fixedEntries = this.fixed.entrySet()
			.stream()
			.map((entry) -> new Entry(entry.getKey(), entry.getValue()));
		HealthContributor services = services();
		return (services != null) ? Stream.concat(fixedEntries, Stream.of(new Entry(SERVICES, services)))
				: fixedEntries;
	}

	private @Nullable HealthContributor services() {
		Map<String, HealthContributor> services = new LinkedHashMap<>();
		for (ServiceRuntime runtime : this.runtimes.get()) {
			services.put(memberName(runtime.definition().info()), new ServiceHealthIndicator(runtime));
		}
		return services.isEmpty() ? null : CompositeHealthContributor.fromMap(services);
	}

	/**
	 * The member name of a service.
	 * @param info the service
	 * @return {@code <name>-v<version>}
	 */
	public static String memberName(ServiceInfo info) {
		return info.name() + "-v" + info.version();
	}

	private Map<String, Integer> queueParallelism() {
		Map<String, Integer> queues = new LinkedHashMap<>();
		for (ServiceRuntime runtime : this.runtimes.get()) {
			if (runtime.isStarted()) {
				for (QueueWorkerDefinition worker : runtime.definition().queueWorkers()) {
					queues.merge(worker.queueName(), worker.maxParallelHandlers(), Integer::sum);
				}
			}
		}
		return queues;
	}

}
