package dev.purista.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.purista.boot.autoconfigure.PuristaAutoConfiguration;
import dev.purista.boot.autoconfigure.PuristaFoundationAutoConfiguration;
import dev.purista.boot.metrics.PuristaOutboundMetrics;
import dev.purista.boot.metrics.PuristaQueueMetrics;
import dev.purista.core.queue.EnqueueRequest;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueLifecycle;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.queue.memory.InMemoryQueueBridge;
import dev.purista.core.service.ServiceBuilder;
import dev.purista.core.service.ServiceDefinition;
import dev.purista.core.service.ServiceEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PuristaMetricsAutoConfigurationTests {

	private static final List<String> GAUGES = List.of(PuristaQueueMetrics.PENDING, PuristaQueueMetrics.INFLIGHT,
			PuristaQueueMetrics.DEAD_LETTER, PuristaQueueMetrics.RETRIES, PuristaQueueMetrics.OLDEST_AGE);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PuristaFoundationAutoConfiguration.class,
				PuristaAutoConfiguration.class, PuristaMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("management.metrics.use-global-registry=false")
		.withUserConfiguration(WorkersConfiguration.class);

	@Test
	void pendingGaugeCountsJobsWaitingOnAQueueAWorkerConsumes() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PuristaQueueMetrics.class).hasSingleBean(SimpleMeterRegistry.class);
			long inOneHour = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
			QueueBridge bridge = context.getBean(QueueBridge.class);
			for (int i = 0; i < 3; i++) {
				bridge.enqueue(EnqueueRequest.of("welcome-email", Map.of("n", i)).withScheduledAt(inOneHour));
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(gauge(registry, PuristaQueueMetrics.PENDING, "welcome-email")
				.tag(PuristaQueueMetrics.BRIDGE_TAG, InMemoryQueueBridge.NAME)
				.gauge()
				.value()).isEqualTo(3));
			assertThat(gauge(registry, PuristaQueueMetrics.INFLIGHT, "welcome-email").gauge().value()).isZero();
			assertThat(gauge(registry, PuristaQueueMetrics.OLDEST_AGE, "welcome-email").timeGauge()
				.value(TimeUnit.MILLISECONDS)).isBetween(0.0, (double) Duration.ofMinutes(1).toMillis());
		});
	}

	@Test
	void deadLetterGaugeCountsJobsAWorkerDeadLettered() {
		this.runner.run((context) -> {
			context.getBean(QueueBridge.class).enqueue(EnqueueRequest.of("reports", Map.of("month", "2026-01")));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(
					() -> assertThat(gauge(registry, PuristaQueueMetrics.DEAD_LETTER, "reports").gauge().value())
						.isEqualTo(1));
			assertThat(gauge(registry, PuristaQueueMetrics.PENDING, "reports").gauge().value()).isZero();
			assertThat(gauge(registry, PuristaQueueMetrics.OLDEST_AGE, "reports").timeGauge().value()).isNaN();
		});
	}

	@Test
	void onlyQueuesOfThisApplicationsWorkersHaveGauges() {
		this.runner.run((context) -> {
			context.getBean(QueueBridge.class).enqueue(EnqueueRequest.of("someone-elses", Map.of()));
			assertThat(context.getBean(MeterRegistry.class).get(PuristaQueueMetrics.PENDING).gauges())
				.extracting((gauge) -> gauge.getId().getTag(PuristaQueueMetrics.QUEUE_TAG))
				.containsExactlyInAnyOrder("welcome-email", "reports");
		});
	}

	@Test
	void anEventBridgeWithoutOutboundBufferGetsNoOutboundMeters() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PuristaOutboundMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find(PuristaOutboundMetrics.BUFFERED).meters())
				.as("the in-memory event bridge has no connection to lose")
				.isEmpty();
		});
	}

	@Test
	void bridgeWhoseMetricsThrowGivesNaNGauges() {
		this.runner.withUserConfiguration(FailingMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : GAUGES) {
				assertThat(gauge(registry, name, "welcome-email").meter().measure()).singleElement()
					.satisfies((measurement) -> assertThat(measurement.getValue()).as(name).isNaN());
			}
		});
	}

	@Test
	void withoutAMeterRegistryThereIsNoBinder() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PuristaFoundationAutoConfiguration.class, PuristaAutoConfiguration.class,
							PuristaMetricsAutoConfiguration.class))
			.withUserConfiguration(WorkersConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MeterRegistry.class)
				.doesNotHaveBean(PuristaQueueMetrics.class));
	}

	@Test
	void withoutMicrometerThereIsNoBinder() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PuristaQueueMetrics.class));
	}

	@Test
	void userBinderReplacesOurs() {
		this.runner.withUserConfiguration(UserBinderConfiguration.class)
			.run((context) -> assertThat(context).getBeanNames(PuristaQueueMetrics.class)
				.containsExactly("myQueueMetrics"));
	}

	private static RequiredSearch gauge(MeterRegistry registry, String name, String queue) {
		return registry.get(name).tag(PuristaQueueMetrics.QUEUE_TAG, queue);
	}

	@Configuration(proxyBeanMethods = false)
	static class WorkersConfiguration {

		@Bean
		ServiceDefinition email() {
			return ServiceBuilder.service("Email", "1")
				.queueWorker("welcome-email", "send")
				.handler((payload, parameter, context) -> null)
				.build();
		}

		@Bean
		ServiceDefinition reports() {
			return ServiceBuilder.service("Reports", "1")
				.queueWorker("reports", "build")
				.lifecycle(QueueLifecycle.defaults().withMaxAttempts(1))
				.handler((payload, parameter, context) -> {
					throw new IllegalStateException("report failed");
				})
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBinderConfiguration {

		@Bean
		PuristaQueueMetrics myQueueMetrics(ServiceEnvironment environment) {
			return new PuristaQueueMetrics(environment, List::of);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingMetricsConfiguration {

		@Bean
		QueueBridge failingMetricsQueueBridge() {
			QueueInspection failing = new QueueInspection() {
				@Override
				public List<QueueLease> inspectLeases(String queueName, int limit) {
					throw new IllegalStateException("broker down");
				}

				@Override
				public QueueMetrics metrics(String queueName) {
					throw new IllegalStateException("broker down");
				}
			};
			return new ForwardingQueueBridge(new InMemoryQueueBridge()) {
				@Override
				public Optional<QueueInspection> inspection() {
					return Optional.of(failing);
				}
			};
		}

	}

}
