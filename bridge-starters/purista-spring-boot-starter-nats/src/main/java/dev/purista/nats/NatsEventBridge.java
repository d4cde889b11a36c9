package dev.purista.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.CommandHandler;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.bridge.OutboundStatus;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.support.ElasticHandlerPool;
import dev.purista.core.bridge.support.InFlightTracker;
import dev.purista.core.bridge.support.OutboundBuffer;
import dev.purista.core.bridge.support.PendingInvocations;
import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.MalformedMessageException;
import dev.purista.core.error.OutboundBufferFullException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;
import dev.purista.nats.NatsEventBridgeOptions.HandlerExecution;
import dev.purista.nats.NatsJetStreamNames.Kind;

/**
 * An {@link EventBridge} on core NATS that shares the server with TypeScript PURISTA's {@code NatsBridge}: every
 * message on a 13-token subject ({@link NatsSubjects}), responses and events with TypeScript's headers
 * ({@link NatsHeaders}) and commands without headers, as TypeScript sends them; commands as requests whose reply
 * subject is an inbox of this instance ({@code _INBOX.<nuid>.<correlationId>}); command handlers subscribed with
 * queue group {@code PURISTA_QUEUE_<SERVICE>_<VERSION>_<COMMAND>}, shared subscriptions with the queue group of
 * their own address, every-instance subscriptions without one. A response is sent to the command's reply subject
 * and, when it carries a success event name, published a second time on its own subject for subscriptions
 * (TypeScript's {@code commandResponsePublishTwice: 'eventOnly'}). Commands arriving without headers are handled
 * like any other; a {@code traceparent} header, when present, takes precedence over the body's {@code otp}, as in
 * TypeScript.
 * <p>
 * Beyond TypeScript:
 * <ul>
 * <li>A command addressed to one instance ({@code receiver.instanceId}) reaches that instance only: each instance
 * also subscribes to the commands carrying its own instance id, and the queue group leaves those alone.</li>
 * <li>Subscription filters are checked again on the decoded message, since subjects are snake-cased (lossy) and a
 * filter value that is no valid subject token is subscribed as {@code *}.</li>
 * <li>Messages with an empty sender target (info messages) are published with {@code empty} in its place, so that
 * they reach subscribers (TypeScript's empty token is delivered to nobody).</li>
 * <li>Nothing produced is dropped because the connection is down: responses and events produced while
 * disconnected wait in a bounded outbound buffer ({@link NatsEventBridgeOptions#outboundBuffer()},
 * {@link #outboundStatus()}) and are published in order once the connection is back; what does not fit is refused
 * with {@link OutboundBufferFullException} (503). On a lost connection, invocations answered elsewhere fail at once
 * with 503 (core NATS keeps no reply for a disconnected client), and so does an invocation made while
 * disconnected.</li>
 * </ul>
 * Durable commands, and subscriptions that are durable, acknowledged manually or allow retries or a dead-letter
 * target, take their messages from JetStream push consumers as TypeScript v3 creates them
 * ({@link NatsJetStreamNames}; settlement: ack, {@code nak} with delay, dead letter with TypeScript's headers then a
 * plain {@code term()}); JetStream keeps their messages while no instance is connected. A durable command's caller
 * gets JetStream's publish acknowledgement on its inbox first (ignored here) and the response on
 * {@link NatsJetStreamNames#durableReplySubject}, which every Java instance subscribes to (JetStream keeps no
 * reply subject; a TypeScript caller's request ends with the publish acknowledgement). On a server without
 * JetStream such registrations fail with 501 and {@link #capabilities()} declares none of these. Everything else is
 * core NATS, at most once: a message that is not a PURISTA message is logged and dropped there.
 * <p>
 * The bridge owns its NATS connection: {@link #start()} connects with the given {@link Options} (named after the
 * instance id unless they name the connection, reconnecting forever unless they limit it), {@link #destroy()}
 * closes it. Handlers run on an {@link ElasticHandlerPool} of up to {@link NatsEventBridgeOptions#handlerThreads()}
 * threads, 4 while handlers finish quickly (or, opted in with
 * {@link HandlerExecution#DISPATCHER}, on the dispatcher thread that received the message); responses are
 * completed on the connection's dispatcher thread.
 */
public final class NatsEventBridge implements EventBridge {

	/** The bridge's name. */
	public static final String NAME = "NatsEventBridge";

	private static final Log logger = LogFactory.getLog(NatsEventBridge.class);

	private static final EventBridgeCapabilities CAPABILITIES = EventBridgeCapabilities.builder("request-reply")
		.gracefulDrainSupported(true)
		.build();

