package dev.purista.core.bridge;

/**
 * A snapshot of a bridge's outbound buffer: the messages produced while the bridge could not publish (its broker
 * connection was down), which it publishes once it has reconnected. Shown in the event bridge's health details,
 * in {@code /actuator/purista} and as {@code purista.outbound.*} metrics.
 *
 * @param bufferedMessages how many messages wait to be published now
 * @param bufferedBytes how many bytes of encoded messages wait now
 * @param limits the buffer's bounds
 * @param publishedAfterWaiting how many messages were published after waiting in the buffer, since the bridge
 * was created
 * @param rejected how many messages were refused because the buffer was full
 * @param failed how many buffered messages were given up because the broker refused them repeatedly while
 * connected
 * @param unpublishedAtShutdown how many messages were still buffered when the bridge was destroyed, and so never
 * published
 */
public record OutboundStatus(int bufferedMessages, long bufferedBytes, OutboundBufferLimits limits,
		long publishedAfterWaiting, long rejected, long failed, long unpublishedAtShutdown) {

}
