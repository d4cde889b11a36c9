package dev.purista.nats.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.nats.client.api.StorageType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.purista.nats.NatsEventBridgeOptions;
import dev.purista.nats.NatsEventBridgeOptions.HandlerExecution;
import dev.purista.nats.NatsEventBridgeOptions.PublishTwice;
import dev.purista.nats.NatsSubjects;
import dev.purista.nats.queue.NatsQueueBridgeOptions;
import dev.purista.nats.queue.NatsQueueNames;

/**
 * Settings of PURISTA's NATS connection and event bridge. The instance id (also the connection's name), the
 * default command timeout and the outbound buffer are {@code purista.event-bridge.*}.
 */
@ConfigurationProperties("purista.nats")
public class PuristaNatsProperties {

	/**
	 * NATS server URLs to connect to, tried in turn.
	 */
	private List<String> servers = new ArrayList<>(List.of("nats://localhost:4222"));

	/**
	 * Login user of the NATS server.
	 */
	private @Nullable String username;

	/**
	 * Login password of the NATS server.
	 */
	private @Nullable String password;

	/**
	 * Authentication token of the NATS server.
	 */
	private @Nullable String token;

	/**
	 * Path of a NATS credentials file (a user JWT and NKey seed, as 'nsc' writes it).
	 */
	private @Nullable String credentialsFile;

	/**
	 * How long connecting to one server may take.
	 */
	private Duration connectionTimeout = Duration.ofSeconds(2);

	/**
	 * How long to wait between reconnect attempts to the same server.
	 */
	private Duration reconnectWait = Duration.ofSeconds(2);

	/**
	 * How many reconnect attempts are made after a lost connection before the connection is closed for good; -1
	 * for no limit.
	 */
	private int maxReconnects = -1;

	/**
	 * How often the client pings the server to detect a dead connection.
	 */
	private Duration pingInterval = Duration.ofMinutes(2);

	/**
	 * How much the NATS client buffers while reconnecting, besides the bridge's outbound buffer (which holds what
	 * is produced while PURISTA knows it is disconnected).
	 */
	private DataSize reconnectBufferSize = DataSize.ofMegabytes(8);

	/**
	 * First token of every subject; TypeScript PURISTA's default.
	 */
	private String subjectPrefix = NatsSubjects.DEFAULT_PREFIX;

	/**
	 * When a command response is published a second time on its own subject, for subscriptions; TypeScript
	 * PURISTA's default.
	 */
	private PublishTwice commandResponsePublishTwice = PublishTwice.EVENT_ONLY;

	/**
	 * The most threads that run command and subscription handlers: 4 while handlers finish quickly, more (up to
	 * this many) while handlers block.
	 */
	private int handlerThreads = NatsEventBridgeOptions.DEFAULT_HANDLER_THREADS;

	/**
	 * Where command and subscription handlers run: 'pool' (the handler threads), or 'dispatcher' (the NATS
	 * dispatcher thread that received the message; faster, but a handler that blocks stalls every other message of
	 * the connection: only for handlers that never block).
	 */
	private HandlerExecution handlerExecution = HandlerExecution.POOL;

	/**
	 * How long shutdown waits for this instance's pending invocations and buffered messages.
	 */
	private Duration settleTimeout = NatsEventBridgeOptions.DEFAULT_SETTLE_TIMEOUT;

	/**
	 * How long a subscription change waits for the server to confirm it.
	 */
	private Duration flushTimeout = NatsEventBridgeOptions.DEFAULT_FLUSH_TIMEOUT;

	/**
	 * How long JetStream waits for a durable command's or subscription's acknowledgement before delivering it
	 * again (the consumers' ack wait; TypeScript's jetStreamAckWaitMs).
	 */
	private Duration jetstreamAckWait = NatsEventBridgeOptions.DEFAULT_JETSTREAM_ACK_WAIT;

	/**
	 * How many unacknowledged messages a durable command's or subscription's JetStream consumer hands out at a
	 * time (the consumers' max ack pending; TypeScript's maxMessages).
	 */
	private int maxMessages = NatsEventBridgeOptions.DEFAULT_MAX_MESSAGES;

	private final Ssl ssl = new Ssl();

	private final Queue queue = new Queue();

	public List<String> getServers() {
		return this.servers;
	}

