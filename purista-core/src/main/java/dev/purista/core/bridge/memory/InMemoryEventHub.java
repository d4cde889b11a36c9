package dev.purista.core.bridge.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.bridge.CommandHandler;
import dev.purista.core.bridge.SubscriptionHandler;
import dev.purista.core.bridge.SubscriptionRegistration;
import dev.purista.core.bridge.SubscriptionResult;
import dev.purista.core.error.StatusCode;
import dev.purista.core.message.Command;
import dev.purista.core.message.Message;
import dev.purista.core.message.MessageAddress;
import dev.purista.core.message.MessageCodec;
import dev.purista.core.message.MessageType;
import dev.purista.core.message.Messages;

/**
 * The in-process "broker" that {@link InMemoryEventBridge} instances share. It routes commands to one
 * registered handler (round robin between instances), responses to the bridge instance that sent the command,
 * and every message to the subscriptions whose filters match: a shared subscription gets one copy per message
 * (one instance), an every-instance subscription a copy on each instance. A command nobody registered gets
 * 502 "Bad Gateway". Subscription retries and dead letters are kept here as well.
 * <p>
 * One bridge normally has its own hub; give several bridges the same hub to run several "instances" in one
 * process, as tests of fan-out do.
 * <p>
 * When the sending bridge isolates, every receiver (command handler, each subscription, each redelivery, the
 * waiting caller) gets its own copy of the message decoded from its JSON form, so receivers never share
 * objects with the sender or with each other.
 */
public final class InMemoryEventHub {

	private static final Log logger = LogFactory.getLog(InMemoryEventHub.class);

	private static final int ROUTING_KEY_CACHE_LIMIT = 4096;

	private final Map<String, CopyOnWriteArrayList<CommandEndpoint>> commands = new ConcurrentHashMap<>();

	private final CopyOnWriteArrayList<SubscriptionEndpoint> subscriptions = new CopyOnWriteArrayList<>();

	private final Map<String, InMemoryEventBridge> bridges = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();

	/** Routing keys of the addresses commands were sent to, so routing does not rebuild them per message. */
	private final Map<MessageAddress, String> routingKeys = new ConcurrentHashMap<>();

	private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

	private final AtomicLong undeliverable = new AtomicLong();

	private final ScheduledExecutorService retryTimer;

