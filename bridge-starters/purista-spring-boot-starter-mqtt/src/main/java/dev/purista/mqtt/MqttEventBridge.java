package dev.purista.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
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

/**
 * An {@link EventBridge} on an MQTT 5 broker that shares it with TypeScript PURISTA's {@code MqttBridge}: every
 * message on a 13-level topic ({@link MqttTopics}) at QoS 1, with TypeScript's user properties
 * ({@link MqttUserProperties}), content type {@code application/json} and, on commands and responses, the
 * correlation id as correlation data (a response completes an invocation only with it: the same response emitted
 * as an event, without correlation data, reaches subscriptions only). Commands carry no response topic: the response is published on its own
 * 13-level topic, whose receiver instance level is the caller's, and every instance subscribes to
 * {@code <prefix>/+/+/+/+/+/+/+/+/<instanceId>/+/+/+}. Command handlers and shared subscriptions subscribe
 * behind {@code $share/<group>/}, other subscriptions plainly. Message expiry as TypeScript sets it: events and
 * info messages {@link MqttEventBridgeOptions#messageExpiry()}; commands their timeout in whole seconds (the
 * message expiry when they carry an event name); responses the default command timeout's milliseconds as seconds
 * (TypeScript's unit slip, kept for equal behaviour), with an event name the message expiry's milliseconds / 1000.
 * <p>
 * Beyond TypeScript: a command addressed to one instance ({@code receiver.instanceId}) is handled by that instance
 * only (it reaches it through its response subscription; the shared command subscription leaves it alone), and
 * subscription filters are checked again on the decoded message, since topics are snake-cased. As in TypeScript, a
 * {@code traceparent} user property takes precedence over the body's {@code otp}
 * ({@link MqttUserProperties#withTraceContext}).
 * <p>
 * Not built (declared in {@link #capabilities()}): durable commands and subscriptions, manual acknowledgement,
 * subscription retries and dead letters; everything is at most once once a handler has it.
 * <p>
 * Broker outages: both connections reconnect by themselves (100 ms, doubling up to 5 s; a failed first connect
 * fails {@link #start()} instead). Responses and events produced while the publishing
 * connection is down wait in a bounded outbound buffer ({@link MqttEventBridgeOptions#outboundBuffer()},
 * {@link #outboundStatus()}) and are published in order, each waiting for its acknowledgement, once it is back (a
 * publish in flight when the connection dropped, whose session ended with it, joins them); what does not fit is
 * refused with {@link OutboundBufferFullException} (503). On a lost connection, invocations answered elsewhere fail
 * at once with 503 (their response cannot arrive), those this instance answers itself keep waiting, and
 * invocations made while disconnected fail at once with 503.
 * <p>
 * The bridge owns two MQTT connections: one (client identifier = instance id) publishes and takes the responses and
 * commands addressed to this instance and the subscriptions of every instance; the other (instance id +
 * {@code -shared}) takes the {@code $share} subscriptions of commands and shared subscriptions. The broker delivers
 * a message once per matching subscription but the client cannot tell which subscription a copy is for (HiveMQ
 * exposes no subscription identifiers), so keeping shared and non-shared subscriptions apart keeps a message that
 * also matches this instance's response filter from being handled here besides in the share group.
 * {@link #start()} connects both (clean start {@link MqttEventBridgeOptions#cleanStart()}, session expiry
 * {@link MqttEventBridgeOptions#sessionExpiry()}, reconnecting after a lost connection and resubscribing),
 * {@link #destroy()} disconnects them. Messages arrive on the client's thread and are decoded there; handlers run on
 * an {@link ElasticHandlerPool} of up to {@link MqttEventBridgeOptions#handlerThreads()} threads, 4 while handlers
 * finish quickly.
 */
public final class MqttEventBridge implements EventBridge {

	/** The bridge's name. */
	public static final String NAME = "MqttEventBridge";

	private static final Log logger = LogFactory.getLog(MqttEventBridge.class);

	private static final EventBridgeCapabilities CAPABILITIES = EventBridgeCapabilities.builder("publish-subscribe")
		.gracefulDrainSupported(true)
		.build();

	private static final String CONTENT_TYPE = "application/json";

	private static final long RECONNECT_INITIAL_DELAY_MILLIS = 100;