	public void setServers(List<String> servers) {
		this.servers = servers;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable String getCredentialsFile() {
		return this.credentialsFile;
	}

	public void setCredentialsFile(@Nullable String credentialsFile) {
		this.credentialsFile = credentialsFile;
	}

	public Duration getConnectionTimeout() {
		return this.connectionTimeout;
	}

	public void setConnectionTimeout(Duration connectionTimeout) {
		this.connectionTimeout = connectionTimeout;
	}

	public Duration getReconnectWait() {
		return this.reconnectWait;
	}

	public void setReconnectWait(Duration reconnectWait) {
		this.reconnectWait = reconnectWait;
	}

	public int getMaxReconnects() {
		return this.maxReconnects;
	}

	public void setMaxReconnects(int maxReconnects) {
		this.maxReconnects = maxReconnects;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public DataSize getReconnectBufferSize() {
		return this.reconnectBufferSize;
	}

	public void setReconnectBufferSize(DataSize reconnectBufferSize) {
		this.reconnectBufferSize = reconnectBufferSize;
	}

	public String getSubjectPrefix() {
		return this.subjectPrefix;
	}

	public void setSubjectPrefix(String subjectPrefix) {
		this.subjectPrefix = subjectPrefix;
	}

	public PublishTwice getCommandResponsePublishTwice() {
		return this.commandResponsePublishTwice;
	}

	public void setCommandResponsePublishTwice(PublishTwice commandResponsePublishTwice) {
		this.commandResponsePublishTwice = commandResponsePublishTwice;
	}

	public int getHandlerThreads() {
		return this.handlerThreads;
	}

	public void setHandlerThreads(int handlerThreads) {
		this.handlerThreads = handlerThreads;
	}

	public HandlerExecution getHandlerExecution() {
		return this.handlerExecution;
	}

	public void setHandlerExecution(HandlerExecution handlerExecution) {
		this.handlerExecution = handlerExecution;
	}

	public Duration getSettleTimeout() {
		return this.settleTimeout;
	}

	public void setSettleTimeout(Duration settleTimeout) {
		this.settleTimeout = settleTimeout;
	}

	public Duration getFlushTimeout() {
		return this.flushTimeout;
	}

	public void setFlushTimeout(Duration flushTimeout) {
		this.flushTimeout = flushTimeout;
	}

	public Duration getJetstreamAckWait() {
		return this.jetstreamAckWait;
	}

	public void setJetstreamAckWait(Duration jetstreamAckWait) {
		this.jetstreamAckWait = jetstreamAckWait;
	}

	public int getMaxMessages() {
		return this.maxMessages;
	}

	public void setMaxMessages(int maxMessages) {
		this.maxMessages = maxMessages;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Queue getQueue() {
		return this.queue;
	}

	/**
	 * The JetStream queue bridge ({@code purista.queue-bridge.type=nats}).
	 */
	public static class Queue {

		/**
		 * Subject prefix of every queue; streams, consumers and the idempotency bucket are named after it as
		 * TypeScript PURISTA names them.
		 */
		private String subjectPrefix = NatsQueueNames.DEFAULT_SUBJECT_PREFIX;

		/**
		 * Lease time of jobs enqueued without one, and ack_wait of the consumers the bridge creates.
		 */
		private Duration defaultLeaseTtl = NatsQueueBridgeOptions.DEFAULT_LEASE_TTL;

		/**
		 * Attempts of jobs enqueued without a maximum.
		 */
		private int defaultMaxAttempts = NatsQueueBridgeOptions.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Storage of the streams and the idempotency bucket the bridge creates.
		 */
		private StorageType storage = StorageType.File;

		/**
		 * How many due delayed jobs one release moves at most.
		 */
		private int releaseBatchSize = NatsQueueBridgeOptions.DEFAULT_RELEASE_BATCH_SIZE;

		/**
		 * How long an enqueue waits for a concurrent enqueue of the same idempotency key before failing with 503.
		 */
		private Duration idempotencyPendingTimeout = NatsQueueBridgeOptions.DEFAULT_IDEMPOTENCY_PENDING_TIMEOUT;

		/**
		 * Longest single wait of a lease call before it looks again for due delayed jobs and expired leases.
		 */
		private Duration pollInterval = NatsQueueBridgeOptions.DEFAULT_POLL_INTERVAL;

		public String getSubjectPrefix() {
			return this.subjectPrefix;
		}

		public void setSubjectPrefix(String subjectPrefix) {
			this.subjectPrefix = subjectPrefix;
		}

		public Duration getDefaultLeaseTtl() {
			return this.defaultLeaseTtl;
		}

		public void setDefaultLeaseTtl(Duration defaultLeaseTtl) {
			this.defaultLeaseTtl = defaultLeaseTtl;
		}

		public int getDefaultMaxAttempts() {
			return this.defaultMaxAttempts;
		}

		public void setDefaultMaxAttempts(int defaultMaxAttempts) {
			this.defaultMaxAttempts = defaultMaxAttempts;
		}

		public StorageType getStorage() {
			return this.storage;
		}

		public void setStorage(StorageType storage) {
			this.storage = storage;
		}

		public int getReleaseBatchSize() {
			return this.releaseBatchSize;
		}

		public void setReleaseBatchSize(int releaseBatchSize) {
			this.releaseBatchSize = releaseBatchSize;
		}

		public Duration getIdempotencyPendingTimeout() {
			return this.idempotencyPendingTimeout;
		}

		public void setIdempotencyPendingTimeout(Duration idempotencyPendingTimeout) {
			this.idempotencyPendingTimeout = idempotencyPendingTimeout;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * TLS to the NATS server.
	 */
	public static class Ssl {

		/**
		 * Whether to connect with TLS. Enabled automatically when a bundle is set; without a bundle, the JVM's
		 * default trust store is used.
		 */
		private @Nullable Boolean enabled;

		/**
		 * SSL bundle (spring.ssl.bundle.*) with the certificates to trust and, for mutual TLS, to present.
		 */
		private @Nullable String bundle;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