	private static final EventBridgeCapabilities JETSTREAM_CAPABILITIES = EventBridgeCapabilities
		.builder("request-reply")
		.durableCommands(true)
		.durableSubscriptions(true)
		.manualAckSupported(true)
		.gracefulDrainSupported(true)
		.nativeDeadLettering(true)
		.subscriptionRetries(true)
		.build();

	private final Options natsOptions;

	private final MessageCodec codec;

	private final NatsEventBridgeOptions options;

	private final NatsSubjects subjects;

	private final String instanceId;

	private final PendingInvocations pending = new PendingInvocations();

	private final InFlightTracker inFlight = new InFlightTracker();

	private final OutboundBuffer outbound;

	private final Map<MessageAddress, Endpoint> commands = new ConcurrentHashMap<>();

	private final Map<MessageAddress, Endpoint> subscriptions = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private final ExecutorService handlers;

	private final boolean dispatcherHandlers;

	private volatile @Nullable Connection connection;

	private @Nullable Dispatcher replyDispatcher;

	private @Nullable Dispatcher intakeDispatcher;

	private String inboxPrefix = "";

	private @Nullable NatsJetStreamConsumers jetStream;

	private @Nullable NatsJetStreamSettlement settlement;

	private volatile boolean started;

	private volatile boolean destroyed;

	/** Whether the connection was lost and not regained yet, to log the loss once. */
	private volatile boolean disconnected;

	/**
	 * Create a bridge with default options.
	 * @param natsOptions how to connect to NATS
	 * @param codec the message codec
	 */
	public NatsEventBridge(Options natsOptions, MessageCodec codec) {
		this(natsOptions, codec, NatsEventBridgeOptions.defaults());
	}

	/**
	 * Create a bridge.
	 * @param natsOptions how to connect to NATS: servers, credentials, TLS, reconnect settings; the connection is
	 * named after the instance id unless these name it, reconnects forever unless they set
	 * {@code maxReconnects}, and reports its events to their connection listener too
	 * @param codec the message codec
	 * @param options subject prefix, instance id, timeouts, handler threads and outbound buffer
	 */
	public NatsEventBridge(Options natsOptions, MessageCodec codec, NatsEventBridgeOptions options) {
		this.codec = Objects.requireNonNull(codec, "codec");
		this.options = Objects.requireNonNull(options, "options");
		this.subjects = new NatsSubjects(options.subjectPrefix());
		this.instanceId = (options.instanceId() != null) ? options.instanceId() : Ids.newId();
		this.natsOptions = ownOptions(Objects.requireNonNull(natsOptions, "natsOptions"));
		this.outbound = new OutboundBuffer(options.outboundBuffer(), NAME + " " + this.instanceId);
		this.handlers = ElasticHandlerPool.forBridge("purista-nats-", options.handlerThreads());
		this.dispatcherHandlers = (options.handlerExecution() == HandlerExecution.DISPATCHER);
	}

	/**
	 * Run a handler task on the handler pool, or at once on the calling dispatcher thread with
	 * {@link HandlerExecution#DISPATCHER}.
	 * @throws java.util.concurrent.RejectedExecutionException when the pool is shut down
	 */
	private void executeHandler(Runnable task) {
		if (this.dispatcherHandlers) {
			task.run();
		}
		else {
			this.handlers.execute(task);
		}
	}