	private static final long RECONNECT_MAX_DELAY_MILLIS = 5000;

	/** Appended to the instance id to name the connection of the {@code $share} subscriptions. */
	static final String SHARED_CLIENT_SUFFIX = "-shared";

	private final MqttServer server;

	private final MessageCodec codec;

	private final MqttEventBridgeOptions options;

	private final MqttTopics topics;

	private final String instanceId;

	private final String responseFilter;

	private final PendingInvocations pending = new PendingInvocations();

	private final InFlightTracker inFlight = new InFlightTracker();

	private final Map<MessageAddress, Endpoint> commands = new ConcurrentHashMap<>();

	private final Map<MessageAddress, Endpoint> subscriptions = new ConcurrentHashMap<>();

	private final RecentIds recentIds = new RecentIds(4096);

	private final Object lifecycleMonitor = new Object();

	private final ExecutorService handlers;

	private final OutboundBuffer outbound;

	private final List<MqttClientCustomizer> customizers;

	private volatile boolean disconnected;

	private volatile @Nullable Mqtt5AsyncClient client;

	private volatile @Nullable Mqtt5AsyncClient sharedClient;

	private volatile boolean started;

	private volatile boolean destroyed;

	/**
	 * Create a bridge.
	 * @param server the broker to connect to
	 * @param codec the message codec
	 * @param options topic prefix, share group, instance id, timeouts and handler threads
	 */
	public MqttEventBridge(MqttServer server, MessageCodec codec, MqttEventBridgeOptions options) {
		this(server, codec, options, List.of());
	}

