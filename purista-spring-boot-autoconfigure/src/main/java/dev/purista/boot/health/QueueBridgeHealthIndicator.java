package dev.purista.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.purista.core.queue.QueueBridge;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.QueueMetrics;

/**
 * Health of the {@link QueueBridge} and of every queue a running worker consumes, with PURISTA's rules
 * ({@code Service.getServiceHealth()}): per queue, dead letters present or more pending jobs than
 * {@value #WARN_FACTOR}&nbsp;&times;&nbsp;parallelism is a warning, more than
 * {@value #ERROR_FACTOR}&nbsp;&times;&nbsp;parallelism an error. Parallelism is the sum of
 * {@code maxParallelHandlers} of this application's workers on the queue.
 * <p>
 * Queues are read through the bridge's {@link QueueInspection}. A bridge without one
 * ({@link QueueBridge#inspection()} empty) is judged by {@link QueueBridge#isHealthy()} alone; its queues are
 * listed with their parallelism and detail {@code queueMetrics} says why there are no figures.
 * <p>
 * Status: {@code DOWN} when the bridge is unhealthy, a queue is in error or its metrics cannot be read;
 * {@link #WARN} when a queue has a warning; {@code UP} otherwise. {@code WARN} is a custom status that Boot's
 * default status order does not list, so it does not change the aggregated {@code purista} status or the
 * readiness group (dead letters are worth a look, not a reason to take the instance out of traffic); add it
 * to {@code management.endpoint.health.status.order} (e.g. {@code down,out-of-service,warn,up,unknown}) to
 * let it surface in the aggregate. Details per queue: status, reason, parallelism and the metrics.
 */
public class QueueBridgeHealthIndicator implements HealthIndicator {

	/** Status of a queue bridge with a queue that needs attention but still works. */
	public static final Status WARN = new Status("WARN", "A queue has dead letters or a growing backlog");

	/** The {@code queueMetrics} detail of a bridge without {@link QueueInspection}. */
	static final String NO_INSPECTION = "not available: the queue bridge offers no queue inspection, "
			+ "so the status is the bridge's own health";

	/** Pending jobs per unit of parallelism above which a queue is a warning. */
	public static final int WARN_FACTOR = 5;

	/** Pending jobs per unit of parallelism above which a queue is an error. */
	public static final int ERROR_FACTOR = 20;

	private final QueueBridge bridge;

	private final Supplier<Map<String, Integer>> queues;

	/**
	 * Create the indicator.
	 * @param bridge the queue bridge
	 * @param queues the queues consumed by running workers, with their total parallelism; read on every check
	 */
	public QueueBridgeHealthIndicator(QueueBridge bridge, Supplier<Map<String, Integer>> queues) {
		this.bridge = bridge;
		this.queues = queues;
	}

	@Override
	public Health health() {
		try {
			boolean healthy = this.bridge.isHealthy();
			QueueInspection inspection = this.bridge.inspection().orElse(null);
			Map<String, Object> queueDetails = new LinkedHashMap<>();
			Level worst = healthy ? Level.OK : Level.ERROR;
			for (Map.Entry<String, Integer> queue : this.queues.get().entrySet()) {
				if (inspection == null) {
					queueDetails.put(queue.getKey(), Map.of("parallelism", queue.getValue()));
					continue;
				}
				QueueHealth health = queueHealth(inspection, queue.getKey(), queue.getValue());
				queueDetails.put(queue.getKey(), health.details());
				worst = (health.level().compareTo(worst) > 0) ? health.level() : worst;
			}
			Status status = switch (worst) {
				case OK -> Status.UP;
				case WARN -> WARN;
				case ERROR -> Status.DOWN;
			};
			Health.Builder builder = Health.status(status)
				.withDetail("name", this.bridge.name())
				.withDetail("instanceId", this.bridge.instanceId())
				.withDetail("ready", this.bridge.isReady())
				.withDetail("healthy", healthy);
			if (inspection == null) {
				builder.withDetail("queueMetrics", NO_INSPECTION);
			}
			return builder.withDetail("queues", queueDetails).build();
		}
		catch (RuntimeException ex) {
			return HealthSupport.failed(this.bridge.name(), ex);
		}
	}

	private QueueHealth queueHealth(QueueInspection inspection, String queue, int parallelism) {
		try {
			QueueMetrics metrics = inspection.metrics(queue);
			return evaluate(metrics, parallelism);
		}
		catch (RuntimeException ex) {
			return new QueueHealth(Level.ERROR, "metrics unavailable: " + ex.getClass().getName(), parallelism, null);
		}
	}

	/**
	 * Evaluate one queue with PURISTA's rules.
	 * @param metrics the queue's metrics
	 * @param parallelism how many jobs this application's workers run at once on the queue (at least 1 is used)
	 * @return the queue's health
	 */
	public static QueueHealth evaluate(QueueMetrics metrics, int parallelism) {
		int units = Math.max(1, parallelism);
		if (metrics.pending() > (long) ERROR_FACTOR * units) {
			return new QueueHealth(Level.ERROR, metrics.pending() + " pending jobs exceed " + ERROR_FACTOR
					+ " x parallelism " + units, parallelism, metrics);
		}
		if (metrics.pending() > (long) WARN_FACTOR * units) {
			return new QueueHealth(Level.WARN, metrics.pending() + " pending jobs exceed " + WARN_FACTOR
					+ " x parallelism " + units, parallelism, metrics);
		}
		if (metrics.deadLetter() > 0) {
			return new QueueHealth(Level.WARN, metrics.deadLetter() + " dead-lettered job(s)", parallelism, metrics);
		}
		return new QueueHealth(Level.OK, null, parallelism, metrics);
	}

	/**
	 * PURISTA's queue health levels, in increasing severity.
	 */
	public enum Level {

		/** The queue is fine. */
		OK,

		/** The queue needs attention. */
		WARN,

		/** The queue is overloaded or cannot be inspected. */
		ERROR

	}

	/**
	 * The health of one queue.
	 *
	 * @param level the level
	 * @param reason why the level is not {@code OK}, or {@code null}
	 * @param parallelism the parallelism the thresholds were computed with
	 * @param metrics the metrics, or {@code null} when they could not be read
	 */
	public record QueueHealth(Level level, @Nullable String reason, int parallelism, @Nullable QueueMetrics metrics) {

		Map<String, Object> details() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", this.level.name().toLowerCase(java.util.Locale.ROOT));
			if (this.reason != null) {
				details.put("reason", this.reason);
			}
			details.put("parallelism", this.parallelism);
			if (this.metrics != null) {
				details.put("pending", this.metrics.pending());
				details.put("inflight", this.metrics.inflight());
				details.put("deadLetter", this.metrics.deadLetter());
				details.put("retries", this.metrics.retries());
				if (this.metrics.oldestAgeMs() != null) {
					details.put("oldestAgeMs", this.metrics.oldestAgeMs());
				}
			}
			return details;
		}

	}

}
