package dev.purista.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import dev.purista.core.bridge.CommandHandler;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.bridge.OutboundStatus;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.support.InFlightTracker;
import dev.purista.core.bridge.support.OutboundBuffer;
import dev.purista.core.bridge.support.PendingInvocations;
import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.MalformedMessageException;
import dev.purista.core.error.OutboundBufferFullException;
import dev.purista.core.error.PuristaException;
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
 * An {@link EventBridge} on RabbitMQ that shares the broker with TypeScript PURISTA's {@code AmqpBridge}: one
 * durable headers exchange ({@code purista}), routing key {@code ""}, TypeScript's message properties and broker
 * headers ({@link AmqpHeaders}), command queues {@code purista.cmd.<service>.<version>.<command>} bound with
 * {@code x-match: all}, subscription queues {@code purista.sub.<service>.<version>.<subscription>} (shared) or one
 * exclusive queue per instance, and a reply queue per instance bound on header {@code replyTo}; responses are
 * published to the exchange with that header.
 * <p>
 * Beyond TypeScript:
 * <ul>
 * <li>Every command and subscription message is acknowledged after it was handled (and its response or retry
 * published), so a stopping or dying instance leaves unfinished work to the others.</li>
 * <li>Subscription retries follow PURISTA v3: the attempt travels in header {@code x-purista-retry-attempt}; a
 * retry is republished to the queue, or through {@code <queue>.retry.<delayMs>} (a queue whose messages expire
 * back into the queue); when attempts are used up, or on a dead-letter result, a copy goes to the dead-letter
 * queue ({@code <queue>.dead-letter} unless the registration names one) with header
 * {@code x-purista-dead-letter-reason}. Events, retries and dead letters are published on the confirming
 * connection factory and wait for the broker's publisher confirm when it has simple confirms, and so do
 * responses that carry a success event name; commands and other responses are published on the main connection
 * factory without waiting (a lost one ends in 503 or 504 at the caller), so that they do not pay for a confirm
 * per message.</li>
 * <li>A message that is not a PURISTA message (or not a command on a command queue) is copied to the queue's
 * dead-letter queue with the reason, logged once and acknowledged: it never blocks the queue.</li>
 * <li>A command for a given {@code receiver.instanceId} goes to that instance's own queue.</li>
 * <li>When the connection is lost, Spring AMQP reconnects; on every new connection the exchange, queues and
 * bindings are declared again and the consumers resume.</li>
 * <li>Nothing produced is dropped because the connection is down: responses, events, subscription retries and
 * dead letters produced while disconnected wait in a bounded outbound buffer
 * ({@link AmqpEventBridgeOptions#outboundBuffer()}, {@link #outboundStatus()}) and are published, in order and
 * with confirms where described above, once the bridge has reconnected. A response that carries a success event
 * name is published with a confirm, since subscriptions depend on it. What does not fit is refused with
 * {@link OutboundBufferFullException} (503); what is still buffered when the bridge is destroyed is logged with
 * counts.</li>
 * <li>When the connection is lost, the reply queue (exclusive to the connection) goes with it: invocations waiting
 * for a response end at once with 503, except those this instance answers itself, whose responses it keeps
 * and publishes after reconnecting. While disconnected, {@link #invoke} fails at once with 503 rather than wait
 * for a connection attempt on the caller's thread.</li>
 * </ul>
 * The connection factories are shared (Spring Boot's, and the starter's confirming one); {@link #destroy()} stops
 * this bridge's consumers, lets pending invocations settle and leaves the connections to their owners.
 */
public final class AmqpEventBridge implements EventBridge {

	/** The bridge's name. */
	public static final String NAME = "AmqpEventBridge";

	private static final Log logger = LogFactory.getLog(AmqpEventBridge.class);

	private static final EventBridgeCapabilities CAPABILITIES = EventBridgeCapabilities.builder("reply-queue")
		.durableCommands(true)
		.durableSubscriptions(true)
		.manualAckSupported(true)
		.gracefulDrainSupported(true)
		.nativeDeadLettering(true)
		.subscriptionRetries(true)
		.build();

	private final ConnectionFactory connectionFactory;

	private final RabbitTemplate template;

	private final MessageCodec codec;

	private final AmqpMessageConverter converter;

	private final AmqpTopology topology;

	private final ConfirmedPublisher publisher;

	private final AmqpOutbound outbound;

	private final AmqpEventBridgeOptions options;

	private final AmqpNames names;

	private final String instanceId;

	private final String replyQueue;

	private final CommandSource instanceCommands;

	private final PendingInvocations pending = new PendingInvocations();

	private final InFlightTracker inFlight = new InFlightTracker();

	private final Map<MessageAddress, CommandEndpoint> commands = new ConcurrentHashMap<>();

	private final Map<MessageAddress, SubscriptionEndpoint> subscriptions = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private @Nullable DirectMessageListenerContainer replyContainer;

	private @Nullable SimpleMessageListenerContainer instanceCommandContainer;

	private volatile boolean started;

	private volatile boolean destroyed;

	/**
	 * Create a bridge with default options.
	 * @param connectionFactory the RabbitMQ connection factory (Spring Boot's)
	 * @param codec the message codec
	 */
	public AmqpEventBridge(ConnectionFactory connectionFactory, MessageCodec codec) {
		this(connectionFactory, codec, AmqpEventBridgeOptions.defaults());
	}

	/**
	 * Create a bridge that consumes and publishes everything on one connection factory. If it has simple publisher
	 * confirms, events, retries and dead letters wait for them, and commands and responses pay for a confirm per
	 * message too.
	 * @param connectionFactory the RabbitMQ connection factory (Spring Boot's)
	 * @param codec the message codec
	 * @param options names, instance id, timeouts and consumer settings
	 */
	public AmqpEventBridge(ConnectionFactory connectionFactory, MessageCodec codec, AmqpEventBridgeOptions options) {
		this(connectionFactory, connectionFactory, codec, options);
	}

	/**
	 * Create a bridge that consumes, and publishes commands and responses, on one connection factory and publishes
	 * events, subscription retries and dead letters on another, which should have simple publisher confirms.
	 * @param connectionFactory the RabbitMQ connection factory for consumers, commands and responses (Spring
	 * Boot's, best without publisher confirms)
	 * @param confirmingConnectionFactory the connection factory for events, retries and dead letters, which wait
	 * for the broker's confirm if it has simple publisher confirms
	 * @param codec the message codec
	 * @param options names, instance id, timeouts and consumer settings
	 */
	public AmqpEventBridge(ConnectionFactory connectionFactory, ConnectionFactory confirmingConnectionFactory,
			MessageCodec codec, AmqpEventBridgeOptions options) {
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
		this.codec = Objects.requireNonNull(codec, "codec");
		this.options = Objects.requireNonNull(options, "options");
		this.names = options.names();
		this.instanceId = (options.instanceId() != null) ? options.instanceId() : Ids.newId();
		this.replyQueue = this.names.replyQueue(this.instanceId);
		this.instanceCommands = CommandSource.instance(this.names.instanceCommandQueue(this.instanceId));
		this.template = new RabbitTemplate(connectionFactory);
		this.converter = new AmqpMessageConverter(codec);
		this.topology = new AmqpTopology(connectionFactory, this.names.exchange(), NAME + " " + this.instanceId,
				new ConnectionEvents());
		this.publisher = new ConfirmedPublisher(confirmingConnectionFactory, options.confirmTimeout(), this.topology);
		this.outbound = new AmqpOutbound(this.template, this.publisher, this.topology,
				new OutboundBuffer(options.outboundBuffer(), NAME + " " + this.instanceId), NAME + " " + this.instanceId);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public EventBridgeCapabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Duration defaultCommandTimeout() {
		return this.options.defaultCommandTimeout();
	}

	/**
	 * The options this bridge runs with.
	 * @return the options
	 */
	public AmqpEventBridgeOptions options() {
		return this.options;
	}

	/**
	 * The outbound buffer: what this bridge produced while disconnected and publishes after reconnecting.
	 */
	@Override
	public Optional<OutboundStatus> outboundStatus() {
		return Optional.of(this.outbound.status());
	}

	/**
	 * How many responses arrived after their invocation had timed out.
	 * @return the count
	 */
	public long lateResponses() {
		return this.pending.lateResponses();
	}

	/**
	 * How many responses arrived for a correlation id no invocation of this instance had.
	 * @return the count
	 */
	public long unknownResponses() {
		return this.pending.unknownResponses();
	}

	/**
	 * Declare the exchange, the reply queue and this instance's command queue, and start consuming them.
	 * @throws PuristaException if RabbitMQ cannot be reached
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			checkNotDestroyed("start");
			if (this.started) {
				return;
			}
			try {
				this.topology.attach();
				Binding replyBinding = new Binding(this.replyQueue, DestinationType.QUEUE, this.names.exchange(), "",
						AmqpHeaders.replyBinding(this.replyQueue));
				this.topology.declare(new Queue(this.replyQueue, false, true, true), List.of(replyBinding));
				this.topology.declare(new Queue(this.instanceCommands.queue(), false, true, true), List.of());
			}
			catch (AmqpException ex) {
				throw new PuristaException(NAME + " could not declare its exchange and queues on RabbitMQ: "
						+ ex.getMessage(), ex);
			}
			this.replyContainer = replyContainer();
			this.instanceCommandContainer = container(this.instanceCommands.queue(), AcknowledgeMode.AUTO,
					this.options.consumersPerQueue(), (message) -> onCommand(message, this.instanceCommands));
			this.started = true;
			this.topology.restoreOnReconnect();
			logger.debug(NAME + " " + this.instanceId + " started");
		}
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	/**
	 * Whether the bridge is started and connected to RabbitMQ now.
	 */
	@Override
	public boolean isHealthy() {
		return isReady() && this.topology.isConnected();
	}

	@Override
	public Message emitMessage(Message message) {
		Objects.requireNonNull(message, "message");
		checkUsable("emit message " + message.id());
		Message sent = message.withTransport(Ids.newId(), System.currentTimeMillis(), message.otp())
			.withSenderInstanceId(this.instanceId);
		org.springframework.amqp.core.Message amqp = this.converter.toAmqp(sent, null, null, null, null);
		this.outbound.event(this.names.exchange(), amqp, sent.id());
		return this.codec.decode(amqp.getBody());
	}

	@Override
	public CompletableFuture<CommandSuccessResponse> invoke(Command command, Duration timeout) {
		if (!isReady()) {
			return CompletableFuture.failedFuture(new BridgeStoppingException(
					NAME + " " + this.instanceId + " is not started or was destroyed", command.traceId()));
		}
		if (!this.topology.isConnected()) {
			// fail now rather than wait on the caller's thread for a connection attempt, which against an
			// unreachable network takes the connection or handshake timeout, however short the command's
			return CompletableFuture.failedFuture(new UnhandledException(503, "Service Unavailable",
					"command could not be sent: " + notConnected(), command.traceId()));
		}
		Command sent = Messages.forInvocation(command, this.instanceId);
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(sent.correlationId(), timeout,
				sent.traceId());
		try {
			org.springframework.amqp.core.Message amqp = this.converter.toAmqp(sent, this.replyQueue, null, timeout,
					sent.correlationId());
			String target = sent.receiver().instanceId();
			if (target != null) {
				this.template.send("", this.names.instanceCommandQueue(target), amqp);
			}
			else {
				this.template.send(this.names.exchange(), "", amqp);
			}
		}
		catch (AmqpException | PuristaException ex) {
			this.pending.fail(sent.correlationId(), new UnhandledException(503, "Service Unavailable",
					"command could not be sent: " + ex.getMessage(), sent.traceId(), ex));
		}
		return future;
	}

	@Override
	public void registerCommand(MessageAddress address, CommandHandler handler, CommandOptions options) {
		checkUsable("register command " + address);
		MessageAddress key = address.withInstanceId(null);
		String queue = this.names.commandQueue(key);
		Queue declared = new Queue(queue, options.durable(), false, !options.durable());
		Binding binding = new Binding(queue, DestinationType.QUEUE, this.names.exchange(), "",
				AmqpHeaders.commandBinding(key));
		this.topology.declareForRegistration(declared, binding);
		CommandSource source = CommandSource.shared(queue);
		SimpleMessageListenerContainer container = container(queue, AcknowledgeMode.AUTO,
				this.options.consumersPerQueue(), (message) -> onCommand(message, source));
		CommandEndpoint previous = this.commands.put(key, new CommandEndpoint(handler, queue, container));
		if (previous != null) {
			previous.container().stop();
		}
		if (!this.inFlight.isAccepting()) {
			container.stop();
		}
	}

	@Override
	public void unregisterCommand(MessageAddress address) {
		CommandEndpoint endpoint = this.commands.remove(address.withInstanceId(null));
		if (endpoint != null) {
			endpoint.container().stop();
			this.topology.forget(endpoint.queue());
		}
	}

	@Override
	public void registerSubscription(SubscriptionRegistration subscription, SubscriptionHandler handler) {
		checkUsable("register subscription " + subscription.address());
		MessageAddress address = subscription.address().withInstanceId(null);
		String sharedQueue = this.names.subscriptionQueue(address, null);
		String queue = subscription.shared() ? sharedQueue
				: this.names.subscriptionQueue(address, this.instanceId);
		Queue declared = subscription.shared() ? new Queue(queue, subscription.durable(), false, false)
				: new Queue(queue, false, true, true);
		Binding binding = new Binding(queue, DestinationType.QUEUE, this.names.exchange(), "",
				AmqpHeaders.subscriptionBinding(subscription.filter()));
		String deadLetterQueue = (subscription.deadLetterTarget() != null) ? subscription.deadLetterTarget()
				: AmqpNames.deadLetterQueue(sharedQueue);
		this.topology.declareForRegistration(declared, binding);
		SubscriptionEndpoint endpoint = new SubscriptionEndpoint(subscription, handler, queue, deadLetterQueue);
		SimpleMessageListenerContainer container = container(queue, AcknowledgeMode.AUTO,
				this.options.consumersPerQueue(), (message) -> onSubscriptionMessage(message, endpoint));
		SubscriptionEndpoint previous = this.subscriptions.put(address, endpoint.withContainer(container));
		if (previous != null && previous.container() != null) {
			previous.container().stop();
		}
		if (!this.inFlight.isAccepting()) {
			container.stop();
		}
	}

	@Override
	public void unregisterSubscription(MessageAddress address) {
		SubscriptionEndpoint endpoint = this.subscriptions.remove(address.withInstanceId(null));
		if (endpoint != null && endpoint.container() != null) {
			endpoint.container().stop();
			this.topology.forget(endpoint.queue());
		}
	}

	/**
	 * Stop consuming commands and subscription messages: consumers are cancelled while handlers in flight finish,
	 * get acknowledged and have their responses published; messages a consumer had prefetched go back to the queue
	 * for other instances once that consumer's current message is done ({@code purista.amqp.prefetch} bounds how
	 * many wait so). Responses to this instance's own invocations keep arriving.
	 */
	@Override
	public void stopIntake() {
		this.inFlight.stopIntake();
		stopAll(intakeContainers(), false);
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
	 * Stop all consumers, wait up to {@link AmqpEventBridgeOptions#settleTimeout()} for pending invocations to
	 * get their responses, fail the rest with 503 and stop consuming responses. Idempotent.
	 */
	@Override
	public void destroy() {
		synchronized (this.lifecycleMonitor) {
			if (this.destroyed) {
				return;
			}
			this.inFlight.stopIntake();
			stopAll(intakeContainers(), true);
			long deadline = System.nanoTime() + this.options.settleTimeout().toNanos();
			this.outbound.flushUntil(deadline);
			while (this.pending.size() > 0 && System.nanoTime() < deadline && this.topology.isConnected()) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
			this.destroyed = true;
			this.outbound.close();
			this.pending.failAll(new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed", null));
			stopAll(ownContainers(), true);
			this.commands.values().forEach((endpoint) -> endpoint.container().destroy());
			this.subscriptions.values()
				.stream()
				.filter((endpoint) -> endpoint.container() != null)
				.forEach((endpoint) -> endpoint.container().destroy());
			ownContainers().forEach(AbstractMessageListenerContainer::destroy);
			this.commands.clear();
			this.subscriptions.clear();
			this.topology.detach();
			logger.debug(NAME + " " + this.instanceId + " destroyed");
		}
	}

	private void onResponse(org.springframework.amqp.core.Message amqp) {
		Message response;
		try {
			response = this.codec.decode(amqp.getBody());
		}
		catch (MalformedMessageException ex) {
			logger.warn("Dropped a message on reply queue " + this.replyQueue + " that is not a PURISTA message: "
					+ ex.getMessage());
			return;
		}
		if (response.messageType() != MessageType.COMMAND_SUCCESS_RESPONSE
				&& response.messageType() != MessageType.COMMAND_ERROR_RESPONSE) {
			logger.warn("Dropped message " + response.id() + " of type " + response.messageType().wireName()
					+ " on reply queue " + this.replyQueue + ": not a response");
			return;
		}
		this.pending.complete(response);
	}

	private void onCommand(org.springframework.amqp.core.Message amqp, CommandSource source) {
		Message decoded = decodeOrDeadLetter(amqp, source.queue(), source.deadLetterQueue());
		if (decoded == null) {
			return;
		}
		if (!(decoded instanceof Command command)) {
			rejectToDeadLetter(amqp, source.queue(), source.deadLetterQueue(),
					"not a command: " + decoded.messageType().wireName());
			return;
		}
		CommandEndpoint endpoint = this.commands.get(command.receiver().withInstanceId(null));
		if (endpoint == null) {
			if (source.shared()) {
				throw new ImmediateRequeueAmqpException("command " + command.receiver() + " is not registered here");
			}
			logger.warn("Dropped command " + command.id() + " for " + command.receiver()
					+ ": not registered on this instance");
			return;
		}
		if (!this.inFlight.tryEnter()) {
			throw new ImmediateRequeueAmqpException("intake stopped");
		}
		String replyTo = amqp.getMessageProperties().getReplyTo();
		String correlationId = amqp.getMessageProperties().getCorrelationId();
		// an invocation of this instance's own: its response is produced here, so a lost connection does not end it
		boolean ownInvocation = this.replyQueue.equals(replyTo) && correlationId != null;
		if (ownInvocation) {
			this.pending.answeringHere(correlationId, true);
		}
		try {
			Message response = handle(endpoint.handler(), command);
			if (replyTo == null) {
				logger.warn("Command " + command.id() + " for " + command.receiver()
						+ " has no replyTo property; its response is dropped");
				return;
			}
			Message own = this.instanceId.equals(response.sender().instanceId()) ? response
					: response.withSenderInstanceId(this.instanceId);
			org.springframework.amqp.core.Message reply = this.converter.toAmqp(own, null, replyTo, null,
					correlationId);
			publishResponse(reply, own, ownInvocation ? correlationId : null);
		}
		finally {
			this.inFlight.leave();
		}
	}

	/**
	 * Publish a response now, or keep it until reconnected; an own invocation waits for it until it was handed to
	 * RabbitMQ, and fails at once if it cannot be kept.
	 */
	private void publishResponse(org.springframework.amqp.core.Message reply, Message response,
			@Nullable String ownCorrelationId) {
		Runnable handedOver = (ownCorrelationId != null)
				? () -> this.pending.answeringHere(ownCorrelationId, false) : () -> {
				};
		try {
			this.outbound.response(this.names.exchange(), reply, response.id(), response.eventName(), handedOver);
		}
		catch (OutboundBufferFullException ex) {
			if (ownCorrelationId != null) {
				this.pending.fail(ownCorrelationId, new OutboundBufferFullException(ex.getMessage(),
						response.traceId()));
			}
			logger.warn("Dropped response " + response.id() + ": " + ex.getMessage());
		}
	}

	private Message handle(CommandHandler handler, Command command) {
		try {
			return handler.handle(command).toCompletableFuture().get();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			logger.warn("Command handler for " + command.receiver() + " failed on message " + command.id(), cause);
			return Messages.error(command, this.instanceId, cause, command.otp());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImmediateRequeueAmqpException("interrupted while handling command " + command.id(), ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Command handler for " + command.receiver() + " failed on message " + command.id(), ex);
			return Messages.error(command, this.instanceId, ex, command.otp());
		}
	}

	private void onSubscriptionMessage(org.springframework.amqp.core.Message amqp, SubscriptionEndpoint endpoint) {
		Message message = decodeOrDeadLetter(amqp, endpoint.queue(), endpoint.deadLetterQueue());
		if (message == null) {
			return;
		}
		if (!this.inFlight.tryEnter()) {
			throw new ImmediateRequeueAmqpException("intake stopped");
		}
		try {
			settle(amqp, endpoint, run(endpoint.handler(), message));
		}
		finally {
			this.inFlight.leave();
		}
	}

	private SubscriptionResult run(SubscriptionHandler handler, Message message) {
		try {
			return handler.handle(message).toCompletableFuture().get();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return SubscriptionResult.retry(cause.getMessage(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImmediateRequeueAmqpException("interrupted while handling message " + message.id(), ex);
		}
		catch (RuntimeException ex) {
			return SubscriptionResult.retry(ex.getMessage(), null);
		}
	}

	private void settle(org.springframework.amqp.core.Message amqp, SubscriptionEndpoint endpoint,
			SubscriptionResult result) {
		switch (result.status()) {
			case ACK, DROP -> {
			}
			case DEAD_LETTER -> this.outbound.deadLetter(amqp, endpoint.deadLetterQueue(), result.reason());
			case RETRY -> {
				int attempt = AmqpMessageConverter.retryAttempt(amqp.getMessageProperties());
				if (attempt >= endpoint.registration().maxAttempts()) {
					this.outbound.deadLetter(amqp, endpoint.deadLetterQueue(),
							(result.reason() != null) ? result.reason() : "max attempts exceeded");
					return;
				}
				Duration delay = (result.delay() != null) ? result.delay() : endpoint.registration().retryDelay();
				this.outbound.retry(amqp, endpoint.queue(), attempt + 1, delay, endpoint.registration().durable());
			}
		}
	}

	private @Nullable Message decodeOrDeadLetter(org.springframework.amqp.core.Message amqp, String queue,
			String deadLetterQueue) {
		try {
			return AmqpMessageConverter.withHeaderTraceContext(this.codec.decode(amqp.getBody()),
					amqp.getMessageProperties());
		}
		catch (MalformedMessageException ex) {
			rejectToDeadLetter(amqp, queue, deadLetterQueue, "not a PURISTA message: " + ex.getMessage());
			return null;
		}
	}

	private void rejectToDeadLetter(org.springframework.amqp.core.Message amqp, String queue, String deadLetterQueue,
			String reason) {
		logger.warn("Moved message " + amqp.getMessageProperties().getMessageId() + " of queue " + queue + " to "
				+ deadLetterQueue + ": " + reason);
		this.outbound.deadLetter(amqp, deadLetterQueue, reason);
	}

	private SimpleMessageListenerContainer container(String queue, AcknowledgeMode acknowledgeMode, int consumers,
			MessageListener listener) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(queue);
		container.setAcknowledgeMode(acknowledgeMode);
		container.setConcurrentConsumers(consumers);
		container.setPrefetchCount(this.options.prefetch());
		container.setMissingQueuesFatal(false);
		container.setDefaultRequeueRejected(true);
		container.setRecoveryInterval(1000);
		container.setReceiveTimeout(100);
		container.setShutdownTimeout(this.options.defaultCommandTimeout().toMillis());
		container.setBeanName("purista-" + queue);
		container.setMessageListener(listener);
		container.afterPropertiesSet();
		container.start();
		return container;
	}

	/**
	 * The reply queue's consumer: responses are decoded and handed to the waiting invocation on the RabbitMQ
	 * client's own consumer thread, without the extra thread a {@link SimpleMessageListenerContainer} hands each
	 * message to (the work per response is short and never blocks).
	 */
	private DirectMessageListenerContainer replyContainer() {
		DirectMessageListenerContainer container = new DirectMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(this.replyQueue);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConsumersPerQueue(1);
		container.setPrefetchCount(this.options.prefetch());
		container.setMissingQueuesFatal(false);
		// after a lost connection, consume the re-declared reply queue again soon: responses wait for it
		container.setRecoveryInterval(250);
		container.setMonitorInterval(250);
		container.setBeanName("purista-" + this.replyQueue);
		container.setMessageListener(this::onResponse);
		container.afterPropertiesSet();
		container.start();
		return container;
	}

	private List<AbstractMessageListenerContainer> ownContainers() {
		List<AbstractMessageListenerContainer> containers = new ArrayList<>();
		if (this.replyContainer != null) {
			containers.add(this.replyContainer);
		}
		if (this.instanceCommandContainer != null) {
			containers.add(this.instanceCommandContainer);
		}
		return containers;
	}

	/**
	 * Stop containers side by side (each stop waits for its consumers to finish their current message).
	 */
	private void stopAll(List<? extends AbstractMessageListenerContainer> containers, boolean wait) {
		CountDownLatch stopped = new CountDownLatch(containers.size());
		containers.forEach((container) -> container.stop(stopped::countDown));
		if (wait) {
			try {
				stopped.await(this.options.defaultCommandTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private List<SimpleMessageListenerContainer> intakeContainers() {
		List<SimpleMessageListenerContainer> containers = new ArrayList<>();
		this.commands.values().forEach((endpoint) -> containers.add(endpoint.container()));
		this.subscriptions.values()
			.stream()
			.filter((endpoint) -> endpoint.container() != null)
			.forEach((endpoint) -> containers.add(endpoint.container()));
		if (this.instanceCommandContainer != null) {
			containers.add(this.instanceCommandContainer);
		}
		return containers;
	}

	/**
	 * On a lost connection, invocations whose response would come back on it fail at once.
	 */
	private final class ConnectionEvents implements AmqpTopology.ConnectionEvents {

		@Override
		public void lost(String reason) {
			int failed = AmqpEventBridge.this.pending.failUnanswerable((traceId) -> new UnhandledException(503,
					"Service Unavailable",
					"the connection to RabbitMQ was lost before the response arrived, and with it the reply queue: "
							+ "the response cannot arrive",
					traceId));
			if (failed > 0) {
				logger.warn(NAME + " " + AmqpEventBridge.this.instanceId + " failed " + failed
						+ " invocations with 503: their responses cannot arrive after the connection was lost ("
						+ reason + ")");
			}
		}

		@Override
		public void restored() {
			AmqpEventBridge.this.outbound.reconnected();
		}

	}

	private String notConnected() {
		return NAME + " " + this.instanceId + " has lost its RabbitMQ connection and is reconnecting";
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
	 * A queue commands arrive on, and where those that are not commands go.
	 *
	 * @param queue the queue
	 * @param deadLetterQueue its dead-letter queue
	 * @param shared whether other instances consume it too (a command's queue, so a command this instance does
	 * not handle is given back) or only this instance (its own queue, so such a command is dropped)
	 */
	private record CommandSource(String queue, String deadLetterQueue, boolean shared) {

		static CommandSource shared(String queue) {
			return new CommandSource(queue, AmqpNames.deadLetterQueue(queue), true);
		}

		static CommandSource instance(String queue) {
			return new CommandSource(queue, AmqpNames.deadLetterQueue(queue), false);
		}

	}

	private record CommandEndpoint(CommandHandler handler, String queue, SimpleMessageListenerContainer container) {

	}

	private record SubscriptionEndpoint(SubscriptionRegistration registration, SubscriptionHandler handler,
			String queue, String deadLetterQueue, @Nullable SimpleMessageListenerContainer container) {

		SubscriptionEndpoint(SubscriptionRegistration registration, SubscriptionHandler handler, String queue,
				String deadLetterQueue) {
			this(registration, handler, queue, deadLetterQueue, null);
		}

		SubscriptionEndpoint withContainer(SimpleMessageListenerContainer container) {
			return new SubscriptionEndpoint(this.registration, this.handler, this.queue, this.deadLetterQueue,
					container);
		}

	}

}