	/**
	 * Create a bridge whose MQTT clients the customizers adjust (TLS, transport, reconnect delays).
	 * @param server the broker to connect to
	 * @param codec the message codec
	 * @param options topic prefix, share group, instance id, timeouts, handler threads, session and outbound buffer
	 * @param customizers applied in order to the builder of each connection
	 */
	public MqttEventBridge(MqttServer server, MessageCodec codec, MqttEventBridgeOptions options,
			List<MqttClientCustomizer> customizers) {
		this.customizers = List.copyOf(customizers);
		this.server = Objects.requireNonNull(server, "server");
		this.codec = Objects.requireNonNull(codec, "codec");
		this.options = Objects.requireNonNull(options, "options");
		this.topics = new MqttTopics(options.topicPrefix(), options.shareGroup());
		this.instanceId = (options.instanceId() != null) ? options.instanceId() : Ids.newId();
		this.responseFilter = this.topics.responseSubscription(this.instanceId);
		this.handlers = ElasticHandlerPool.forBridge("purista-mqtt-", options.handlerThreads());
		this.outbound = new OutboundBuffer(options.outboundBuffer(), NAME + " " + this.instanceId);
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
	 * What this bridge can do: graceful drain only; no durability, manual acknowledgement, retries or dead letters
	 * yet.
	 * @return the capabilities
	 */
	@Override
	public EventBridgeCapabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Duration defaultCommandTimeout() {
		return this.options.defaultCommandTimeout();
	}

	/**
	 * The options this bridge was created with.
	 * @return the options
	 */
	public MqttEventBridgeOptions options() {
		return this.options;
	}

	/**
	 * The topics and topic filters this bridge uses.
	 * @return the topics
	 */
	public MqttTopics topics() {
		return this.topics;
	}

	/**
	 * How many responses arrived after their invocation had timed out (and were dropped).
	 * @return the count
	 */
	public long lateResponses() {
		return this.pending.lateResponses();
	}

	/**
	 * Connect to the broker and subscribe to the responses addressed to this instance. Blocks until connected and
	 * subscribed (at most {@link MqttEventBridgeOptions#operationTimeout()} each). Idempotent.
	 * @throws MqttConnectionException if the broker could not be reached or refused the connection or subscription
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			checkNotDestroyed("start");
			if (this.started) {
				return;
			}
			Mqtt5AsyncClient created = newClient(this.instanceId, false);
			Mqtt5AsyncClient createdShared = newClient(sharedClientIdentifier(), true);
			this.client = created;
			this.sharedClient = createdShared;
			try {
				connect(created);
				connect(createdShared);
				subscribe(this.responseFilter, false);
			}
			catch (MqttConnectionException ex) {
				created.disconnect();
				createdShared.disconnect();
				throw ex;
			}
			this.started = true;
			logger.info(NAME + " " + this.instanceId + " connected to MQTT broker " + this.server);
		}
	}

	private Mqtt5AsyncClient newClient(String identifier, boolean shared) {
		Mqtt5ClientBuilder builder = MqttClient.builder()
			.useMqttVersion5()
			.identifier(identifier)
			.serverHost(this.server.host())
			.serverPort(this.server.port())
			.addConnectedListener((context) -> onConnected(shared))
			.addDisconnectedListener(this::onDisconnected);
		this.customizers.forEach((customizer) -> customizer.customize(builder, identifier));
		Mqtt5AsyncClient created = builder.buildAsync();
		created.publishes(MqttGlobalPublishFilter.ALL, (publish) -> onPublish(publish, shared));
		return created;
	}

	private void connect(Mqtt5AsyncClient created) {
		await(created.connectWith()
			.cleanStart(this.options.cleanStart())
			.sessionExpiryInterval(this.options.sessionExpiry().toSeconds())
			.simpleAuth(simpleAuth())
			.send(), "connect");
	}

	private @Nullable Mqtt5SimpleAuth simpleAuth() {
		if (this.server.username() == null && this.server.password() == null) {
			return null;
		}
		Mqtt5SimpleAuthBuilder.Complete auth;
		if (this.server.username() != null) {
			auth = Mqtt5SimpleAuth.builder().username(this.server.username());
			if (this.server.password() != null) {
				auth = auth.password(this.server.password().getBytes(StandardCharsets.UTF_8));
			}
		}
		else {
			auth = Mqtt5SimpleAuth.builder().password(this.server.password().getBytes(StandardCharsets.UTF_8));
		}
		return auth.build();
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
		Mqtt5AsyncClient current = this.client;
		Mqtt5AsyncClient shared = this.sharedClient;
		return current != null && current.getState().isConnected() && shared != null
				&& shared.getState().isConnected();
	}

	private boolean isPublishingConnected() {
		Mqtt5AsyncClient current = this.client;
		return current != null && current.getState().isConnected();
	}

	/**
	 * The state of the connection that publishes and takes this instance's responses.
	 * @return the state, or {@code null} before {@link #start()}
	 */
	public @Nullable MqttClientState connectionState() {
		Mqtt5AsyncClient current = this.client;
		return (current != null) ? current.getState() : null;
	}

	/**
	 * The state of the connection of the {@code $share} subscriptions.
	 * @return the state, or {@code null} before {@link #start()}
	 */
	public @Nullable MqttClientState sharedConnectionState() {
		Mqtt5AsyncClient shared = this.sharedClient;
		return (shared != null) ? shared.getState() : null;
	}

	/**
	 * The client identifier of the connection of the {@code $share} subscriptions: the instance id with
	 * {@code -shared}.
	 * @return the client identifier
	 */
	public String sharedClientIdentifier() {
		return this.instanceId + SHARED_CLIENT_SUFFIX;
	}

	/**
	 * The MQTT server this bridge connects to.
	 * @return the server
	 */
	public MqttServer server() {
		return this.server;
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
		publishBuffered(sent, data, null, this.options.messageExpiry().toSeconds(), "event", () -> {
		});
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
					"command could not be sent: " + NAME + " " + this.instanceId
							+ " has lost its MQTT connection and is reconnecting",
					command.traceId()));
		}
		Command sent = Messages.forInvocation(command, this.instanceId);
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(sent.correlationId(), timeout,
				sent.traceId());
		long expiry = (sent.eventName() != null) ? this.options.messageExpiry().toSeconds()
				: msToSec(timeout.toMillis());
		send(sent, this.codec.encode(sent), sent.correlationId(), expiry).whenComplete((result, failure) -> {
			if (failure != null) {
				this.pending.fail(sent.correlationId(), new UnhandledException(503, "Service Unavailable",
						"command could not be sent: " + failure.getMessage(), sent.traceId(), failure));
			}
		});
		return future;
	}

	@Override
	public void registerCommand(MessageAddress address, CommandHandler handler, CommandOptions options) {
		checkUsable("register command " + address);
		MessageAddress key = address.withInstanceId(null);
		Endpoint endpoint = new Endpoint(key, this.topics.commandSubscription(key), true, handler, null, null);
		this.commands.put(key, endpoint);
		if (this.inFlight.isAccepting()) {
			subscribe(endpoint.filter, true);
		}
	}

	@Override
	public void unregisterCommand(MessageAddress address) {
		Endpoint endpoint = this.commands.remove(address.withInstanceId(null));
		if (endpoint != null) {
			unsubscribeUnused(endpoint);
		}
	}

	@Override
	public void registerSubscription(SubscriptionRegistration subscription, SubscriptionHandler handler) {
		checkUsable("register subscription " + subscription.address());
		MessageAddress key = subscription.address().withInstanceId(null);
		Endpoint endpoint = new Endpoint(key, this.topics.subscription(subscription.filter(), subscription.shared()),
				subscription.shared(), null, subscription, handler);
		this.subscriptions.put(key, endpoint);
		if (this.inFlight.isAccepting()) {
			subscribe(endpoint.filter, subscription.shared());
		}
	}

	@Override
	public void unregisterSubscription(MessageAddress address) {
		Endpoint endpoint = this.subscriptions.remove(address.withInstanceId(null));
		if (endpoint != null) {
			unsubscribeUnused(endpoint);
		}
	}

	@Override
	public void stopIntake() {
		this.inFlight.stopIntake();
		if (isConnected()) {
			this.commands.values().forEach(this::unsubscribe);
			this.subscriptions.values().forEach(this::unsubscribe);
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
					this.outbound.flush(this::isPublishingConnected);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
				}
			}
			this.destroyed = true;
			this.outbound.discard();
			this.pending.failAll(new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed", null));
			this.commands.clear();
			this.subscriptions.clear();
			this.handlers.shutdown();
			disconnect(this.sharedClient);
			disconnect(this.client);
			logger.debug(NAME + " " + this.instanceId + " destroyed");
		}
	}

	private void disconnect(@Nullable Mqtt5AsyncClient current) {
		if (current == null || !current.getState().isConnectedOrReconnect()) {
			return;
		}
		try {
			current.disconnect().get(this.options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug(NAME + " " + this.instanceId + " did not disconnect cleanly: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reconnect after a connection the bridge had was lost (not after a failed first connect, which fails
	 * {@link #start()} at once, and not after {@link #destroy()}), 100 ms after the first attempt, doubling up to 5 s.
	 */
	private void onDisconnected(MqttClientDisconnectedContext context) {
		if (!this.started || this.destroyed || context.getSource() == MqttDisconnectSource.USER) {
			return;
		}
		long attempts = Math.min(context.getReconnector().getAttempts(), 6);
		context.getReconnector()
			.reconnect(true)
			.delay(Math.min(RECONNECT_INITIAL_DELAY_MILLIS << attempts, RECONNECT_MAX_DELAY_MILLIS),
					TimeUnit.MILLISECONDS);
		Throwable cause = context.getCause();
		boolean wasConnected = !this.disconnected;
		this.disconnected = true;
		int failed = this.pending.failUnanswerable((traceId) -> new UnhandledException(503, "Service Unavailable",
				"the connection to the MQTT broker was lost before the response arrived: the response cannot arrive",
				traceId));
		if (wasConnected || failed > 0) {
			logger.warn(NAME + " " + this.instanceId + " lost its MQTT connection (" + cause.getMessage()
					+ ") and is reconnecting" + ((failed > 0) ? "; failed " + failed + " invocations with 503" : ""));
		}
	}

	private void onConnected(boolean sharedConnection) {
		if (!this.started || this.destroyed || sharedConnection) {
			return;
		}
		try {
			this.handlers.execute(() -> {
				if (this.disconnected) {
					this.disconnected = false;
					logger.info(NAME + " " + this.instanceId + " reconnected to the MQTT broker " + this.server);
				}
				try {
					// before the held responses go out: their answers to this instance must find the subscription
					subscribe(this.responseFilter, false);
				}
				catch (MqttConnectionException ex) {
					logger.debug(ex.getMessage());
				}
				this.outbound.flush(this::isPublishingConnected);
			});
		}
		catch (RuntimeException ex) {
			logger.debug(NAME + " " + this.instanceId + " is stopping and does not flush its outbound buffer");
		}
	}

	private void onPublish(Mqtt5Publish publish, boolean sharedConnection) {
		String topic = publish.getTopic().toString();
		Message message;
		try {
			message = MqttUserProperties.withTraceContext(this.codec.decode(publish.getPayloadAsBytes()),
					publish.getUserProperties());
		}
		catch (MalformedMessageException ex) {
			logger.warn("Dropped a message on " + topic + " that is not a PURISTA message: " + ex.getMessage());
			return;
		}
		boolean addressedHere = !sharedConnection && MqttTopics.matches(this.responseFilter, topic);
		if (addressedHere && isResponse(message) && message.correlationId() != null
				&& message.correlationId().equals(correlationId(publish))) {
			// a response sent as one carries its correlation data; the same message emitted as an event does not
			this.pending.complete(message);
		}
		if (message instanceof Command command) {
			onCommand(command, topic, sharedConnection, addressedHere);
		}
		for (Endpoint endpoint : this.subscriptions.values()) {
			SubscriptionRegistration registration = Objects.requireNonNull(endpoint.registration);
			if (endpoint.shared == sharedConnection && MqttTopics.matches(endpoint.filter, topic) && registration.filter().matches(message)
					&& this.recentIds.firstSight(endpoint.filter, message.id())) {
				dispatch(message, endpoint);
			}
		}
	}

	private void onCommand(Command command, String topic, boolean sharedConnection, boolean addressedHere) {
		Endpoint endpoint = this.commands.get(command.receiver().withInstanceId(null));
		if (endpoint == null) {
			return;
		}
		String receiverInstance = command.receiver().instanceId();
		boolean forOneInstance = receiverInstance != null && !receiverInstance.isEmpty();
		boolean mine = forOneInstance ? (addressedHere && this.instanceId.equals(receiverInstance))
				: sharedConnection && MqttTopics.matches(endpoint.filter, topic);
		if (!mine || !this.recentIds.firstSight(endpoint.filter, command.id())) {
			return;
		}
		if (!this.inFlight.tryEnter()) {
			logger.debug("Dropped command " + command.id() + ": intake of " + this.instanceId + " stopped");
			return;
		}
		CommandHandler handler = Objects.requireNonNull(endpoint.commandHandler);
		String ownCorrelationId = this.instanceId.equals(command.sender().instanceId()) ? command.correlationId()
				: null;
		if (ownCorrelationId != null) {
			this.pending.answeringHere(ownCorrelationId, true);
		}
		try {
			this.handlers.execute(() -> handle(command, handler));
		}
		catch (RuntimeException ex) {
			if (ownCorrelationId != null) {
				this.pending.answeringHere(ownCorrelationId, false);
			}
			this.inFlight.leave();
			logger.warn("Dropped command " + command.id() + ": " + NAME + " " + this.instanceId + " is stopping");
		}
	}

	private void handle(Command command, CommandHandler handler) {
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
				respond(command, answer);
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	private void respond(Command command, Message response) {
		if (this.destroyed) {
			logger.warn("Dropped response " + response.id() + " to command " + command.id() + ": " + NAME + " "
					+ this.instanceId + " was destroyed");
			return;
		}
		Message own = this.instanceId.equals(response.sender().instanceId()) ? response
				: response.withSenderInstanceId(this.instanceId);
		long expiry = (own.eventName() != null) ? msToSec(this.options.messageExpiry().toSeconds())
				: this.options.defaultCommandTimeout().toMillis();
		String ownCorrelationId = (this.instanceId.equals(command.sender().instanceId())
				&& command.correlationId() != null) ? command.correlationId() : null;
		Runnable acknowledged = (ownCorrelationId != null) ? () -> this.pending.answeringHere(ownCorrelationId, false)
				: () -> {
				};
		try {
			publishBuffered(own, this.codec.encode(own), own.correlationId(), expiry, "response", acknowledged);
		}
		catch (OutboundBufferFullException ex) {
			if (ownCorrelationId != null) {
				this.pending.fail(ownCorrelationId, new OutboundBufferFullException(ex.getMessage(), own.traceId()));
			}
			logger.warn("Dropped response " + own.id() + ": " + ex.getMessage());
		}
	}

	private void dispatch(Message message, Endpoint endpoint) {
		if (!this.inFlight.tryEnter()) {
			logger.debug("Dropped message " + message.id() + " for subscription " + endpoint.address + ": intake of "
					+ this.instanceId + " stopped");
			return;
		}
		SubscriptionHandler handler = Objects.requireNonNull(endpoint.subscriptionHandler);
		try {
			this.handlers.execute(() -> run(message, endpoint.address, handler));
		}
		catch (RuntimeException ex) {
			this.inFlight.leave();
			logger.warn("Dropped message " + message.id() + ": " + NAME + " " + this.instanceId + " is stopping");
		}
	}

	private void run(Message message, MessageAddress subscription, SubscriptionHandler handler) {
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
					logger.warn("Subscription " + subscription + " failed on message " + message.id()
							+ "; the MQTT bridge does not redeliver it", failure);
				}
				else if (outcome != null && outcome.status() != SubscriptionResult.Status.ACK
						&& outcome.status() != SubscriptionResult.Status.DROP) {
					logger.warn("Subscription " + subscription + " asked to " + outcome.status() + " message "
							+ message.id() + " (" + outcome.reason()
							+ "); the MQTT bridge neither redelivers nor dead-letters, the message is dropped");
				}
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	/**
	 * Publish a response or event now when connected and nothing waits before it, else keep it in the outbound
	 * buffer until reconnected; a publish that fails because the connection dropped joins the buffer too.
	 * @throws OutboundBufferFullException if it has to wait and the buffer is full
	 */
	private void publishBuffered(Message message, byte[] data, @Nullable String correlationId, long expirySeconds,
			String kind, Runnable acknowledged) {
		requireClient();
		MqttPublication publication = new MqttPublication(this::requireClient,
				toPublish(message, data, correlationId, expirySeconds), kind,
				message.messageType().wireName() + " " + message.id(), acknowledged,
				this.options.operationTimeout().toMillis());
		if (this.outbound.isEmpty() && isPublishingConnected()) {
			publication.send().whenComplete((result, failure) -> {
				Throwable error = (failure != null) ? failure : result.getError().orElse(null);
				if (error == null) {
					publication.acknowledged();
				}
				else {
					publishFailed(publication, error);
				}
			});
			return;
		}
		if (!this.outbound.offer(publication)) {
			OutboundStatus status = this.outbound.status();
			throw new OutboundBufferFullException(NAME + " " + this.instanceId + " could not publish "
					+ publication.description() + ": it is disconnected from the MQTT broker and its outbound buffer "
					+ "is full (" + status.bufferedMessages() + " messages, " + status.bufferedBytes()
					+ " bytes; raise purista.event-bridge.outbound-buffer.max-messages or .max-bytes, e.g. "
					+ "max-messages=50000)", message.traceId());
		}
		if (isPublishingConnected()) {
			flushLater();
		}
	}

	private void publishFailed(MqttPublication publication, Throwable error) {
		if (this.destroyed) {
			logger.warn(NAME + " " + this.instanceId + " could not publish " + publication.description() + ": "
					+ error.getMessage());
			return;
		}
		// e.g. the connection dropped before the acknowledgement and the session ended with it: publish it again
		if (this.outbound.offer(publication)) {
			logger.debug(NAME + " " + this.instanceId + " keeps " + publication.description()
					+ " to publish it again after: " + error.getMessage());
			if (isPublishingConnected()) {
				flushLater();
			}
		}
		else {
			logger.warn(NAME + " " + this.instanceId + " dropped " + publication.description()
					+ ": publishing failed (" + error.getMessage() + ") and its outbound buffer is full");
		}
	}

	private void flushLater() {
		try {
			this.handlers.execute(() -> this.outbound.flush(this::isPublishingConnected));
		}
		catch (RuntimeException ex) {
			logger.debug(NAME + " " + this.instanceId + " is stopping and does not flush its outbound buffer");
		}
	}

	private Mqtt5Publish toPublish(Message message, byte[] data, @Nullable String correlationId,
			long expirySeconds) {
		var builder = Mqtt5Publish.builder()
			.topic(this.topics.topic(message))
			.qos(MqttQos.AT_LEAST_ONCE)
			.payload(data)
			.contentType(CONTENT_TYPE)
			.userProperties(MqttUserProperties.of(message));
		if (correlationId != null) {
			builder.correlationData(correlationId.getBytes(StandardCharsets.UTF_8));
		}
		if (expirySeconds > 0) {
			builder.messageExpiryInterval(expirySeconds);
		}
		return builder.build();
	}

	private CompletableFuture<?> send(Message message, byte[] data, @Nullable String correlationId,
			long expirySeconds) {
		CompletableFuture<?> sent = requireClient().publish(toPublish(message, data, correlationId, expirySeconds));
		sent.whenComplete((result, failure) -> {
			if (failure != null) {
				logger.warn(NAME + " " + this.instanceId + " could not publish " + message.messageType().wireName()
						+ " " + message.id() + ": " + failure.getMessage());
			}
		});
		return sent;
	}

	private void subscribe(String filter, boolean shared) {
		Mqtt5SubAck subAck = await(requireClient(shared).subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send(),
				"subscribe to " + filter);
		for (Mqtt5SubAckReasonCode code : subAck.getReasonCodes()) {
			if (code.isError()) {
				throw new MqttConnectionException(NAME + " " + this.instanceId + ": the MQTT broker " + this.server
						+ " refused the subscription to " + filter + " (" + code + ")", new IllegalStateException(
								code.toString()));
			}
		}
	}

	private void unsubscribeUnused(Endpoint removed) {
		boolean used = this.commands.values().stream().anyMatch((endpoint) -> endpoint.filter.equals(removed.filter))
				|| this.subscriptions.values().stream().anyMatch((endpoint) -> endpoint.filter.equals(removed.filter));
		if (!used && isConnected()) {
			unsubscribe(removed);
		}
	}

	private void unsubscribe(Endpoint endpoint) {
		try {
			await(requireClient(endpoint.shared).unsubscribeWith().topicFilter(endpoint.filter).send(),
					"unsubscribe from " + endpoint.filter);
		}
		catch (MqttConnectionException ex) {
			logger.debug(ex.getMessage());
		}
	}

	private <T> T await(CompletableFuture<T> future, String operation) {
		try {
			return future.get(this.options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new MqttConnectionException(NAME + " " + this.instanceId + " could not " + operation
					+ " on the MQTT broker " + this.server + ": " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new MqttConnectionException(NAME + " " + this.instanceId + " could not " + operation
					+ " on the MQTT broker " + this.server + " within "
					+ this.options.operationTimeout().toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MqttConnectionException(NAME + " " + this.instanceId + " was interrupted: " + operation, ex);
		}
	}

	private static boolean isResponse(Message message) {
		return message.messageType() == MessageType.COMMAND_SUCCESS_RESPONSE
				|| message.messageType() == MessageType.COMMAND_ERROR_RESPONSE;
	}

	/**
	 * TypeScript's {@code msToSec}: milliseconds to whole seconds, rounded half up.
	 */
	static long msToSec(long millis) {
		return Math.round(millis / 1000.0);
	}

	/**
	 * The correlation data of a publish as a string.
	 * @param publish the publish
	 * @return the correlation id, or {@code null} when absent
	 */
	static @Nullable String correlationId(Mqtt5Publish publish) {
		return publish.getCorrelationData()
			.map((ByteBuffer data) -> StandardCharsets.UTF_8.decode(data.duplicate()).toString())
			.orElse(null);
	}

	private Mqtt5AsyncClient requireClient() {
		return requireClient(false);
	}

	private Mqtt5AsyncClient requireClient(boolean shared) {
		Mqtt5AsyncClient current = shared ? this.sharedClient : this.client;
		if (current == null) {
			throw new BridgeStoppingException(NAME + " " + this.instanceId + " is not started", null);
		}
		return current;
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
	 * A registered command handler or subscription and the topic filter it is subscribed with.
	 */
	private static final class Endpoint {

		private final MessageAddress address;

		private final String filter;

		private final boolean shared;

		private final @Nullable CommandHandler commandHandler;

		private final @Nullable SubscriptionRegistration registration;

		private final @Nullable SubscriptionHandler subscriptionHandler;

		Endpoint(MessageAddress address, String filter, boolean shared, @Nullable CommandHandler commandHandler,
				@Nullable SubscriptionRegistration registration, @Nullable SubscriptionHandler subscriptionHandler) {
			this.address = address;
			this.filter = filter;
			this.shared = shared;
			this.commandHandler = commandHandler;
			this.registration = registration;
			this.subscriptionHandler = subscriptionHandler;
		}

	}

}
