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
	 * Route a message (already isolated by the sending bridge).
	 * @param message the message
	 */
	void publish(Message message) {
		if (!this.subscriptions.isEmpty()) {
			deliverToSubscriptions(message);
		}
		switch (message.messageType()) {
			case COMMAND -> routeCommand((Command) message);
			case COMMAND_SUCCESS_RESPONSE, COMMAND_ERROR_RESPONSE -> routeResponse(message);
			default -> {
			}
		}
	}

	private void routeCommand(Command command) {
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
			publish(Messages.unhandled(command, instanceId, status, null));
			return;
		}
		endpoint.bridge.deliverCommand(command, endpoint.handler);
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

	private void routeResponse(Message response) {
		MessageAddress receiver = response.receiver();
		InMemoryEventBridge bridge = (receiver != null && receiver.instanceId() != null)
				? this.bridges.get(receiver.instanceId()) : null;
		if (bridge == null) {
			this.undeliverable.incrementAndGet();
			logger.warn("Dropped response " + response.id() + ": no bridge instance "
					+ ((receiver != null) ? receiver.instanceId() : null) + " on this hub");
			return;
		}
		bridge.deliverResponse(response);
	}

	private void deliverToSubscriptions(Message message) {
		Map<String, List<SubscriptionEndpoint>> shared = null;
		for (SubscriptionEndpoint endpoint : this.subscriptions) {
			if (!endpoint.registration.filter().matches(message)) {
				continue;
			}
			if (!endpoint.registration.shared()) {
				endpoint.bridge.deliverSubscription(message, endpoint, 1);
				continue;
			}
			if (shared == null) {
				shared = new LinkedHashMap<>();
			}
			shared.computeIfAbsent(endpoint.key, (key) -> new ArrayList<>(2)).add(endpoint);
		}
		if (shared != null) {
			for (List<SubscriptionEndpoint> group : shared.values()) {
				deliverToGroup(message, group, 1);
			}
		}
	}

	private void deliverToGroup(Message message, List<SubscriptionEndpoint> group, int attempt) {
		SubscriptionEndpoint endpoint = pickSubscriptionEndpoint(group);
		if (endpoint == null) {
			this.undeliverable.incrementAndGet();
			logger.warn("Dropped message " + message.id() + " for subscription " + group.get(0).registration.address()
					+ ": no instance takes messages (stopping)");
			return;
		}
		endpoint.bridge.deliverSubscription(message, endpoint, attempt);
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
	void settle(Message message, SubscriptionEndpoint endpoint, int attempt, SubscriptionResult result) {
		SubscriptionRegistration registration = endpoint.registration;
		switch (result.status()) {
			case ACK -> {
			}
			case DROP -> logger.info("Subscription " + registration.address() + " dropped message " + message.id()
					+ ": " + result.reason());
			case DEAD_LETTER -> deadLetter(message, registration, result.reason());
			case RETRY -> {
				if (attempt >= registration.maxAttempts()) {
					deadLetter(message, registration, result.reason());
					return;
				}
				Duration delay = (result.delay() != null) ? result.delay() : registration.retryDelay();
				this.retryTimer.schedule(() -> redeliver(message, endpoint, attempt + 1), delay.toMillis(),
						TimeUnit.MILLISECONDS);
			}
		}
	}

	private void redeliver(Message message, SubscriptionEndpoint previous, int attempt) {
		if (!previous.registration.shared()) {
			previous.bridge.deliverSubscription(message, previous, attempt);
			return;
		}
		List<SubscriptionEndpoint> group = new ArrayList<>();
		for (SubscriptionEndpoint endpoint : this.subscriptions) {
			if (endpoint.key.equals(previous.key)) {
				group.add(endpoint);
			}
		}
		if (group.isEmpty()) {
			deadLetter(message, previous.registration, "subscription was removed");
			return;
		}
		deliverToGroup(message, group, attempt);
	}

	private void deadLetter(Message message, SubscriptionRegistration registration, @Nullable String reason) {
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

	record CommandEndpoint(InMemoryEventBridge bridge, CommandHandler handler) {

		boolean accepts(@Nullable String instanceId) {
			return this.bridge.isTakingWork() && (instanceId == null || instanceId.equals(this.bridge.instanceId()));
		}

	}

	record SubscriptionEndpoint(InMemoryEventBridge bridge, SubscriptionRegistration registration,
			SubscriptionHandler handler, String key) {

	}

}