	/**
	 * Create an empty hub.
	 */
	public InMemoryEventHub() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "purista-in-memory-retry");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		// A hub has no close(): let the timer thread end when no retry is pending, so that discarded hubs
		// (one per test, typically) do not keep a thread each.
		timer.setKeepAliveTime(1, TimeUnit.SECONDS);
		timer.allowCoreThreadTimeOut(true);
		this.retryTimer = timer;
	}

	/**
	 * Subscription messages that were dead-lettered (attempts exhausted or asked for by the handler).
	 * @return the dead letters, oldest first
	 */
	public List<DeadLetter> deadLetters() {
		return List.copyOf(this.deadLetters);
	}

	/**
	 * How many responses found no bridge instance to deliver to.
	 * @return the count
	 */
	public long undeliverableResponses() {
		return this.undeliverable.get();
	}

	void attach(InMemoryEventBridge bridge) {
		this.bridges.put(bridge.instanceId(), bridge);
	}

	void detach(InMemoryEventBridge bridge) {
		this.bridges.remove(bridge.instanceId());
		this.commands.values().forEach((endpoints) -> endpoints.removeIf((endpoint) -> endpoint.bridge == bridge));
		this.subscriptions.removeIf((endpoint) -> endpoint.bridge == bridge);
	}

	void addCommand(InMemoryEventBridge bridge, MessageAddress address, CommandHandler handler) {
		this.commands.computeIfAbsent(commandKey(address), (key) -> new CopyOnWriteArrayList<>())
			.add(new CommandEndpoint(bridge, handler));
	}

	void removeCommand(InMemoryEventBridge bridge, MessageAddress address) {
		List<CommandEndpoint> endpoints = this.commands.get(commandKey(address));
		if (endpoints != null) {
			endpoints.removeIf((endpoint) -> endpoint.bridge == bridge);
		}
	}

	void addSubscription(InMemoryEventBridge bridge, SubscriptionRegistration registration,
			SubscriptionHandler handler) {
		this.subscriptions.add(new SubscriptionEndpoint(bridge, registration, handler, subscriptionKey(registration)));
	}

	void removeSubscription(InMemoryEventBridge bridge, MessageAddress address) {
		String key = commandKey(address);
		this.subscriptions.removeIf((endpoint) -> endpoint.bridge == bridge && endpoint.key.equals(key));
	}

	/**
	 * Route a message.
	 * @param envelope the message with its JSON form when the sending bridge isolates
	 */
	void publish(Envelope envelope) {
		if (!this.subscriptions.isEmpty()) {
			deliverToSubscriptions(envelope);
		}
		Message message = envelope.message();
		switch (message.messageType()) {
			case COMMAND -> routeCommand((Command) message, envelope);
			case COMMAND_SUCCESS_RESPONSE, COMMAND_ERROR_RESPONSE -> routeResponse(message, envelope);
			default -> {
			}
		}
	}

	/**
	 * Route an emitted message: like {@link #publish(Envelope)}, except that a response goes to the matching
	 * subscriptions only and never to a waiting invocation (an emitted success response is an event, as on
	 * AMQP, where emitted messages carry no {@code replyTo}).
	 * @param envelope the message with its JSON form when the sending bridge isolates
	 */
	void emit(Envelope envelope) {
		MessageType type = envelope.message().messageType();
		if (type != MessageType.COMMAND_SUCCESS_RESPONSE && type != MessageType.COMMAND_ERROR_RESPONSE) {
			publish(envelope);
			return;
		}
		if (!this.subscriptions.isEmpty()) {
			deliverToSubscriptions(envelope);
		}
	}

	private void routeCommand(Command command, Envelope envelope) {
		MessageAddress receiver = command.receiver();
		String key = routingKey(receiver);
		List<CommandEndpoint> endpoints = this.commands.get(key);
		CommandEndpoint endpoint = pickCommandEndpoint(endpoints, key, receiver);
		if (endpoint == null) {
			int status = (endpoints == null || endpoints.isEmpty()) ? StatusCode.BAD_GATEWAY.code()
					: StatusCode.SERVICE_UNAVAILABLE.code();
			String instanceId = (command.sender().instanceId() != null) ? command.sender().instanceId() : "";
			if (logger.isDebugEnabled()) {
				logger.debug("No handler accepts command " + command.id() + " for " + receiver + ": answering "
						+ status);
			}
			publish(Envelope.shared(Messages.unhandled(command, instanceId, status, command.otp())));
			return;
		}
		endpoint.bridge.deliverCommand((Command) envelope.take(), endpoint.handler);
	}

	private @Nullable CommandEndpoint pickCommandEndpoint(@Nullable List<CommandEndpoint> endpoints, String key,
			MessageAddress receiver) {
		if (endpoints == null || endpoints.isEmpty()) {
			return null;
		}
		if (endpoints.size() == 1) {
			CommandEndpoint only = endpoints.get(0);
			return (only.accepts(receiver.instanceId())) ? only : null;
		}
		int start = this.roundRobin.computeIfAbsent(key, (unused) -> new AtomicInteger()).getAndIncrement();
		int size = endpoints.size();
		for (int i = 0; i < size; i++) {
			CommandEndpoint candidate = endpoints.get(Math.floorMod(start + i, size));
			if (candidate.accepts(receiver.instanceId())) {
				return candidate;
			}
		}
		return null;
	}

	private void routeResponse(Message response, Envelope envelope) {
		MessageAddress receiver = response.receiver();
		InMemoryEventBridge bridge = (receiver != null && receiver.instanceId() != null)
				? this.bridges.get(receiver.instanceId()) : null;
		if (bridge == null) {
			this.undeliverable.incrementAndGet();
			logger.warn("Dropped response " + response.id() + ": no bridge instance "
					+ ((receiver != null) ? receiver.instanceId() : null) + " on this hub");
			return;
		}
		bridge.deliverResponse(envelope.take());
	}

	private void deliverToSubscriptions(Envelope envelope) {
		Message message = envelope.message();
		Map<String, List<SubscriptionEndpoint>> shared = null;
		for (SubscriptionEndpoint endpoint : this.subscriptions) {
			if (!endpoint.registration.filter().matches(message)) {
				continue;
			}
			if (!endpoint.registration.shared()) {
				endpoint.bridge.deliverSubscription(envelope, endpoint, 1);
				continue;
			}
			if (shared == null) {
				shared = new LinkedHashMap<>();
			}
			shared.computeIfAbsent(endpoint.key, (key) -> new ArrayList<>(2)).add(endpoint);
		}
		if (shared != null) {
			for (List<SubscriptionEndpoint> group : shared.values()) {
				deliverToGroup(envelope, group, 1);
			}
		}
	}

	private void deliverToGroup(Envelope envelope, List<SubscriptionEndpoint> group, int attempt) {
		SubscriptionEndpoint endpoint = pickSubscriptionEndpoint(group);
		if (endpoint == null) {
			this.undeliverable.incrementAndGet();
			logger.warn("Dropped message " + envelope.message().id() + " for subscription "
					+ group.get(0).registration.address() + ": no instance takes messages (stopping)");
			return;
		}
		endpoint.bridge.deliverSubscription(envelope, endpoint, attempt);
	}

	private @Nullable SubscriptionEndpoint pickSubscriptionEndpoint(List<SubscriptionEndpoint> group) {
		if (group.size() == 1) {
			SubscriptionEndpoint only = group.get(0);
			return only.bridge.isTakingWork() ? only : null;
		}
		int start = this.roundRobin.computeIfAbsent(group.get(0).key, (key) -> new AtomicInteger()).getAndIncrement();
		for (int i = 0; i < group.size(); i++) {
			SubscriptionEndpoint candidate = group.get(Math.floorMod(start + i, group.size()));
			if (candidate.bridge.isTakingWork()) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Act on a subscription's decision about a message.
	 */
	void settle(Envelope envelope, SubscriptionEndpoint endpoint, int attempt, SubscriptionResult result) {
		SubscriptionRegistration registration = endpoint.registration;
		Message message = envelope.message();
		switch (result.status()) {
			case ACK -> {
			}
			case DROP -> logger.info("Subscription " + registration.address() + " dropped message " + message.id()
					+ ": " + result.reason());
			case DEAD_LETTER -> deadLetter(envelope, registration, result.reason());
			case RETRY -> {
				if (attempt >= registration.maxAttempts()) {
					deadLetter(envelope, registration, result.reason());
					return;
				}
				Duration delay = (result.delay() != null) ? result.delay() : registration.retryDelay();
				this.retryTimer.schedule(() -> redeliver(envelope, endpoint, attempt + 1), delay.toMillis(),
						TimeUnit.MILLISECONDS);
			}
		}
	}

	private void redeliver(Envelope envelope, SubscriptionEndpoint previous, int attempt) {
		if (!previous.registration.shared()) {
			previous.bridge.deliverSubscription(envelope, previous, attempt);
			return;
		}
		List<SubscriptionEndpoint> group = new ArrayList<>();
		for (SubscriptionEndpoint endpoint : this.subscriptions) {
			if (endpoint.key.equals(previous.key)) {
				group.add(endpoint);
			}
		}
		if (group.isEmpty()) {
			deadLetter(envelope, previous.registration, "subscription was removed");
			return;
		}
		deliverToGroup(envelope, group, attempt);
	}

	private void deadLetter(Envelope envelope, SubscriptionRegistration registration, @Nullable String reason) {
		Message message = envelope.take();
		this.deadLetters.add(new DeadLetter(registration.address(), message, reason));
		logger.warn("Dead-lettered message " + message.id() + " of subscription " + registration.address() + ": "
				+ reason);
	}

	private String routingKey(MessageAddress receiver) {
		String key = this.routingKeys.get(receiver);
		if (key == null) {
			key = commandKey(receiver);
			if (this.routingKeys.size() < ROUTING_KEY_CACHE_LIMIT) {
				this.routingKeys.put(receiver, key);
			}
		}
		return key;
	}

	private static String commandKey(MessageAddress address) {
		return (address.serviceName() + "-" + address.serviceVersion() + "-" + address.serviceTarget())
			.toLowerCase(Locale.ROOT);
	}

	private static String subscriptionKey(SubscriptionRegistration registration) {
		return commandKey(registration.address());
	}

	/**
	 * A dead-lettered subscription message.
	 *
	 * @param subscription the subscription that gave up
	 * @param message the message
	 * @param reason why
	 */
	public record DeadLetter(MessageAddress subscription, Message message, @Nullable String reason) {

	}

	/**
	 * A message on its way through the hub. With a JSON form (the sending bridge isolates), {@link #take()}
	 * hands the decoded {@link #message()} to the first receiver that asks and a fresh decoded copy to every
	 * other, so no two receivers share an object; without one, every receiver gets the message itself.
	 */
	static final class Envelope {

		private final Message message;

		private final MessageCodec.@Nullable Snapshot snapshot;

		private final @Nullable MessageCodec codec;

		private final AtomicBoolean messageTaken;

		private Envelope(Message message, MessageCodec.@Nullable Snapshot snapshot, @Nullable MessageCodec codec,
				boolean messageTaken) {
			this.message = message;
			this.snapshot = snapshot;
			this.codec = codec;
			this.messageTaken = new AtomicBoolean(messageTaken);
		}

		/**
		 * An envelope whose receivers all get the message itself (no isolation).
		 */
		static Envelope shared(Message message) {
			return new Envelope(message, null, null, false);
		}

		/**
		 * An envelope whose receivers each get their own copy.
		 * @param message a copy restored from {@code snapshot}, for routing (and for the first receiver unless
		 * the sender keeps it)
		 * @param snapshot the message's JSON snapshot
		 * @param codec the codec to restore copies with
		 * @param senderKeepsMessage whether the sender keeps {@code message}, so that no receiver may get it
		 */
		static Envelope isolated(Message message, MessageCodec.Snapshot snapshot, MessageCodec codec,
				boolean senderKeepsMessage) {
			return new Envelope(message, snapshot, codec, senderKeepsMessage);
		}

		/**
		 * The message for routing decisions: read its envelope fields only, never hand it to a receiver.
		 */
		Message message() {
			return this.message;
		}

		/**
		 * The message for one receiver: its own copy when isolating.
		 */
		Message take() {
			if (this.snapshot == null || this.codec == null) {
				return this.message;
			}
			if (!this.messageTaken.getAndSet(true)) {
				return this.message;
			}
			return this.codec.restore(this.snapshot);
		}

	}

	record CommandEndpoint(InMemoryEventBridge bridge, CommandHandler handler) {

		boolean accepts(@Nullable String instanceId) {
			return this.bridge.isTakingWork() && (instanceId == null || instanceId.equals(this.bridge.instanceId()));
		}

	}

	record SubscriptionEndpoint(InMemoryEventBridge bridge, SubscriptionRegistration registration,
			SubscriptionHandler handler, String key) {

	}

}
