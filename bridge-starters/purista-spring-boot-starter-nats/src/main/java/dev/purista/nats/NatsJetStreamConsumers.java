package dev.purista.nats;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.MessageHandler;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.UnhandledException;
import dev.purista.nats.NatsJetStreamNames.Kind;

/**
 * Creates the JetStream streams and durable push consumers of durable commands and subscriptions as TypeScript
 * PURISTA's {@code NatsBridge} does, and subscribes to them: the stream is the one that already captures the
 * subject (found by subject) or a new one named {@link NatsJetStreamNames#stream} with file storage and work-queue
 * (commands) or interest (subscriptions) retention; the consumer is durable, explicitly acknowledged, with the
 * bridge's ack wait and {@code max_ack_pending}, filtered on the subject, and, when shared, delivered to the queue
 * group as its deliver group. An existing consumer is bound as it is. Calls block on JetStream API requests.
 */
final class NatsJetStreamConsumers {

	private static final Log logger = LogFactory.getLog(NatsJetStreamConsumers.class);

	private final Connection connection;

	private final NatsJetStreamNames names;

	private final NatsEventBridgeOptions options;

	private final JetStreamManagement management;

	private final JetStream jetStream;

	NatsJetStreamConsumers(Connection connection, NatsEventBridgeOptions options) throws IOException {
		this.connection = connection;
		this.options = options;
		this.names = new NatsJetStreamNames(options.subjectPrefix());
		this.management = connection.jetStreamManagement();
		this.jetStream = connection.jetStream();
	}

	/**
	 * The JetStream context, for publishing dead letters.
	 * @return the context
	 */
	JetStream jetStream() {
		return this.jetStream;
	}

	/**
	 * Subscribe to a command's or subscription's durable consumer, creating the stream and consumer when missing.
	 * @param consumer what to subscribe
	 * @param dispatcher the dispatcher that calls the handler
	 * @param handler gets every delivered message; acknowledges it itself
	 * @return the subscription
	 * @throws UnhandledException 501 if the server has no JetStream, 500 if JetStream refused the stream or
	 * consumer
	 */
	JetStreamSubscription subscribe(DurableConsumer consumer, Dispatcher dispatcher, MessageHandler handler) {
		if (!this.connection.getServerInfo().isJetStreamAvailable()) {
			throw new UnhandledException(501, "NATS " + consumer.kind().wireName() + " " + consumer.name()
					+ " needs JetStream, which the server does not offer (start it with -js)", null, null);
		}
		try {
			String stream = stream(consumer.subject(), (consumer.kind() == Kind.COMMAND) ? RetentionPolicy.WorkQueue
					: RetentionPolicy.Interest, consumer.kind());
			ConsumerConfiguration configuration = ConsumerConfiguration.builder()
				.durable(consumer.name())
				// a work-queue stream accepts only deliver-all consumers (server error 10101): TypeScript's
				// deliverNew is refused there
				.deliverPolicy((consumer.kind() == Kind.COMMAND) ? DeliverPolicy.All : DeliverPolicy.New)
				.ackPolicy(AckPolicy.Explicit)
				.ackWait(this.options.jetStreamAckWait())
				.maxAckPending(this.options.maxMessages())
				.filterSubject(consumer.subject())
				.maxDeliver(consumer.maxDeliver())
				.deliverGroup(consumer.queueGroup())
				.build();
			JetStreamSubscription subscription = this.jetStream.subscribe(consumer.subject(), consumer.queueGroup(),
					dispatcher, handler, false,
					PushSubscribeOptions.builder().stream(stream).configuration(configuration).build());
			logger.debug("Subscribed to JetStream consumer " + consumer.name() + " of stream " + stream + " on "
					+ consumer.subject());
			return subscription;
		}
		catch (IOException | JetStreamApiException | IllegalArgumentException | IllegalStateException ex) {
			throw new UnhandledException(500, "JetStream refused consumer " + consumer.name() + " on "
					+ consumer.subject() + ": " + ex.getMessage() + " (an existing consumer of that name with other "
					+ "settings is not changed: delete it or align purista.nats.jetstream-ack-wait, "
					+ "purista.nats.max-messages and maxAttempts)", null, null, ex);
		}
	}

	/**
	 * The stream that captures a dead-letter subject, created with limits retention when missing, so that dead
	 * letters stay for inspection.
	 * @param subject the dead-letter subject
	 * @throws IOException if the server could not be asked
	 * @throws JetStreamApiException if JetStream refused the stream
	 */
	void ensureDeadLetterStream(String subject) throws IOException, JetStreamApiException {
		stream(subject, RetentionPolicy.Limits, Kind.SUBSCRIPTION);
	}

	private String stream(String subject, RetentionPolicy retention, Kind kind)
			throws IOException, JetStreamApiException {
		String found = find(subject);
		if (found != null) {
			return found;
		}
		String name = this.names.stream(kind, subject);
		try {
			this.management.addStream(StreamConfiguration.builder()
				.name(name)
				.subjects(subject)
				.retentionPolicy(retention)
				.storageType(StorageType.File)
				.build());
			logger.info("Created JetStream stream " + name + " (" + retention + ") for " + subject);
		}
		catch (JetStreamApiException ex) {
			found = find(subject);
			if (found == null) {
				throw new IllegalStateException("no JetStream stream captures " + subject + " and stream " + name
						+ " could not be created: " + ex.getMessage() + " (streams on overlapping subjects, e.g. "
						+ String.join(", ", this.management.getStreamNames(subject))
						+ ", cannot coexist on one server account)", ex);
			}
			// raced with another instance
		}
		return Objects.requireNonNullElse(find(subject), name);
	}

	/**
	 * The stream that captures every message of a subject: the server's lookup by subject also returns streams
	 * whose subjects merely overlap it (as TypeScript's {@code streams.find} takes them), which a consumer filtered
	 * on the subject cannot use.
	 */
	private @Nullable String find(String subject) throws IOException, JetStreamApiException {
		for (String name : this.management.getStreamNames(subject)) {
			StreamConfiguration configuration = this.management.getStreamInfo(name).getConfiguration();
			for (String captured : configuration.getSubjects()) {
				if (covers(captured, subject)) {
					return name;
				}
			}
		}
		return null;
	}

	/**
	 * Whether every subject matching {@code subject} matches {@code captured}.
	 */
	static boolean covers(String captured, String subject) {
		String[] capturedTokens = captured.split("\\.", -1);
		String[] tokens = subject.split("\\.", -1);
		for (int i = 0; i < capturedTokens.length; i++) {
			if (capturedTokens[i].equals(">")) {
				return tokens.length > i;
			}
			if (i >= tokens.length || tokens[i].equals(">")
					|| (!capturedTokens[i].equals("*") && !capturedTokens[i].equals(tokens[i]))) {
				return false;
			}
		}
		return capturedTokens.length == tokens.length;
	}

	/**
	 * A durable command's or subscription's consumer.
	 *
	 * @param kind command or subscription
	 * @param subject the subscribed subject
	 * @param name the consumer's durable name
	 * @param queueGroup the queue and deliver group when shared, else {@code null}
	 * @param maxDeliver how often JetStream delivers a message at most
	 */
	record DurableConsumer(Kind kind, String subject, String name, @Nullable String queueGroup, int maxDeliver) {

		DurableConsumer {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(subject, "subject");
			Objects.requireNonNull(name, "name");
		}

	}

}
