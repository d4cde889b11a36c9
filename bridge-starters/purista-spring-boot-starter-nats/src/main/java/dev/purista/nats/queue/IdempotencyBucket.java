package dev.purista.nats.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.purista.core.error.ServiceUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.queue.EnqueueResult;
import dev.purista.core.queue.QueueMessage;

/**
 * Idempotent enqueues through TypeScript's key-value bucket {@code <prefix>_idempotency}: a record
 * {@code {state, result, message, updatedAt}} under {@link NatsQueueNames#idempotencyRecordKey} is created
 * ({@code publishing}) before the job is published and updated ({@code published}) after; a key seen before
 * returns the first result, waiting up to the pending timeout for a concurrent first enqueue. The bucket is
 * opened (and created when missing) on first use.
 */
final class IdempotencyBucket {

	private static final Log logger = LogFactory.getLog(NatsQueueBridge.class);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

	private final JetStreamClient client;

	private final JobJson json;

	private final String bucket;

	private final Duration pendingTimeout;

	private volatile @Nullable KeyValue store;

	IdempotencyBucket(JetStreamClient client, JobJson json, String bucket, Duration pendingTimeout) {
		this.client = client;
		this.json = json;
		this.bucket = bucket;
		this.pendingTimeout = pendingTimeout;
	}

	/**
	 * Enqueue a job once per key.
	 * @param queueName the queue
	 * @param idempotencyKey the key
	 * @param message the job
	 * @param result the result of this enqueue, should it be the first
	 * @param publish publishes the job
	 * @return the first enqueue's result
	 */
	EnqueueResult enqueue(String queueName, String idempotencyKey, QueueMessage message, EnqueueResult result,
			Runnable publish) {
		KeyValue store = store();
		String key = NatsQueueNames.idempotencyRecordKey(queueName, idempotencyKey);
		long revision;
		try {
			revision = store.create(key, record("publishing", result, message));
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == JetStreamClient.WRONG_LAST_SEQUENCE
					|| String.valueOf(ex.getMessage()).contains("wrong last sequence")) {
				if (logger.isDebugEnabled()) {
					logger.debug("Idempotency key seen before on queue '" + queueName + "'");
				}
				return existingResult(store, key, queueName);
			}
			throw this.client.failure("enqueue a job (idempotency record)", queueName, ex);
		}
		catch (IOException ex) {
			throw this.client.failure("enqueue a job (idempotency record)", queueName, ex);
		}
		try {
			publish.run();
		}
		catch (RuntimeException ex) {
			try {
				store.delete(key);
			}
			catch (IOException | JetStreamApiException deleteFailure) {
				ex.addSuppressed(deleteFailure);
			}
			throw ex;
		}
		try {
			store.update(key, record("published", result, message), revision);
		}
		catch (IOException | JetStreamApiException ex) {
			logger.warn("Job " + result.jobId() + " of queue '" + queueName + "' was enqueued, but its idempotency "
					+ "record could not be marked published; repeats of its key wait and then fail with 503: " + ex);
		}
		return result;
	}

	private EnqueueResult existingResult(KeyValue store, String key, String queueName) {
		long deadline = System.nanoTime() + this.pendingTimeout.toNanos();
		boolean seen = false;
		while (true) {
			KeyValueEntry entry = this.client.call("read an idempotency record", queueName, () -> store.get(key));
			if (entry != null && entry.getValue() != null) {
				seen = true;
				try {
					JsonNode record = this.json.codec().mapper().readTree(entry.getValue());
					if ("published".equals(record.path("state").asString(""))) {
						return this.json.codec().mapper().treeToValue(record.path("result"), EnqueueResult.class);
					}
				}
				catch (JacksonException ex) {
					throw new UnhandledException("NATS idempotency record '" + key + "' is not readable: "
							+ ex.getOriginalMessage(), ex);
				}
			}
			if (System.nanoTime() - deadline > 0) {
				break;
			}
			LockSupport.parkNanos(POLL_NANOS);
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		if (seen) {
			throw new ServiceUnavailableException("NATS idempotent enqueue for key \"" + key
					+ "\" is still pending and could not be confirmed", null);
		}
		throw new UnhandledException("NATS idempotency record could not be read");
	}

	private byte[] record(String state, EnqueueResult result, QueueMessage message) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("state", state);
		record.put("result", result);
		record.put("message", message);
		record.put("updatedAt", System.currentTimeMillis());
		return this.json.write(record, "idempotency record");
	}

	private KeyValue store() {
		KeyValue current = this.store;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.store == null) {
				this.store = this.client.call("open the idempotency bucket", this.bucket, () -> {
					KeyValueManagement management = this.client.connection().keyValueManagement();
					try {
						management.getStatus(this.bucket);
					}
					catch (JetStreamApiException ex) {
						if (ex.getApiErrorCode() != JetStreamClient.STREAM_NOT_FOUND) {
							throw ex;
						}
						try {
							management.create(KeyValueConfiguration.builder()
								.name(this.bucket)
								.maxHistoryPerKey(1)
								.storageType(this.client.storageType())
								.build());
						}
						catch (JetStreamApiException createFailure) {
							if (createFailure.getApiErrorCode() != JetStreamClient.STREAM_NAME_IN_USE) {
								throw createFailure;
							}
						}
					}
					return this.client.connection().keyValue(this.bucket);
				});
			}
			return Objects.requireNonNull(this.store);
		}
	}

}