	private Options ownOptions(Options given) {
		Options.Builder builder = new Options.Builder(given);
		if (given.getConnectionName() == null) {
			builder.connectionName(this.instanceId);
		}
		if (given.getMaxReconnect() == Options.DEFAULT_MAX_RECONNECT) {
			builder.maxReconnects(-1);
		}
		ConnectionListener user = given.getConnectionListener();
		builder.connectionListener((connection, event) -> {
			onConnectionEvent(event);
			if (user != null) {
				user.connectionEvent(connection, event);
			}
		});
		return builder.build();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * What this bridge can do: with JetStream (assumed until {@link #start()} finds the server without it), durable
	 * commands and subscriptions, manual acknowledgement, subscription retries and dead letters; on core NATS only,
	 * none of these.
	 * @return the capabilities
	 */
	@Override
	public EventBridgeCapabilities capabilities() {
		return (this.started && this.jetStream == null) ? CAPABILITIES : JETSTREAM_CAPABILITIES;
	}

	@Override
	public Duration defaultCommandTimeout() {
		return this.options.defaultCommandTimeout();
	}

	/**
	 * The options this bridge was created with.
	 * @return the options
	 */
	public NatsEventBridgeOptions options() {
		return this.options;
	}

	/**
	 * The NATS connection options the bridge connects with: the given ones, named after the instance id unless
	 * they name the connection, reconnecting forever unless they limit it, with the bridge's connection listener.
	 * @return the options
	 */
	public Options natsOptions() {
		return this.natsOptions;
	}

	/**
	 * The subjects and queue groups this bridge uses.
	 * @return the subjects
	 */
	public NatsSubjects subjects() {
		return this.subjects;
	}

	/**
	 * The NATS connection, once started.
	 * @return the connection, or {@code null} before {@link #start()}
	 */
	public @Nullable Connection connection() {
		return this.connection;
	}

	/**
	 * How many responses arrived after their invocation had timed out (and were dropped).
	 * @return the count
	 */
	public long lateResponses() {
		return this.pending.lateResponses();
	}

	/**
	 * How many responses arrived for no invocation of this instance (and were dropped).
	 * @return the count
	 */
	public long unknownResponses() {
		return this.pending.unknownResponses();
	}

	/**
	 * Connect to NATS and subscribe to this instance's inbox. Blocks until connected (at most the connection
	 * timeout per server). Idempotent.
	 * @throws NatsConnectionException if no server could be reached or the server refused the connection
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			checkNotDestroyed("start");
			if (this.started) {
				return;
			}
			Connection connected;
			try {
				connected = Nats.connect(this.natsOptions);
			}
			catch (IOException ex) {
				throw new NatsConnectionException(NAME + " " + this.instanceId + " could not connect to NATS at "
						+ this.natsOptions.getServers() + ": " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new NatsConnectionException(NAME + " " + this.instanceId + " was interrupted connecting to NATS",
						ex);
			}
			this.connection = connected;
			this.inboxPrefix = connected.createInbox();
			this.replyDispatcher = connected.createDispatcher();
			this.replyDispatcher.subscribe(this.inboxPrefix + ".*", this::onResponse);
			this.replyDispatcher.subscribe(
					NatsJetStreamNames.durableReplySubscription(this.natsOptions.getInboxPrefix(), this.instanceId),
					this::onResponse);
			this.intakeDispatcher = connected.createDispatcher();
			startJetStream(connected);
			flush(connected);
			this.started = true;
			logger.info(NAME + " " + this.instanceId + " connected to NATS at " + connected.getConnectedUrl()
					+ " (server " + connected.getServerInfo().getVersion() + ")");
		}
	}

	private void startJetStream(Connection connected) {
		if (!connected.getServerInfo().isJetStreamAvailable()) {
			logger.info(NAME + " " + this.instanceId + ": the NATS server offers no JetStream; durable commands and "
					+ "subscriptions, subscription retries and dead letters are not available");
			return;
		}
		try {
			this.jetStream = new NatsJetStreamConsumers(connected, this.options);
			this.settlement = new NatsJetStreamSettlement(this.jetStream);
		}
		catch (IOException ex) {
			throw new NatsConnectionException(NAME + " " + this.instanceId + " could not use JetStream: "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	@Override
	public boolean isHealthy() {
		return isReady() && isConnected();
	}

	private boolean isConnected() {
		Connection current = this.connection;
		return current != null && current.getStatus() == Connection.Status.CONNECTED;
	}

	@Override
	public Optional<OutboundStatus> outboundStatus() {
		return Optional.of(this.outbound.status());
	}

	@Override
	public Message emitMessage(Message message) {
		Objects.requireNonNull(message, "message");
		checkUsable("emit message " + message.id());
		Message sent = message.withTransport(Ids.newId(), System.currentTimeMillis(), message.otp())
			.withSenderInstanceId(this.instanceId);
		byte[] data = this.codec.encode(sent);
		publish(new NatsPublication(requireConnection(), "event",
				sent.messageType().wireName() + " " + sent.id(),
				List.of(new NatsPublication.Publish(this.subjects.subject(sent), null, headers(sent), data)), () -> {
				}), sent.traceId());
		return this.codec.decode(data);
	}

	@Override
	public CompletableFuture<CommandSuccessResponse> invoke(Command command, Duration timeout) {
		if (!isReady()) {
			return CompletableFuture.failedFuture(new BridgeStoppingException(
					NAME + " " + this.instanceId + " is not started or was destroyed", command.traceId()));
		}
		if (!isConnected()) {
			return CompletableFuture.failedFuture(new UnhandledException(503, "Service Unavailable",
					"command could not be sent: " + notConnected(), command.traceId()));
		}
		Command sent = Messages.forInvocation(command, this.instanceId);
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(sent.correlationId(), timeout,
				sent.traceId());
		try {
			requireConnection().publish(this.subjects.subject(sent), this.inboxPrefix + "." + sent.correlationId(),
					null, this.codec.encode(sent));
		}
		catch (RuntimeException ex) {
			this.pending.fail(sent.correlationId(), new UnhandledException(503, "Service Unavailable",
					"command could not be sent: " + ex.getMessage(), sent.traceId(), ex));
		}
		return future;
	}

	@Override
	public void registerCommand(MessageAddress address, CommandHandler handler, CommandOptions options) {
		checkUsable("register command " + address);
		MessageAddress key = address.withInstanceId(null);
		String subject = this.subjects.commandSubscription(key);
		Endpoint endpoint = new Endpoint(key, (message) -> onCommand(message, handler, false),
				(message) -> onCommand(message, handler, true), subject, this.subjects.queueGroup(key),
				this.subjects.instanceCommandSubscription(key, this.instanceId));
		if (options.durable()) {
			endpoint.durable(new NatsJetStreamConsumers.DurableConsumer(Kind.COMMAND, subject,
					NatsJetStreamNames.consumer(Kind.COMMAND, key, true, this.instanceId),
					this.subjects.queueGroup(key), 1), (message) -> onDurableCommand(message, handler, key, subject));
		}
		replace(this.commands.put(key, endpoint));
		if (this.inFlight.isAccepting()) {
			subscribe(endpoint);
		}
	}

	@Override
	public void unregisterCommand(MessageAddress address) {
		Endpoint endpoint = this.commands.remove(address.withInstanceId(null));
		if (endpoint != null) {
			unsubscribe(endpoint);
			flush(this.connection);
		}
	}

	@Override
	public void registerSubscription(SubscriptionRegistration subscription, SubscriptionHandler handler) {
		checkUsable("register subscription " + subscription.address());
		MessageAddress key = subscription.address().withInstanceId(null);
		String subject = this.subjects.subscription(subscription.filter());
		String queueGroup = subscription.shared() ? this.subjects.queueGroup(key) : null;
		Endpoint endpoint = new Endpoint(key, (message) -> onSubscriptionMessage(message, subscription, handler),
				null, subject, queueGroup, null);
		if (needsJetStream(subscription)) {
			endpoint.durable(new NatsJetStreamConsumers.DurableConsumer(Kind.SUBSCRIPTION, subject,
					NatsJetStreamNames.consumer(Kind.SUBSCRIPTION, key, subscription.shared(), this.instanceId),
					queueGroup, subscription.maxAttempts() + 1),
					(message) -> onDurableSubscriptionMessage(message, subscription, handler, subject));
		}
		replace(this.subscriptions.put(key, endpoint));
		if (this.inFlight.isAccepting()) {
			subscribe(endpoint);
		}
	}

	@Override
	public void unregisterSubscription(MessageAddress address) {
		Endpoint endpoint = this.subscriptions.remove(address.withInstanceId(null));
		if (endpoint != null) {
			unsubscribe(endpoint);
			flush(this.connection);
		}
	}

	/**
	 * Stop taking commands and subscription messages: the subscriptions are removed (and the server has confirmed
	 * it when this returns), so that new commands go to other instances of the queue group; a command for which no
	 * instance is left is lost and its caller times out (core NATS keeps nothing). Handlers in flight finish and
	 * their responses are published; responses to this instance's invocations keep arriving.
	 */
	@Override
	public void stopIntake() {
		this.inFlight.stopIntake();
		this.commands.values().forEach(this::unsubscribe);
		this.subscriptions.values().forEach(this::unsubscribe);
		Connection current = this.connection;
		if (current != null) {
			flush(current);
		}
	}

	@Override
	public boolean awaitDrain(Duration timeout) {
		return this.inFlight.awaitDrain(timeout);
	}

	@Override
	public int inFlightCount() {
		return this.inFlight.count();
	}

	/**
	 * Stop intake, wait up to {@link NatsEventBridgeOptions#settleTimeout()} for pending invocations to get their
	 * responses and for buffered messages to be published, fail the rest with 503, count what is still buffered as
	 * unpublished and close the connection. Idempotent.
	 */
	@Override
	public void destroy() {
		synchronized (this.lifecycleMonitor) {
			if (this.destroyed) {
				return;
			}
			if (this.started) {
				stopIntake();
				long deadline = System.nanoTime() + this.options.settleTimeout().toNanos();
				while ((this.pending.size() > 0 || !this.outbound.isEmpty()) && System.nanoTime() < deadline
						&& isConnected()) {
					this.outbound.flush(this::isConnected);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
				}
			}
			this.destroyed = true;
			this.outbound.discard();
			this.pending.failAll(new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed", null));
			this.commands.clear();
			this.subscriptions.clear();
			this.handlers.shutdown();
			Connection current = this.connection;
			if (current != null) {
				try {
					current.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			logger.debug(NAME + " " + this.instanceId + " destroyed");
		}
	}

	private void onConnectionEvent(ConnectionListener.Events event) {
		switch (event) {
			case DISCONNECTED -> {
				boolean wasConnected = !this.disconnected;
				this.disconnected = true;
				int failed = this.pending.failUnanswerable((traceId) -> new UnhandledException(503,
						"Service Unavailable",
						"the connection to NATS was lost before the response arrived: the response cannot arrive",
						traceId));
				if (wasConnected || failed > 0) {
					logger.warn(NAME + " " + this.instanceId + " lost its NATS connection and is reconnecting"
							+ ((failed > 0) ? "; failed " + failed + " invocations with 503, whose responses cannot "
									+ "arrive" : ""));
				}
			}
			case RECONNECTED, RESUBSCRIBED -> {
				if (this.disconnected) {
					this.disconnected = false;
					logger.info(NAME + " " + this.instanceId + " reconnected to NATS");
				}
				if (!this.handlers.isShutdown()) {
					this.handlers.execute(() -> this.outbound.flush(this::isConnected));
				}
			}
			default -> {
			}
		}
	}

	private void onResponse(io.nats.client.Message nats) {
		if (nats.isStatusMessage()) {
			// e.g. 503 "no responders": like TypeScript, the invocation ends with its timeout
			logger.debug(NAME + " " + this.instanceId + " got status " + nats.getStatus() + " on " + nats.getSubject());
			return;
		}
		Message response;
		try {
			response = this.codec.decode(nats.getData());
		}
		catch (MalformedMessageException ex) {
			if (NatsHeaders.isJetStreamPublishAck(nats)) {
				// a durable command was stored; its response follows
				return;
			}
			logger.warn("Dropped a message on inbox " + nats.getSubject() + " that is not a PURISTA message: "
					+ ex.getMessage());
			return;
		}
		if (response.messageType() != MessageType.COMMAND_SUCCESS_RESPONSE
				&& response.messageType() != MessageType.COMMAND_ERROR_RESPONSE) {
			logger.warn("Dropped message " + response.id() + " of type " + response.messageType().wireName()
					+ " on inbox " + nats.getSubject() + ": not a response");
			return;
		}
		this.pending.complete(response);
	}

	private void onCommand(io.nats.client.Message nats, CommandHandler handler, boolean addressedToInstance) {
		if (!addressedToInstance && NatsSubjects.addressesInstance(nats.getSubject())) {
			// addressed to one instance: that instance's own subscription takes it
			return;
		}
		Message decoded = decode(nats);
		if (decoded == null) {
			return;
		}
		if (!(decoded instanceof Command command)) {
			logger.warn("Dropped message " + decoded.id() + " of type " + decoded.messageType().wireName() + " on "
					+ nats.getSubject() + ": not a command");
			return;
		}
		if (addressedToInstance && !this.instanceId.equals(command.receiver().instanceId())) {
			return;
		}
		if (!this.inFlight.tryEnter()) {
			logger.debug("Dropped command " + command.id() + ": intake of " + this.instanceId + " stopped");
			return;
		}
		String replyTo = nats.getReplyTo();
		String ownCorrelationId = (replyTo != null && replyTo.startsWith(this.inboxPrefix + "."))
				? replyTo.substring(this.inboxPrefix.length() + 1) : null;
		if (ownCorrelationId != null) {
			this.pending.answeringHere(ownCorrelationId, true);
		}
		try {
			executeHandler(() -> handle(command, handler, replyTo, ownCorrelationId));
		}
		catch (RuntimeException ex) {
			this.inFlight.leave();
			logger.warn("Dropped command " + command.id() + ": " + NAME + " " + this.instanceId + " is stopping");
		}
	}

	private void handle(Command command, CommandHandler handler, @Nullable String replyTo,
			@Nullable String ownCorrelationId) {
		CompletableFuture<Message> result;
		try {
			result = handler.handle(command).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		result.whenComplete((response, failure) -> {
			try {
				Message answer = response;
				if (failure != null || answer == null) {
					Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure;
					if (cause == null) {
						cause = new IllegalStateException("the handler completed without a response");
					}
					logger.warn("Command handler for " + command.receiver() + " failed on message " + command.id(),
							cause);
					answer = Messages.error(command, this.instanceId, cause, command.otp());
				}
				respond(command, answer, replyTo, ownCorrelationId);
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	private void respond(Command command, Message response, @Nullable String replyTo,
			@Nullable String ownCorrelationId) {
		if (this.destroyed) {
			logger.warn("Dropped response " + response.id() + " to command " + command.id() + ": " + NAME + " "
					+ this.instanceId + " was destroyed");
			return;
		}
		Message own = this.instanceId.equals(response.sender().instanceId()) ? response
				: response.withSenderInstanceId(this.instanceId);
		byte[] data = this.codec.encode(own);
		Headers headers = headers(own);
		List<NatsPublication.Publish> publishes = new ArrayList<>(2);
		if (replyTo != null) {
			publishes.add(new NatsPublication.Publish(replyTo, null, headers, data));
		}
		else {
			logger.warn("Command " + command.id() + " for " + command.receiver()
					+ " has no reply subject; its response is not sent back");
		}
		if (publishTwice(own)) {
			publishes.add(new NatsPublication.Publish(this.subjects.subject(own), null, headers, data));
		}
		if (publishes.isEmpty()) {
			return;
		}
		Runnable handedOver = (ownCorrelationId != null)
				? () -> this.pending.answeringHere(ownCorrelationId, false) : () -> {
				};
		try {
			publish(new NatsPublication(requireConnection(), "response",
					own.messageType().wireName() + " " + own.id(), publishes, handedOver), own.traceId());
		}
		catch (OutboundBufferFullException ex) {
			if (ownCorrelationId != null) {
				this.pending.fail(ownCorrelationId, new OutboundBufferFullException(ex.getMessage(), own.traceId()));
			}
			logger.warn("Dropped response " + own.id() + ": " + ex.getMessage());
		}
	}

	private boolean publishTwice(Message response) {
		return switch (this.options.commandResponsePublishTwice()) {
			case NEVER -> false;
			case ALWAYS -> true;
			case EVENT_ONLY -> response.eventName() != null;
			case EVENT_AND_ERROR -> response.eventName() != null
					|| response.messageType() == MessageType.COMMAND_ERROR_RESPONSE;
		};
	}

	private void onSubscriptionMessage(io.nats.client.Message nats, SubscriptionRegistration subscription,
			SubscriptionHandler handler) {
		Message message = decode(nats);
		if (message == null || !subscription.filter().matches(message)) {
			return;
		}
		if (!this.inFlight.tryEnter()) {
			logger.debug("Dropped message " + message.id() + " for subscription " + subscription.address()
					+ ": intake of " + this.instanceId + " stopped");
			return;
		}
		try {
			executeHandler(() -> run(message, subscription, handler));
		}
		catch (RuntimeException ex) {
			this.inFlight.leave();
			logger.warn("Dropped message " + message.id() + ": " + NAME + " " + this.instanceId + " is stopping");
		}
	}

	private void run(Message message, SubscriptionRegistration subscription, SubscriptionHandler handler) {
		CompletableFuture<SubscriptionResult> result;
		try {
			result = handler.handle(message).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		result.whenComplete((outcome, failure) -> {
			try {
				if (failure != null) {
					logger.warn("Subscription " + subscription.address() + " failed on message " + message.id()
							+ "; core NATS does not redeliver it", failure);
				}
				else if (outcome != null && outcome.status() != SubscriptionResult.Status.ACK
						&& outcome.status() != SubscriptionResult.Status.DROP) {
					logger.warn("Subscription " + subscription.address() + " asked to " + outcome.status()
							+ " message " + message.id() + " (" + outcome.reason()
							+ "); core NATS neither redelivers nor dead-letters, the message is dropped");
				}
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	private static boolean needsJetStream(SubscriptionRegistration subscription) {
		return subscription.durable() || !subscription.autoacknowledge() || subscription.maxAttempts() > 1
				|| subscription.deadLetterTarget() != null;
	}

	/**
	 * A durable command delivered by JetStream: handled like any command, answered on
	 * {@link NatsJetStreamNames#durableReplySubject} of its sender and correlation id (JetStream keeps no reply
	 * subject; Java callers listen there) and acknowledged once its handler has finished, failed or not; a message
	 * that is no command is dead-lettered.
	 */
	private void onDurableCommand(io.nats.client.Message nats, CommandHandler handler, MessageAddress address,
			String subject) {
		NatsJetStreamSettlement settle = Objects.requireNonNull(this.settlement);
		if (NatsSubjects.addressesInstance(nats.getSubject())) {
			// addressed to one instance: that instance's own (core) subscription takes it
			nats.ack();
			return;
		}
		Message decoded;
		try {
			decoded = NatsHeaders.withHeaderTraceContext(this.codec.decode(nats.getData()), nats.getHeaders());
		}
		catch (MalformedMessageException ex) {
			settle.reject(nats, null, address, subject, "not a PURISTA message: " + ex.getMessage());
			return;
		}
		if (!(decoded instanceof Command command)) {
			settle.reject(nats, null, address, subject, "not a command: " + decoded.messageType().wireName());
			return;
		}
		if (!this.inFlight.tryEnter()) {
			nats.nak();
			return;
		}
		String caller = command.sender().instanceId();
		String replyTo = (caller != null) ? NatsJetStreamNames.durableReplySubject(this.natsOptions.getInboxPrefix(),
				caller, command.correlationId()) : null;
		String ownCorrelationId = this.instanceId.equals(caller) ? command.correlationId() : null;
		if (ownCorrelationId != null) {
			this.pending.answeringHere(ownCorrelationId, true);
		}
		CommandHandler acking = (received) -> {
			CompletionStage<Message> stage;
			try {
				stage = handler.handle(received);
			}
			catch (RuntimeException ex) {
				stage = CompletableFuture.failedFuture(ex);
			}
			return stage.whenComplete((response, failure) -> acknowledge(nats));
		};
		try {
			executeHandler(() -> handle(command, acking, replyTo, ownCorrelationId));
		}
		catch (RuntimeException ex) {
			this.inFlight.leave();
			nats.nak();
			logger.warn("Returned command " + command.id() + " to JetStream: " + NAME + " " + this.instanceId
					+ " is stopping");
		}
	}

	private static void acknowledge(io.nats.client.Message nats) {
		try {
			nats.ack();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not acknowledge a JetStream message of " + nats.getSubject() + "; JetStream delivers "
					+ "it again after the ack wait: " + ex.getMessage());
		}
	}

	/**
	 * A subscription message delivered by JetStream: run the handler and settle by its result
	 * ({@link NatsJetStreamSettlement}); a message that is no PURISTA message is dead-lettered.
	 */
	private void onDurableSubscriptionMessage(io.nats.client.Message nats, SubscriptionRegistration subscription,
			SubscriptionHandler handler, String subject) {
		NatsJetStreamSettlement settle = Objects.requireNonNull(this.settlement);
		Message message;
		try {
			message = NatsHeaders.withHeaderTraceContext(this.codec.decode(nats.getData()), nats.getHeaders());
		}
		catch (MalformedMessageException ex) {
			settle.reject(nats, subscription, subscription.address(), subject,
					"not a PURISTA message: " + ex.getMessage());
			return;
		}
		if (!subscription.filter().matches(message)) {
			acknowledge(nats);
			return;
		}
		if (!this.inFlight.tryEnter()) {
			nats.nak();
			return;
		}
		try {
			executeHandler(() -> runDurable(nats, message, subscription, handler, subject, settle));
		}
		catch (RuntimeException ex) {
			this.inFlight.leave();
			nats.nak();
			logger.warn("Returned message " + message.id() + " to JetStream: " + NAME + " " + this.instanceId
					+ " is stopping");
		}
	}

	private void runDurable(io.nats.client.Message nats, Message message, SubscriptionRegistration subscription,
			SubscriptionHandler handler, String subject, NatsJetStreamSettlement settle) {
		CompletableFuture<SubscriptionResult> result;
		try {
			result = handler.handle(message).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		result.whenComplete((outcome, failure) -> {
			try {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				if (cause != null) {
					logger.warn("Subscription " + subscription.address() + " failed on message " + message.id()
							+ " (delivery " + nats.metaData().deliveredCount() + " of at most "
							+ subscription.maxAttempts() + ")", cause);
				}
				settle.settle(nats, subscription, subject, outcome, cause);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not settle message " + message.id() + " of subscription " + subscription.address()
						+ "; JetStream delivers it again after the ack wait: " + ex.getMessage());
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	private @Nullable Message decode(io.nats.client.Message nats) {
		try {
			return NatsHeaders.withHeaderTraceContext(this.codec.decode(nats.getData()), nats.getHeaders());
		}
		catch (MalformedMessageException ex) {
			logger.warn("Dropped a message on " + nats.getSubject() + " that is not a PURISTA message: "
					+ ex.getMessage());
			return null;
		}
	}

	/**
	 * Publish now when connected and nothing waits before it, else keep it until reconnected.
	 */
	private void publish(NatsPublication publication, @Nullable String traceId) {
		if (this.outbound.isEmpty() && isConnected()) {
			try {
				publication.publish();
				return;
			}
			catch (IllegalStateException ex) {
				logger.debug(NAME + " " + this.instanceId + " could not publish " + publication.description()
						+ " now: " + ex.getMessage());
			}
		}
		if (!this.outbound.offer(publication)) {
			OutboundStatus status = this.outbound.status();
			throw new OutboundBufferFullException(NAME + " " + this.instanceId + " could not publish "
					+ publication.description() + ": it is disconnected from NATS and its outbound buffer is full ("
					+ status.bufferedMessages() + " messages, " + status.bufferedBytes()
					+ " bytes; raise purista.event-bridge.outbound-buffer.max-messages or .max-bytes, e.g. "
					+ "max-messages=50000)", traceId);
		}
		if (isConnected() && !this.handlers.isShutdown()) {
			this.handlers.execute(() -> this.outbound.flush(this::isConnected));
		}
	}

	private @Nullable Headers headers(Message message) {
		Connection current = this.connection;
		return (current != null && current.getServerInfo().isHeadersSupported()) ? NatsHeaders.shared(message) : null;
	}

	private void subscribe(Endpoint endpoint) {
		Dispatcher dispatcher = Objects.requireNonNull(this.intakeDispatcher);
		synchronized (endpoint) {
			if (endpoint.subscriptions.isEmpty()) {
				if (endpoint.durable != null && endpoint.durableHandler != null) {
					endpoint.subscriptions
						.add(requireJetStream(endpoint).subscribe(endpoint.durable, dispatcher, endpoint.durableHandler));
				}
				else {
					endpoint.subscriptions.add((endpoint.queueGroup != null)
							? dispatcher.subscribe(endpoint.subject, endpoint.queueGroup, endpoint.handler)
							: dispatcher.subscribe(endpoint.subject, endpoint.handler));
				}
				if (endpoint.instanceSubject != null && endpoint.instanceHandler != null) {
					endpoint.subscriptions
						.add(dispatcher.subscribe(endpoint.instanceSubject, endpoint.instanceHandler));
				}
			}
		}
		flush(this.connection);
	}

	private NatsJetStreamConsumers requireJetStream(Endpoint endpoint) {
		NatsJetStreamConsumers consumers = this.jetStream;
		if (consumers == null) {
			throw new UnhandledException(501, NAME + " " + this.instanceId + " cannot register " + endpoint
					+ " with durability, manual acknowledgement or retries: the NATS server offers no JetStream "
					+ "(start it with -js)", null, null);
		}
		return consumers;
	}

	private void unsubscribe(Endpoint endpoint) {
		Dispatcher dispatcher = this.intakeDispatcher;
		synchronized (endpoint) {
			if (dispatcher != null && !this.destroyed) {
				endpoint.subscriptions.forEach((subscription) -> {
					if (subscription.isActive()) {
						dispatcher.unsubscribe(subscription);
					}
				});
			}
			endpoint.subscriptions.clear();
		}
	}

	private void replace(@Nullable Endpoint previous) {
		if (previous != null) {
			unsubscribe(previous);
		}
	}

	/**
	 * Make sure the server has processed what this connection sent (subscriptions included): a ping round trip,
	 * waited for at most {@link NatsEventBridgeOptions#flushTimeout()}. Skipped while disconnected.
	 */
	private void flush(@Nullable Connection current) {
		if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
			return;
		}
		try {
			current.flush(this.options.flushTimeout());
		}
		catch (TimeoutException ex) {
			logger.warn(NAME + " " + this.instanceId + " got no flush confirmation from NATS within "
					+ this.options.flushTimeout().toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IllegalStateException ex) {
			logger.debug(NAME + " " + this.instanceId + " could not flush: " + ex.getMessage());
		}
	}

	private Connection requireConnection() {
		Connection current = this.connection;
		if (current == null) {
			throw new BridgeStoppingException(NAME + " " + this.instanceId + " is not started", null);
		}
		return current;
	}

	private String notConnected() {
		return NAME + " " + this.instanceId + " has lost its NATS connection and is reconnecting";
	}

	private void checkUsable(String what) {
		if (!isReady()) {
			throw new BridgeStoppingException(NAME + " " + this.instanceId + " is "
					+ (this.destroyed ? "destroyed" : "not started") + "; could not " + what, null);
		}
	}

	private void checkNotDestroyed(String operation) {
		if (this.destroyed) {
			throw new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed and refuses " + operation,
					null);
		}
	}

	/**
	 * A command's or subscription's subscriptions: on its subject (with its queue group when shared) and, for a
	 * command, on the subject of the commands addressed to this instance.
	 */
	private static final class Endpoint {

		private final MessageAddress address;

		private final io.nats.client.MessageHandler handler;

		private final io.nats.client.@Nullable MessageHandler instanceHandler;

		private final String subject;

		private final @Nullable String queueGroup;

		private final @Nullable String instanceSubject;

		private final List<Subscription> subscriptions = new ArrayList<>(2);

		private NatsJetStreamConsumers.@Nullable DurableConsumer durable;

		private io.nats.client.@Nullable MessageHandler durableHandler;

		Endpoint(MessageAddress address, io.nats.client.MessageHandler handler,
				io.nats.client.@Nullable MessageHandler instanceHandler, String subject, @Nullable String queueGroup,
				@Nullable String instanceSubject) {
			this.address = address;
			this.handler = handler;
			this.instanceHandler = instanceHandler;
			this.subject = subject;
			this.queueGroup = queueGroup;
			this.instanceSubject = instanceSubject;
		}

		/**
		 * Take the messages of the subject from a JetStream consumer instead of a core NATS subscription.
		 */
		void durable(NatsJetStreamConsumers.DurableConsumer durable, io.nats.client.MessageHandler durableHandler) {
			this.durable = durable;
			this.durableHandler = durableHandler;
		}

		@Override
		public String toString() {
			return this.address + " on " + this.subject;
		}

	}

}
