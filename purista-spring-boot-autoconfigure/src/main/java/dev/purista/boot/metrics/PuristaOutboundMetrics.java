package dev.purista.boot.metrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.OutboundStatus;

/**
 * Micrometer meters of the event bridge's outbound buffer ({@link EventBridge#outboundStatus()}): the gauges
 * {@value #BUFFERED} and {@value #BUFFERED_BYTES} (what waits for the broker now) and the counters
 * {@value #PUBLISHED}, {@value #REJECTED}, {@value #FAILED} and {@value #UNPUBLISHED}, each tagged
 * {@value #BRIDGE_TAG}{@code =<bridge name>}. A bridge without an outbound buffer (in-memory) gets none. Reading a
 * meter takes a snapshot of the buffer and never touches the broker.
 */
public class PuristaOutboundMetrics implements MeterBinder {

	/** Messages waiting in the outbound buffer. */
	public static final String BUFFERED = "purista.outbound.buffered";

	/** Bytes of encoded messages waiting in the outbound buffer. */
	public static final String BUFFERED_BYTES = "purista.outbound.buffered.bytes";

	/** Messages published after waiting in the outbound buffer. */
	public static final String PUBLISHED = "purista.outbound.published";

	/** Messages refused because the outbound buffer was full. */
	public static final String REJECTED = "purista.outbound.rejected";

	/** Buffered messages given up after the broker refused them repeatedly. */
	public static final String FAILED = "purista.outbound.failed";

	/** Messages still buffered when the bridge was destroyed, never published. */
	public static final String UNPUBLISHED = "purista.outbound.unpublished";

	/** Tag with the event bridge's name. */
	public static final String BRIDGE_TAG = "bridge";

	private final EventBridge bridge;

	/**
	 * Create the meters of a bridge's outbound buffer.
	 * @param bridge the event bridge
	 */
	public PuristaOutboundMetrics(EventBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.bridge.outboundStatus().isEmpty()) {
			return;
		}
		Tags tags = Tags.of(BRIDGE_TAG, this.bridge.name());
		gauge(registry, BUFFERED, "messages", "Messages waiting in the outbound buffer for the broker", tags,
				OutboundStatus::bufferedMessages);
		gauge(registry, BUFFERED_BYTES, "bytes", "Bytes of messages waiting in the outbound buffer for the broker",
				tags, OutboundStatus::bufferedBytes);
		counter(registry, PUBLISHED, "Messages published after waiting in the outbound buffer", tags,
				OutboundStatus::publishedAfterWaiting);
		counter(registry, REJECTED, "Messages refused because the outbound buffer was full", tags,
				OutboundStatus::rejected);
		counter(registry, FAILED, "Buffered messages given up after repeated refusals by the broker", tags,
				OutboundStatus::failed);
		counter(registry, UNPUBLISHED, "Messages still buffered when the bridge was destroyed", tags,
				OutboundStatus::unpublishedAtShutdown);
	}

	private void gauge(MeterRegistry registry, String name, String baseUnit, String description, Tags tags,
			ToDoubleFunction<OutboundStatus> value) {
		Gauge.builder(name, this, (metrics) -> metrics.read(value))
			.baseUnit(baseUnit)
			.description(description)
			.tags(tags)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description, Tags tags,
			ToDoubleFunction<OutboundStatus> value) {
		FunctionCounter.builder(name, this, (metrics) -> metrics.read(value))
			.baseUnit("messages")
			.description(description)
			.tags(tags)
			.register(registry);
	}

	private double read(ToDoubleFunction<OutboundStatus> value) {
		return this.bridge.outboundStatus().map(value::applyAsDouble).orElse(Double.NaN);
	}

}
