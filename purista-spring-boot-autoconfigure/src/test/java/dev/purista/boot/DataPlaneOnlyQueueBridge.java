package dev.purista.boot;

import java.util.Optional;

import dev.purista.core.queue.DeadLetterAdministration;
import dev.purista.core.queue.ForwardingQueueBridge;
import dev.purista.core.queue.QueueCapabilities;
import dev.purista.core.queue.QueueInspection;
import dev.purista.core.queue.memory.InMemoryQueueBridge;

/**
 * A real in-memory queue bridge that offers only the data plane: no dead-letter administration, no
 * inspection, and capability flags that say so.
 */
public final class DataPlaneOnlyQueueBridge extends ForwardingQueueBridge {

	/**
	 * Create the bridge over a new {@link InMemoryQueueBridge}.
	 */
	public DataPlaneOnlyQueueBridge() {
		super(new InMemoryQueueBridge());
	}

	@Override
	public String name() {
		return "DataPlaneOnlyQueueBridge";
	}

	@Override
	public QueueCapabilities capabilities() {
		return super.capabilities().toBuilder()
			.deadLetterInspectSupported(false)
			.deadLetterReplaySupported(false)
			.deadLetterPurgeSupported(false)
			.leaseInspectionSupported(false)
			.build();
	}

	@Override
	public Optional<DeadLetterAdministration> deadLetterAdministration() {
		return Optional.empty();
	}

	@Override
	public Optional<QueueInspection> inspection() {
		return Optional.empty();
	}

}
