package dev.purista.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.purista.core.bridge.OutboundBufferLimits;
import dev.purista.core.bridge.memory.InMemoryEventBridgeOptions.HandlerExecution;

/**
 * Configuration properties of PURISTA ({@code purista.*}). Bridge and store types are preset by the active
 * Spring profile (see {@link PuristaProfilePresets}); anything set here wins over the preset.
 */
@ConfigurationProperties("purista")
public class PuristaProperties {

	/** The type used when nothing selects another: the in-memory implementation. */
	public static final String IN_MEMORY = "in-memory";

	private final EventBridge eventBridge = new EventBridge();

	private final QueueBridge queueBridge = new QueueBridge();

	private final Store stateStore = new Store();

	private final Store configStore = new Store();

	private final SecretStore secretStore = new SecretStore();

	private final Production production = new Production();

	private final Http http = new Http();

	/**
	 * Retry settings per subscription, keyed by subscription name (e.g. send-welcome-mail or
	 * Email.sendWelcomeMail); they override the definition's settings.
	 */
	private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

	/**
	 * Worker settings per queue, keyed by queue name (e.g. welcome-email); they override the definition's
	 * settings.
	 */
	private final Map<String, Queue> queues = new LinkedHashMap<>();

	public EventBridge getEventBridge() {
		return this.eventBridge;
	}

	public QueueBridge getQueueBridge() {
		return this.queueBridge;
	}

	public Store getStateStore() {
		return this.stateStore;
	}

	public Store getConfigStore() {
		return this.configStore;
	}

	public SecretStore getSecretStore() {
		return this.secretStore;
	}

	public Production getProduction() {
		return this.production;
	}

	public Http getHttp() {
		return this.http;
	}

	public Map<String, Subscription> getSubscriptions() {
		return this.subscriptions;
	}

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	/**
	 * Find the settings of a subscription. Keys match names ignoring case and punctuation, so
	 * {@code send-welcome-mail}, {@code sendWelcomeMail} and {@code Email.sendWelcomeMail} all address the
	 * subscription {@code sendWelcomeMail} (the last one only in service {@code Email}, and it wins over the
	 * unqualified key).
	 * @param service the service name
	 * @param subscription the subscription name
	 * @return the settings, or {@code null} when none are configured
	 */
	public @Nullable Subscription findSubscription(String service, String subscription) {
		return find(this.subscriptions, service, subscription);
	}

	/**
	 * Find the settings of a queue, matching keys as {@link #findSubscription(String, String)} does.
	 * @param service the service name
	 * @param queue the queue name
	 * @return the settings, or {@code null} when none are configured
	 */
	public @Nullable Queue findQueue(String service, String queue) {
		return find(this.queues, service, queue);
	}

	private static <T> @Nullable T find(Map<String, T> settings, String service, String name) {
		String qualified = normalize(service + name);
		String plain = normalize(name);
		T match = null;
		for (Map.Entry<String, T> entry : settings.entrySet()) {
			String key = normalize(entry.getKey());
			if (key.equals(qualified)) {
				return entry.getValue();
			}
			if (key.equals(plain)) {
				match = entry.getValue();
			}
		}
		return match;
	}

