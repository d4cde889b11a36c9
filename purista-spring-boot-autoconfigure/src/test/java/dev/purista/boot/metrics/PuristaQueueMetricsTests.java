package dev.purista.boot.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.purista.boot.DataPlaneOnlyQueueBridge;
import dev.purista.core.bridge.memory.InMemoryEventBridge;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceEnvironment;
import dev.purista.core.service.ServiceRuntime;

import static org.assertj.core.api.Assertions.assertThat;

class PuristaQueueMetricsTests {

	private static final List<String> GAUGES = List.of(PuristaQueueMetrics.PENDING, PuristaQueueMetrics.INFLIGHT,
			PuristaQueueMetrics.DEAD_LETTER, PuristaQueueMetrics.RETRIES, PuristaQueueMetrics.OLDEST_AGE);

	private final InMemoryEventBridge eventBridge = new InMemoryEventBridge();

	private final InMemoryQueueBridge queueBridge = new InMemoryQueueBridge();

	private final List<ServiceRuntime> runtimes = new ArrayList<>();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicInteger metricsCalls = new AtomicInteger();

	private final AtomicLong nanos = new AtomicLong();

	@AfterEach
	void stop() {
		this.runtimes.forEach(ServiceRuntime::destroy);
		this.queueBridge.destroy();
		this.eventBridge.destroy();
	}

	@Test
	void eachGaugeShowsItsFigureTaggedWithQueueAndBridge() {
		PuristaQueueMetrics binder = binder(bridge((queue) -> new QueueMetrics(1, 2, 3, 4, 1500L)));
		startMailService();
		binder.bindTo(this.registry);
		assertThat(gauge(PuristaQueueMetrics.PENDING).gauge().value()).isEqualTo(1);
		assertThat(gauge(PuristaQueueMetrics.INFLIGHT).gauge().value()).isEqualTo(2);
		assertThat(gauge(PuristaQueueMetrics.DEAD_LETTER).gauge().value()).isEqualTo(3);
		assertThat(gauge(PuristaQueueMetrics.RETRIES).gauge().value()).isEqualTo(4);
		assertThat(gauge(PuristaQueueMetrics.OLDEST_AGE).timeGauge().value(TimeUnit.MILLISECONDS)).isEqualTo(1500);
		assertThat(this.registry.get(PuristaQueueMetrics.PENDING)
			.tag(PuristaQueueMetrics.BRIDGE_TAG, InMemoryQueueBridge.NAME)
			.gauges()).hasSize(1);
	}

	@Test
	void oldestAgeIsNaNWhenNoJobWaits() {
		PuristaQueueMetrics binder = binder(bridge((queue) -> new QueueMetrics(0, 0, 0, 0, null)));
		startMailService();
		binder.bindTo(this.registry);
		assertThat(gauge(PuristaQueueMetrics.OLDEST_AGE).timeGauge().value()).isNaN();
		assertThat(gauge(PuristaQueueMetrics.PENDING).gauge().value()).isZero();
	}

	@Test
	void allGaugesOfAQueueShareOneMetricsCallPerTimeToLive() {
		PuristaQueueMetrics binder = binder(bridge((queue) -> new QueueMetrics(1, 0, 0, 0, 10L)));
		startMailService();
		binder.bindTo(this.registry);
		readAll();
		assertThat(this.metricsCalls).hasValue(1);
		this.nanos.addAndGet(PuristaQueueMetrics.CACHE_TIME_TO_LIVE.toNanos());
		readAll();
		assertThat(this.metricsCalls).hasValue(2);
	}

	@Test
	void metricsThatThrowReadAsNaN() {
		PuristaQueueMetrics binder = binder(bridge((queue) -> {
			throw new IllegalStateException("redis://user:s3cr3t@host unreachable");
		}));
		startMailService();
		binder.bindTo(this.registry);
		for (String name : GAUGES) {
			assertThat(gauge(name).meter().measure()).singleElement()
				.satisfies((measurement) -> assertThat(measurement.getValue()).as(name).isNaN());
		}
		assertThat(this.metricsCalls).as("failed reads are cached too").hasValue(1);
	}

	@Test
	void queuesConsumedAfterBindingGetGaugesWhenRegistered() {
		PuristaQueueMetrics binder = binder(this.queueBridge);
		binder.bindTo(this.registry);
		assertThat(this.registry.find(PuristaQueueMetrics.PENDING).gauges()).isEmpty();
		startMailService();
		binder.registerConsumedQueues();
		binder.registerConsumedQueues();
		assertThat(this.registry.get(PuristaQueueMetrics.PENDING).gauges()).hasSize(1);
		assertThat(gauge(PuristaQueueMetrics.PENDING).gauge().value()).isZero();
	}

	@Test
	void bridgeWithoutInspectionGetsNoGauges() {
		DataPlaneOnlyQueueBridge bridge = new DataPlaneOnlyQueueBridge();
		PuristaQueueMetrics binder = binder(bridge);
		startMailService();
		binder.bindTo(this.registry);
		binder.registerConsumedQueues();
		assertThat(this.registry.getMeters()).isEmpty();
		bridge.destroy();
	}

	@Test
	void withoutAQueueBridgeNoGaugeIsRegistered() {
		startMailService();
		PuristaQueueMetrics binder = new PuristaQueueMetrics(ServiceEnvironment.builder(this.eventBridge).build(),
				() -> this.runtimes);
		binder.bindTo(this.registry);
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private QueueBridge bridge(Function<String, QueueMetrics> metrics) {
		QueueInspection inspection = new QueueInspection() {
			@Override
			public List<QueueLease> inspectLeases(String queueName, int limit) {
				return List.of();
			}

			@Override
			public QueueMetrics metrics(String queueName) {
				PuristaQueueMetricsTests.this.metricsCalls.incrementAndGet();
				return metrics.apply(queueName);
			}
		};
		return new ForwardingQueueBridge(this.queueBridge) {
			@Override
			public Optional<QueueInspection> inspection() {
				return Optional.of(inspection);
			}
		};
	}

	private PuristaQueueMetrics binder(QueueBridge bridge) {
		ServiceEnvironment environment = ServiceEnvironment.builder(this.eventBridge).queueBridge(bridge).build();
		return new PuristaQueueMetrics(environment, () -> this.runtimes, PuristaQueueMetrics.CACHE_TIME_TO_LIVE,
				this.nanos::get);
	}

	private void startMailService() {
		this.eventBridge.start();
		this.queueBridge.start();
		ServiceEnvironment environment = ServiceEnvironment.builder(this.eventBridge)
			.queueBridge(this.queueBridge)
			.build();
		ServiceRuntime runtime = new ServiceRuntime(ServiceBuilder.service("Email", "1")
			.queueWorker("mails", "send")
			.handler((payload, parameter, context) -> null)
			.build(), environment);
		runtime.start();
		this.runtimes.add(runtime);
	}

	private RequiredSearch gauge(String name) {
		return this.registry.get(name).tag(PuristaQueueMetrics.QUEUE_TAG, "mails");
	}

	private void readAll() {
		for (String name : GAUGES) {
			gauge(name).meter().measure().forEach((measurement) -> measurement.getValue());
		}
	}

}
