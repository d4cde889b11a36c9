package dev.purista.core.bridge;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;

/**
 * Carries PURISTA messages between services: commands to their handlers and responses back, events to the
 * subscriptions whose filters match. Implementations: in-memory, AMQP, NATS, MQTT.
 * <p>
 * Lifecycle: {@link #start()}, then registrations; on shutdown {@link #stopIntake()} (no new commands or
 * subscription messages are taken; outbound publishing and response delivery keep working),
 * {@link #awaitDrain(Duration)} until in-flight handlers are done, then {@link #destroy()}.
 * All methods are thread-safe.
 */
public interface EventBridge {

	/**
	 * The bridge's name, e.g. {@code InMemoryEventBridge}.
	 * @return the name
	 */
	String name();

	/**
	 * The id of this bridge instance (32 lowercase hex characters unless configured).
	 * @return the instance id
	 */
	String instanceId();

	/**
	 * What this bridge can do.
	 * @return the capabilities
	 */
	EventBridgeCapabilities capabilities();

	/**
	 * How long {@link #invoke} waits when the caller gives no timeout (PURISTA default: 30 s).
	 * @return the default timeout
	 */
	Duration defaultCommandTimeout();

	/**
	 * Connect and become ready. Idempotent.
	 */
	void start();

	/**
	 * Whether the bridge was started and is connected.
	 * @return {@code true} when ready
	 */
	boolean isReady();

	/**
	 * Whether the bridge can currently do its work.
	 * @return {@code true} when healthy
	 */
	boolean isHealthy();

	/**
	 * Publish a message (an event, info message or response). The bridge sets a new id and the timestamp and
	 * stamps the sender with its instance id. A response published here is an event for the subscriptions whose
	 * filters match (a command's success event), never an answer to a waiting {@link #invoke}. Does not block on
	 * consumers.
	 * @param message the message
	 * @return the message as sent
	 * @throws dev.purista.core.error.BridgeStoppingException if the bridge was destroyed
	 * @throws dev.purista.core.error.OutboundBufferFullException if the bridge is disconnected from its broker and
	 * its outbound buffer ({@link #outboundStatus()}) is full
	 */
	Message emitMessage(Message message);

	/**
	 * Send a command and complete with its success response. The bridge sets a new id, correlation id and
	 * timestamp and stamps the sender with its instance id (where the response comes back to). The future fails
	 * with {@link dev.purista.core.error.HandledException} or {@link dev.purista.core.error.UnhandledException} for
	 * an error response (502 for an unknown command on
	 * bridges that can tell), and with {@link dev.purista.core.error.CommandTimeoutException} (504) when no
	 * response came within {@code timeout}; a later response is dropped and counted. Bridges on a broker fail it
	 * at once with 503 when the command cannot be sent (disconnected) or when the connection is lost while the
	 * response can no longer arrive; an invocation whose response is produced by this instance keeps waiting.
	 * @param command the command
	 * @param timeout how long to wait for the response
	 * @return the response future, never blocking the caller
	 */
	CompletableFuture<CommandSuccessResponse> invoke(Command command, Duration timeout);

	/**
	 * Register the handler of a command. Commands are always load-balanced between the instances of a service.
	 * @param address the command address (service name, version and command name)
	 * @param handler the handler producing the response
	 * @param options delivery options
	 */
	void registerCommand(MessageAddress address, CommandHandler handler, CommandOptions options);

	/**
	 * Remove a command registration.
	 * @param address the command address
	 */
	void unregisterCommand(MessageAddress address);

	/**
	 * Register a subscription.
	 * @param subscription the subscription's address, filters and delivery options
	 * @param handler the handler
	 */
	void registerSubscription(SubscriptionRegistration subscription, SubscriptionHandler handler);

	/**
	 * Remove a subscription registration.
	 * @param address the subscription address
	 */
	void unregisterSubscription(MessageAddress address);

	/**
	 * Stop taking new commands and subscription messages. Commands arriving afterwards are answered with 503
	 * "Service Unavailable" (or left to other instances on brokers); publishing and response delivery go on.
	 */
	void stopIntake();

	/**
	 * Wait until no handler of this bridge is running.
	 * @param timeout how long to wait at most
	 * @return {@code true} if drained, {@code false} on timeout
	 */
	boolean awaitDrain(Duration timeout);

	/**
	 * How many command and subscription handlers of this bridge are running now.
	 * @return the in-flight count
	 */
	int inFlightCount();

	/**
	 * The outbound buffer of a bridge that keeps what it produced while disconnected from its broker (responses,
	 * events, retries, dead letters) and publishes it after reconnecting. Bridges without a connection to lose
	 * (in-memory) have none.
	 * @return the buffer's status, or empty if the bridge has no outbound buffer
	 */
	default Optional<OutboundStatus> outboundStatus() {
		return Optional.empty();
	}

	/**
	 * Close the bridge: pending invocations fail with 503, connections close. Idempotent.
	 */
	void destroy();

}
