package dev.purista.core.bridge.memory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.purista.core.bridge.CommandHandler;
import dev.purista.core.bridge.CommandOptions;
import dev.purista.core.bridge.EventBridge;
import dev.purista.core.bridge.EventBridgeCapabilities;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions.HandlerExecution;
import dev.purista.core.bridge.memory.InMemoryEventHub.Envelope;
import dev.purista.core.bridge.memory.InMemoryEventHub.SubscriptionEndpoint;
import dev.purista.core.bridge.support.InFlightTracker;
import dev.purista.core.bridge.support.PendingInvocations;
import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.PuristaException;
import dev.purista.core.error.StatusCode;
import dev.purista.core.message.Command;
import dev.purista.core.message.CommandSuccessResponse;
import dev.purista.core.message.Ids;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.Messages;

/**
 * An event bridge inside one process, with TypeScript PURISTA's {@code DefaultEventBridge} semantics: 502
 * "Bad Gateway" for a command nobody registered, 504 "invocation timed out" (late responses dropped and
 * counted), exact-equality subscription filters. By default every message crosses it as a JSON copy, so
 * services never share objects and what fails on a broker fails here too.
 * <p>
 * Handlers run on a thread pool of the bridge ({@code purista-handler-N}), never on the caller's thread, unless
 * {@link HandlerExecution#CALLER_THREAD} is chosen. Several bridges sharing one {@link InMemoryEventHub} behave
 * like instances connected to one broker.
 */
public final class InMemoryEventBridge implements EventBridge {

	/** The bridge name. */
	public static final String NAME = "InMemoryEventBridge";

	private static final Log logger = LogFactory.getLog(InMemoryEventBridge.class);

	private static final EventBridgeCapabilities CAPABILITIES = EventBridgeCapabilities.builder("in-memory")
		.manualAckSupported(true)
		.gracefulDrainSupported(true)
		.subscriptionRetries(true)
		.build();

	private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

	private final InMemoryEventHub hub;

	private final InMemoryEventBridgeOptions options;

	private final MessageCodec codec;

	private final String instanceId;

	private final PendingInvocations pending = new PendingInvocations();

	private final InFlightTracker inFlight = new InFlightTracker();

	private final ThreadPoolExecutor executor;

	private final boolean callerThreadHandlers;

	private volatile boolean started;

	private volatile boolean destroyed;

	/**
	 * Create a bridge with its own hub and default options.
	 */
	public InMemoryEventBridge() {
		this(new InMemoryEventHub(), InMemoryEventBridgeOptions.defaults(), new MessageCodec());
	}

