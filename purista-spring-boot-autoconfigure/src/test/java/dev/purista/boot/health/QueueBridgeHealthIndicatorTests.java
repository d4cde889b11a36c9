package dev.purista.boot.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.purista.boot.DataPlaneOnlyQueueBridge;
import dev.purista.boot.health.QueueBridgeHealthIndicator.Level;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueLease;
import dev.purista.core.queue.QueueMetrics;
import dev.purista.core.queue.memory.InMemoryQueueBridge;

import static org.assertj.core.api.Assertions.assertThat;

class QueueBridgeHealthIndicatorTests {

	@Test
	void queueWithinLimitsAndWithoutDeadLettersIsOk() {
		assertThat(QueueBridgeHealthIndicator.evaluate(metrics(10, 0), 2).level()).isEqualTo(Level.OK);
	}

	@Test
	void deadLettersAreAWarning() {
		QueueBridgeHealthIndicator.QueueHealth health = QueueBridgeHealthIndicator.evaluate(metrics(0, 3), 1);
		assertThat(health.level()).isEqualTo(Level.WARN);
		assertThat(health.reason()).isEqualTo("3 dead-lettered job(s)");
	}

	@Test
	void pendingAboveFiveTimesParallelismIsAWarningAndAboveTwentyTimesAnError() {
		assertThat(QueueBridgeHealthIndicator.evaluate(metrics(10, 0), 2).level()).isEqualTo(Level.OK);
		assertThat(QueueBridgeHealthIndicator.evaluate(metrics(11, 0), 2).level()).isEqualTo(Level.WARN);
		assertThat(QueueBridgeHealthIndicator.evaluate(metrics(40, 0), 2).level()).isEqualTo(Level.WARN);
		QueueBridgeHealthIndicator.QueueHealth error = QueueBridgeHealthIndicator.evaluate(metrics(41, 5), 2);
		assertThat(error.level()).isEqualTo(Level.ERROR);
		assertThat(error.reason()).isEqualTo("41 pending jobs exceed 20 x parallelism 2");
	}

	@Test
	void warningMapsToTheCustomWarnStatusWithQueueDetails() {
		Health health = indicator(metrics(0, 1)).health();
		assertThat(health.getStatus()).isEqualTo(QueueBridgeHealthIndicator.WARN);
		assertThat(health.getDetails()).containsEntry("name", InMemoryQueueBridge.NAME).containsEntry("healthy", true);
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> queues = (Map<String, Map<String, Object>>) health.getDetails().get("queues");
		assertThat(queues.get("mails")).containsEntry("status", "warn")
			.containsEntry("reason", "1 dead-lettered job(s)")
			.containsEntry("deadLetter", 1L)
			.containsEntry("parallelism", 1);
	}

	@Test
	void errorMapsToDown() {
		assertThat(indicator(metrics(21, 0)).health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void unreadableMetricsAreDownWithoutTheExceptionMessage() {
		InMemoryQueueBridge bridge = started();
		QueueBridgeHealthIndicator indicator = new QueueBridgeHealthIndicator(withMetrics(bridge, (queueName) -> {
			throw new IllegalStateException("redis://user:s3cr3t@host");
		}), () -> Map.of("mails", 1));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.toString()).doesNotContain("s3cr3t").contains(IllegalStateException.class.getName());
	}

	@Test
	void bridgeWithoutInspectionIsJudgedByItsOwnHealthAndListsQueuesWithoutFigures() {
		DataPlaneOnlyQueueBridge bridge = new DataPlaneOnlyQueueBridge();
		bridge.start();
		QueueBridgeHealthIndicator indicator = new QueueBridgeHealthIndicator(bridge, () -> Map.of("mails", 2));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("healthy", true)
			.containsEntry("queueMetrics", QueueBridgeHealthIndicator.NO_INSPECTION)
			.containsEntry("queues", Map.of("mails", Map.of("parallelism", 2)));
		bridge.destroy();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void destroyedBridgeIsDown() {
		InMemoryQueueBridge bridge = started();
		bridge.destroy();
		assertThat(new QueueBridgeHealthIndicator(bridge, Map::of).health().getStatus()).isEqualTo(Status.DOWN);
	}

	private static QueueBridgeHealthIndicator indicator(QueueMetrics metrics) {
		return new QueueBridgeHealthIndicator(withMetrics(started(), (queueName) -> metrics), () -> Map.of("mails", 1));
	}

	/**
	 * A bridge whose inspection answers {@code metrics} with the given function.
	 */
	static QueueBridge withMetrics(QueueBridge bridge, Function<String, QueueMetrics> metrics) {
		QueueInspection real = bridge.inspection().orElseThrow();
		QueueInspection inspection = new QueueInspection() {
			@Override
			public List<QueueLease> inspectLeases(String queueName, int limit) {
				return real.inspectLeases(queueName, limit);
			}

			@Override
			public QueueMetrics metrics(String queueName) {
				return metrics.apply(queueName);
			}
		};
		return new ForwardingQueueBridge(bridge) {
			@Override
			public Optional<QueueInspection> inspection() {
				return Optional.of(inspection);
			}
		};
	}

	private static InMemoryQueueBridge started() {
		InMemoryQueueBridge bridge = new InMemoryQueueBridge();
		bridge.start();
		return bridge;
	}

	private static QueueMetrics metrics(long pending, long deadLetter) {
		return new QueueMetrics(pending, 0, deadLetter, 0, null);
	}

}