	private static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				normalized.append(Character.toLowerCase(c));
			}
		}
		return normalized.toString();
	}

	/**
	 * Event bridge settings.
	 */
	public static class EventBridge {

		/**
		 * Event bridge implementation: in-memory, amqp, nats, mqtt.
		 */
		private String type = IN_MEMORY;

		/**
		 * How long an invocation waits for its response when the caller gives no timeout.
		 */
		private Duration defaultCommandTimeout = Duration.ofSeconds(30);

		/**
		 * Id of this bridge instance; random when not set.
		 */
		private @Nullable String instanceId;

		private final InMemory inMemory = new InMemory();

		private final OutboundBuffer outboundBuffer = new OutboundBuffer();

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public Duration getDefaultCommandTimeout() {
			return this.defaultCommandTimeout;
		}

		public void setDefaultCommandTimeout(Duration defaultCommandTimeout) {
			this.defaultCommandTimeout = defaultCommandTimeout;
		}

		public @Nullable String getInstanceId() {
			return this.instanceId;
		}

		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
		}

		public InMemory getInMemory() {
			return this.inMemory;
		}

		public OutboundBuffer getOutboundBuffer() {
			return this.outboundBuffer;
		}

	}

	/**
	 * Bounds of a broker event bridge's outbound buffer: what it produced while disconnected (responses, events,
	 * retries, dead letters), published after it reconnected.
	 */
	public static class OutboundBuffer {

		/**
		 * How many messages the outbound buffer holds at most while the broker is unreachable.
		 */
		private int maxMessages = OutboundBufferLimits.DEFAULTS.maxMessages();

		/**
		 * How many bytes of encoded messages the outbound buffer holds at most while the broker is unreachable.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(32);

		public int getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(int maxMessages) {
			this.maxMessages = maxMessages;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		/**
		 * The bounds as the bridges take them.
		 * @return the limits
		 */
		public OutboundBufferLimits toLimits() {
			return new OutboundBufferLimits(this.maxMessages, this.maxBytes.toBytes());
		}

	}

	/**
	 * Settings of the in-memory event bridge.
	 */
	public static class InMemory {

		/**
		 * Whether messages cross the in-memory bridge as JSON copies, so services never share objects and what
		 * fails on a broker fails locally too.
		 */
		private boolean isolation = true;

		/**
		 * How many handlers may run at once on the in-memory bridge.
		 */
		private int maxHandlerThreads = 256;

		/**
		 * Where handlers run: pool (the bridge's threads, default) or caller-thread (faster, but a handler that
		 * blocks also blocks its caller).
		 */
		private HandlerExecution handlerExecution = HandlerExecution.POOL;

		public boolean isIsolation() {
			return this.isolation;
		}

		public void setIsolation(boolean isolation) {
			this.isolation = isolation;
		}

		public int getMaxHandlerThreads() {
			return this.maxHandlerThreads;
		}

		public void setMaxHandlerThreads(int maxHandlerThreads) {
			this.maxHandlerThreads = maxHandlerThreads;
		}

		public HandlerExecution getHandlerExecution() {
			return this.handlerExecution;
		}

		public void setHandlerExecution(HandlerExecution handlerExecution) {
			this.handlerExecution = handlerExecution;
		}

	}

	/**
	 * Queue bridge settings.
	 */
	public static class QueueBridge {

		/**
		 * Queue bridge implementation: in-memory, redis, nats, mqtt.
		 */
		private String type = IN_MEMORY;

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

	}

	/**
	 * Store settings.
	 */
	public static class Store {

		/**
		 * Store implementation: in-memory, redis, aws, dapr.
		 */
		private String type = IN_MEMORY;

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

	}

	/**
	 * Secret store settings.
	 */
	public static class SecretStore extends Store {

		private final InMemorySecrets inMemory = new InMemorySecrets();

		public InMemorySecrets getInMemory() {
			return this.inMemory;
		}

	}

	/**
	 * Settings of the in-memory secret store, meant for the local, ci and test profiles.
	 */
	public static class InMemorySecrets {

		/**
		 * Secrets the in-memory secret store holds from start-up, by name (local, ci and test profiles). Put
		 * [...] around names with characters other than letters, digits, '-' and '.', e.g.
		 * purista.secret-store.in-memory.secrets.[smtp/password]. Values are never logged or shown.
		 */
		private final Map<String, String> secrets = new LinkedHashMap<>();

		public Map<String, String> getSecrets() {
			return this.secrets;
		}

	}

	/**
	 * Guards for the production profile.
	 */
	public static class Production {

		/**
		 * Whether an in-memory event bridge is accepted in the production profile (messages would not leave
		 * the process).
		 */
		private boolean allowInMemory;

		/**
		 * Whether the application's services read secrets. False states that none does: the production
		 * checklist then reports its secret store item as not applicable instead of judging the secret store.
		 */
		private boolean readsSecrets = true;

		public boolean isAllowInMemory() {
			return this.allowInMemory;
		}

		public void setAllowInMemory(boolean allowInMemory) {
			this.allowInMemory = allowInMemory;
		}

		public boolean isReadsSecrets() {
			return this.readsSecrets;
		}

		public void setReadsSecrets(boolean readsSecrets) {
			this.readsSecrets = readsSecrets;
		}

	}

	/**
	 * HTTP exposure of commands (Spring MVC applications).
	 */
	public static class Http {

		/**
		 * Whether commands with HTTP metadata are exposed as routes, with the OpenAPI document at
		 * <base-path>/openapi.json.
		 */
		private boolean enabled = true;

		/**
		 * Path the routes are mounted below: <base-path>/v<service version>/<command path>.
		 */
		private String basePath = "/api";

		/**
		 * Largest request body a route accepts; larger ones are answered 413 without being read.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getBasePath() {
			return this.basePath;
		}

		public void setBasePath(String basePath) {
			this.basePath = basePath;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

	}

	/**
	 * Delivery and retry settings of one subscription.
	 */
	public static class Subscription {

		/**
		 * Whether the subscription's messages are kept by the broker while no instance is connected (needs an
		 * event bridge with durable subscriptions, e.g. amqp).
		 */
		private @Nullable Boolean durable;

		/**
		 * Deliveries before a failing message is dead-lettered (1 = no retry).
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Delay between deliveries of a failing message.
		 */
		private @Nullable Duration retryDelay;

		public @Nullable Boolean getDurable() {
			return this.durable;
		}

		public void setDurable(@Nullable Boolean durable) {
			this.durable = durable;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(@Nullable Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

	}

	/**
	 * Worker settings of one queue.
	 */
	public static class Queue {

		/**
		 * Whether this process runs the queue's worker. Off in a process that only enqueues, such as a
		 * short-lived function whose container is frozen between invocations; enqueueing is unaffected.
		 */
		private boolean enabled = true;

		/**
		 * Attempts before a job is dead-lettered.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * How many jobs run at once.
		 */
		private @Nullable Integer maxParallelHandlers;

		/**
		 * How long a lease lasts before another worker may take the job; heartbeats renew it every third of it
		 * while the handler runs (default from the definition, 30s unless set there).
		 */
		private @Nullable Duration visibilityTimeout;

		/**
		 * Delay before the first retry (later retries double it, plus 25 %).
		 */
		private @Nullable Duration initialRetryDelay;

		/**
		 * Longest delay between retries.
		 */
		private @Nullable Duration maxRetryDelay;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Integer getMaxParallelHandlers() {
			return this.maxParallelHandlers;
		}

		public void setMaxParallelHandlers(@Nullable Integer maxParallelHandlers) {
			this.maxParallelHandlers = maxParallelHandlers;
		}

		public @Nullable Duration getVisibilityTimeout() {
			return this.visibilityTimeout;
		}

		public void setVisibilityTimeout(@Nullable Duration visibilityTimeout) {
			this.visibilityTimeout = visibilityTimeout;
		}

		public @Nullable Duration getInitialRetryDelay() {
			return this.initialRetryDelay;
		}

		public void setInitialRetryDelay(@Nullable Duration initialRetryDelay) {
			this.initialRetryDelay = initialRetryDelay;
		}

		public @Nullable Duration getMaxRetryDelay() {
			return this.maxRetryDelay;
		}

		public void setMaxRetryDelay(@Nullable Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
		}

	}

}
