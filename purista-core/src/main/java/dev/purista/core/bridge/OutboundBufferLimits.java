package dev.purista.core.bridge;

/**
 * How much a bridge's outbound buffer holds while the bridge is disconnected from its broker: at most
 * {@link #maxMessages()} messages and {@link #maxBytes()} bytes of encoded messages. What exceeds either bound
 * is refused with {@link dev.purista.core.error.OutboundBufferFullException} (503) and counted.
 *
 * @param maxMessages how many messages the buffer holds at most (at least 1)
 * @param maxBytes how many bytes of encoded messages the buffer holds at most (at least 1)
 * @see OutboundStatus
 */
public record OutboundBufferLimits(int maxMessages, long maxBytes) {

	/** 10,000 messages and 32 MiB, whichever is reached first. */
	public static final OutboundBufferLimits DEFAULTS = new OutboundBufferLimits(10_000, 32L * 1024 * 1024);

	/**
	 * Check the bounds.
	 * @param maxMessages how many messages the buffer holds at most
	 * @param maxBytes how many bytes the buffer holds at most
	 */
	public OutboundBufferLimits {
		if (maxMessages < 1) {
			throw new IllegalArgumentException("maxMessages must be at least 1, not " + maxMessages);
		}
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be at least 1, not " + maxBytes);
		}
	}

}
