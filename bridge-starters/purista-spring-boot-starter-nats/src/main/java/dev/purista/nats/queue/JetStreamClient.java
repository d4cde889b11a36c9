package dev.purista.nats.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.BridgeStoppingException;
import dev.purista.core.error.PuristaException;

/**
 * The JetStream calls of one {@link NatsQueueBridge}: publishing, acking, creating streams and consumers, with
 * JetStream's failures turned into {@link PuristaException}s that name the operation and queue
 * ({@link BridgeStoppingException} once the bridge is destroyed). Safe to use from many threads.
 */
final class JetStreamClient {

	static final int STREAM_NOT_FOUND = 10059;

	static final int STREAM_NAME_IN_USE = 10058;

	static final int CONSUMER_NOT_FOUND = 10014;

	static final int NO_MESSAGE_FOUND = 10037;

	static final int WRONG_LAST_SEQUENCE = 10071;

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

	private final String bridgeName;

	private final String instanceId;

	private final Supplier<Connection> connection;

	private final BooleanSupplier destroyed;

	private final StorageType storageType;

	private volatile @Nullable JetStream jetStream;

	JetStreamClient(String bridgeName, String instanceId, Supplier<Connection> connection, BooleanSupplier destroyed,
			StorageType storageType) {
		this.bridgeName = bridgeName;
		this.instanceId = instanceId;
		this.connection = connection;
		this.destroyed = destroyed;
		this.storageType = storageType;
	}

	Connection connection() {
		return this.connection.get();
	}

	StorageType storageType() {
		return this.storageType;
	}

	/**
	 * Publish to a stream's subject and wait for JetStream to confirm it stored the message.
	 */
	void publish(String subject, @Nullable Headers headers, byte[] data, String operation, String queueName) {
		call(operation, queueName, () -> jetStream().publish(subject, headers, data));
	}

	/**
	 * Ack a delivered message and wait for JetStream's confirmation.
	 */
	void ack(Message delivered, String queueName, String operation) {
		try {
			delivered.ackSync(ACK_TIMEOUT);
		}
		catch (TimeoutException ex) {
			throw new PuristaException(this.bridgeName + " could not " + operation + " on queue '" + queueName
					+ "': JetStream did not confirm the ack in time; the job is redelivered after ack_wait", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PuristaException(this.bridgeName + " was interrupted acking on queue '" + queueName + "'", ex);
		}
	}

	/**
	 * Create a stream unless it exists (another instance may create it at the same time).
	 */
	void ensureStream(String stream, String subject, RetentionPolicy retention, String queueName) {
		JetStreamManagement jsm = management();
		call("create stream " + stream, queueName, () -> {
			try {
				return jsm.getStreamInfo(stream);
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != STREAM_NOT_FOUND) {
					throw ex;
				}
			}
			try {
				return jsm.addStream(StreamConfiguration.builder()
					.name(stream)
					.subjects(subject)
					.retentionPolicy(retention)
					.storageType(this.storageType)
					.build());
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != STREAM_NAME_IN_USE) {
					throw ex;
				}
				return jsm.getStreamInfo(stream);
			}
		});
	}

	/**
	 * Create a durable pull consumer as TypeScript configures it unless it exists.
	 * @return the consumer's {@code ack_wait}
	 */
	Duration ensureConsumer(String stream, String consumer, String subject, Duration ackWait, String queueName) {
		JetStreamManagement jsm = management();
		return call("create consumer " + consumer, queueName, () -> {
			try {
				return jsm.getConsumerInfo(stream, consumer).getConsumerConfiguration().getAckWait();
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != CONSUMER_NOT_FOUND) {
					throw ex;
				}
			}
			return jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
				.name(consumer)
				.durable(consumer)
				.filterSubject(subject)
				.ackPolicy(AckPolicy.Explicit)
				.deliverPolicy(DeliverPolicy.All)
				.ackWait(ackWait)
				.maxDeliver(-1)
				.maxAckPending(1024)
				.build()).getConsumerConfiguration().getAckWait();
		});
	}

	/**
	 * Read one stored message of a stream.
	 * @return the message, or {@code null} when the sequence holds none (deleted)
	 */
	@Nullable MessageInfo storedMessage(String stream, long seq, String operation, String queueName) {
		try {
			return management().getMessage(stream, seq);
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == NO_MESSAGE_FOUND) {
				return null;
			}
			throw failure(operation, queueName, ex);
		}
		catch (IOException ex) {
			throw failure(operation, queueName, ex);
		}
	}

	<T> T call(String operation, String queueName, NatsCall<T> action) {
		try {
			return action.call();
		}
		catch (IOException | JetStreamApiException ex) {
			throw failure(operation, queueName, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PuristaException(this.bridgeName + " was interrupted trying to " + operation + " on queue '"
					+ queueName + "'", ex);
		}
	}

	PuristaException failure(String operation, String queueName, Exception ex) {
		if (this.destroyed.getAsBoolean()) {
			return new BridgeStoppingException(this.bridgeName + " " + this.instanceId + " was destroyed and could not "
					+ operation + " on queue '" + queueName + "': " + ex.getMessage(), null);
		}
		return new PuristaException(this.bridgeName + " could not " + operation + " on queue '" + queueName + "': "
				+ ex.getMessage(), ex);
	}

	JetStream jetStream() throws IOException {
		JetStream current = this.jetStream;
		if (current == null) {
			current = connection().jetStream();
			this.jetStream = current;
		}
		return current;
	}

	JetStreamManagement management() {
		try {
			return connection().jetStreamManagement();
		}
		catch (IOException ex) {
			throw failure("reach JetStream", "-", ex);
		}
	}


	/**
	 * The exception for a fetch that failed: {@link BridgeStoppingException} once the bridge is destroyed.
	 */
	PuristaException fetchFailure(RuntimeException ex) {
		if (this.destroyed.getAsBoolean()) {
			return new BridgeStoppingException(
					this.bridgeName + " " + this.instanceId + " was destroyed while fetching", null);
		}
		return new PuristaException(this.bridgeName + " could not fetch jobs: " + ex.getMessage(), ex);
	}

	/**
	 * A JetStream call.
	 * @param <T> its result
	 */
	@FunctionalInterface
	interface NatsCall<T> {

		T call() throws IOException, JetStreamApiException, InterruptedException;

	}

}