	/**
	 * Create a bridge.
	 * @param hub the hub to connect to (shared by bridges that should see each other)
	 * @param options the options
	 * @param codec the codec used for isolation copies
	 */
	public InMemoryEventBridge(InMemoryEventHub hub, InMemoryEventBridgeOptions options, MessageCodec codec) {
		this.hub = hub;
		this.options = options;
		this.codec = codec;
		this.instanceId = (options.instanceId() != null) ? options.instanceId() : Ids.newId();
		this.callerThreadHandlers = (options.handlerExecution() == HandlerExecution.CALLER_THREAD);
		int pool = POOL_NUMBER.incrementAndGet();
		AtomicInteger threadNumber = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(0, options.maxHandlerThreads(), 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable,
							"purista-handler-" + pool + "-" + threadNumber.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
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
	 * The hub this bridge is connected to.
	 * @return the hub
	 */
	public InMemoryEventHub hub() {
		return this.hub;
	}

	/**
	 * Whether messages cross this bridge as JSON copies.
	 * @return {@code true} when isolating
	 */
	public boolean isIsolating() {
		return this.options.isolation();
	}

	/**
	 * How many responses arrived after their invocation had timed out.
	 * @return the count
	 */
	public long lateResponses() {
		return this.pending.lateResponses();
	}

	/**
	 * How many responses matched no invocation of this bridge.
	 * @return the count
	 */
	public long unknownResponses() {
		return this.pending.unknownResponses();
	}

	/**
	 * How many invocations of this bridge wait for a response.
	 * @return the count
	 */
	public int pendingInvocations() {
		return this.pending.size();
	}

	@Override
	public synchronized void start() {
		if (this.destroyed) {
			throw new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed and cannot start", null);
		}
		if (!this.started) {
			this.hub.attach(this);
			this.started = true;
		}
	}

	@Override
	public boolean isReady() {
		return this.started && !this.destroyed;
	}

	@Override
	public boolean isHealthy() {
		return isReady();
	}

	@Override
	public Message emitMessage(Message message) {
		checkUsable(message);
		Envelope envelope = envelope(message.withTransport(Ids.newId(), System.currentTimeMillis(), message.otp())
			.withSenderInstanceId(this.instanceId), true);
		this.hub.emit(envelope);
		return envelope.message();
	}

	@Override
	public CompletableFuture<CommandSuccessResponse> invoke(Command command, Duration timeout) {
		if (!isReady()) {
			return CompletableFuture.failedFuture(new BridgeStoppingException(
					NAME + " " + this.instanceId + " is not started or was destroyed", command.traceId()));
		}
		Envelope envelope;
		try {
			envelope = envelope(Messages.forInvocation(command, this.instanceId), false);
		}
		catch (PuristaException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Command sent = (Command) envelope.message();
		CompletableFuture<CommandSuccessResponse> future = this.pending.register(sent.correlationId(), timeout,
				sent.traceId());
		this.hub.publish(envelope);
		return future;
	}

	@Override
	public void registerCommand(MessageAddress address, CommandHandler handler, CommandOptions options) {
		this.hub.addCommand(this, address, handler);
	}

	@Override
	public void unregisterCommand(MessageAddress address) {
		this.hub.removeCommand(this, address);
	}

	@Override
	public void registerSubscription(SubscriptionRegistration subscription, SubscriptionHandler handler) {
		this.hub.addSubscription(this, subscription, handler);
	}

	@Override
	public void unregisterSubscription(MessageAddress address) {
		this.hub.removeSubscription(this, address);
	}

	@Override
	public void stopIntake() {
		if (this.inFlight.isAccepting()) {
			this.inFlight.stopIntake();
			logger.info(NAME + " " + this.instanceId + " stopped intake; " + this.inFlight.count()
					+ " handler(s) in flight");
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
		synchronized (this) {
			if (this.destroyed) {
				return;
			}
			this.destroyed = true;
		}
		this.inFlight.stopIntake();
		this.hub.detach(this);
		this.pending.failAll(new BridgeStoppingException(NAME + " " + this.instanceId + " was destroyed", null));
		this.executor.shutdown();
	}

	boolean isTakingWork() {
		return this.started && !this.destroyed && this.inFlight.isAccepting();
	}

	void deliverCommand(Command command, CommandHandler handler) {
		if (!this.inFlight.tryEnter()) {
			reply(command, Messages.unhandled(command, this.instanceId, StatusCode.SERVICE_UNAVAILABLE.code(), command.otp()));
			return;
		}
		if (this.callerThreadHandlers) {
			runCommand(command, handler);
			return;
		}
		try {
			this.executor.execute(() -> runCommand(command, handler));
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.leave();
			logger.warn("Refused command " + command.id() + " for " + command.receiver()
					+ ": all handler threads are busy or the bridge is stopping");
			reply(command, Messages.unhandled(command, this.instanceId, StatusCode.SERVICE_UNAVAILABLE.code(), command.otp()));
		}
	}

	void deliverResponse(Message response) {
		this.pending.complete(response);
	}

	void deliverSubscription(Envelope envelope, SubscriptionEndpoint endpoint, int attempt) {
		if (!this.inFlight.tryEnter()) {
			this.hub.settle(envelope, endpoint, attempt, SubscriptionResult.retry("instance is stopping", null));
			return;
		}
		if (this.callerThreadHandlers) {
			runSubscription(envelope, endpoint, attempt);
			return;
		}
		try {
			this.executor.execute(() -> runSubscription(envelope, endpoint, attempt));
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.leave();
			this.hub.settle(envelope, endpoint, attempt,
					SubscriptionResult.retry("all handler threads are busy", null));
		}
	}

	private void runCommand(Command command, CommandHandler handler) {
		CompletionStage<Message> stage;
		try {
			stage = handler.handle(command);
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		stage.whenComplete((response, error) -> {
			try {
				if (error != null) {
					Throwable cause = unwrap(error);
					logger.warn("Command handler for " + command.receiver() + " failed on message " + command.id(),
							cause);
					reply(command, Messages.error(command, this.instanceId, cause, command.otp()));
				}
				else {
					reply(command, response);
				}
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	private void runSubscription(Envelope envelope, SubscriptionEndpoint endpoint, int attempt) {
		CompletionStage<SubscriptionResult> stage;
		try {
			stage = endpoint.handler().handle(envelope.take());
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		stage.whenComplete((result, error) -> {
			try {
				SubscriptionResult decision = (error != null) ? SubscriptionResult.retry(unwrap(error).getMessage(), null)
						: (result != null) ? result : SubscriptionResult.ack();
				this.hub.settle(envelope, endpoint, attempt, decision);
			}
			finally {
				this.inFlight.leave();
			}
		});
	}

	private void reply(Command command, Message response) {
		try {
			Message own = this.instanceId.equals(response.sender().instanceId()) ? response
					: response.withSenderInstanceId(this.instanceId);
			this.hub.publish(envelope(own, false));
		}
		catch (PuristaException ex) {
			logger.warn("Response to command " + command.id() + " for " + command.receiver()
					+ " cannot be sent; answering 500 instead", ex);
			this.hub.publish(Envelope.shared(Messages.unhandled(command, this.instanceId,
					StatusCode.INTERNAL_SERVER_ERROR.code(), response.otp())));
		}
	}

	/**
	 * Give a command what the bridge sets on invoke: a new id, a new correlation id (so that invoking the same
	 * command twice never mixes up the responses), the send time and this instance as the sender's instance,
	 * which is where the response is routed back to.
	 */
	/**
	 * Wrap a message for the hub. When isolating, the message is written as JSON here (what cannot be written
	 * fails here, as on a broker) and every receiver gets its own copy read from that JSON.
	 * @param message the message as sent
	 * @param senderKeepsMessage whether the sender gets the copied message back (then no receiver shares it)
	 */
	private Envelope envelope(Message message, boolean senderKeepsMessage) {
		if (!this.options.isolation()) {
			return Envelope.shared(message);
		}
		MessageCodec.Snapshot snapshot = this.codec.snapshot(message);
		return Envelope.isolated(this.codec.restore(snapshot), snapshot, this.codec, senderKeepsMessage);
	}

	private void checkUsable(Message message) {
		if (!isReady()) {
			throw new BridgeStoppingException(NAME + " " + this.instanceId + " is "
					+ (this.destroyed ? "destroyed" : "not started") + "; message " + message.id() + " was not sent",
					message.traceId());
		}
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
