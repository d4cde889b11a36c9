package dev.purista.core.bridge;

/**
 * What an event bridge can do (PURISTA's event bridge {@code capabilities}); services check their definitions
 * against them at start.
 *
 * @param supportsStreams streams can be opened
 * @param durableCommands commands can survive a broker restart
 * @param durableSubscriptions subscriptions can keep messages while no instance is connected
 * @param manualAckSupported messages can be acknowledged after handling
 * @param gracefulDrainSupported intake can stop while in-flight work finishes
 * @param nativeDeadLettering failed subscription messages can be dead-lettered
 * @param subscriptionRetries failed subscription messages can be delivered again
 * @param transport how commands travel, e.g. {@code in-memory}, {@code reply-queue}
 */
public record EventBridgeCapabilities(boolean supportsStreams, boolean durableCommands,
		boolean durableSubscriptions, boolean manualAckSupported, boolean gracefulDrainSupported,
		boolean nativeDeadLettering, boolean subscriptionRetries, String transport) {

}
