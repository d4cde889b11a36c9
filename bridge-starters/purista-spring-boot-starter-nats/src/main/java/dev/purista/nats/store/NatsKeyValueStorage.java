package dev.purista.nats.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import org.jspecify.annotations.Nullable;

import dev.purista.core.error.StatusCode;
import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.KeyValueStorage;

/**
 * JSON text in a JetStream key-value bucket as TypeScript PURISTA's {@code NatsStateStore} keeps it: the key is the
 * name as given (names NATS refuses as keys are escaped, see {@link NatsStateKeys}), the value the JSON text's UTF-8
 * bytes ({@code JSONCodec}), written with {@code kv.put}, read with {@code kv.get} (one request per key; a delete or
 * purge marker or an empty value reads as missing) and removed with {@code kv.delete}. The bucket is looked up on
 * first use and created when it does not exist.
 * <p>
 * Owns one connection, opened lazily under a lock; while it is not {@code CONNECTED} every operation fails at once
 * with a {@link StoreUnavailableException}, as do requests that time out. Answers of the server that are errors
 * fail with a 500. Thread-safe.
 */
final class NatsKeyValueStorage implements KeyValueStorage {

	private static final int STREAM_NOT_FOUND = 10059;

	private static final int STREAM_NAME_IN_USE = 10058;

	private final String storeName;

	private final Options natsOptions;

	private final String bucket;

	private final StorageType storage;

	private final Object monitor = new Object();

	private volatile @Nullable Connection connection;

	private volatile @Nullable KeyValue keyValue;

	private volatile boolean closed;

	NatsKeyValueStorage(String storeName, Options natsOptions, String bucket, StorageType storage) {
		this.storeName = Objects.requireNonNull(storeName, "storeName");
		this.natsOptions = named(Objects.requireNonNull(natsOptions, "natsOptions"), storeName);
		this.bucket = Objects.requireNonNull(bucket, "bucket");
		this.storage = Objects.requireNonNull(storage, "storage");
	}

	String bucket() {
		return this.bucket;
	}

	@Override
	public Map<String, String> get(List<String> keys) {
		KeyValue store = keyValue("read " + describe(keys));
		Map<String, String> found = new LinkedHashMap<>();
		for (String key : keys) {
			KeyValueEntry entry = call("read key '" + key + "'", () -> store.get(NatsStateKeys.key(key)));
			if (entry != null && entry.getOperation() == KeyValueOperation.PUT && entry.getValue() != null
					&& entry.getValue().length > 0) {
				found.put(key, new String(entry.getValue(), StandardCharsets.UTF_8));
			}
		}
		return found;
	}

	@Override
	public void put(String key, String json) {
		String operation = "write key '" + key + "'";
		KeyValue store = keyValue(operation);
		call(operation, () -> store.put(NatsStateKeys.key(key), json.getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public void delete(String key) {
		String operation = "delete key '" + key + "'";
		KeyValue store = keyValue(operation);
		call(operation, () -> {
			store.delete(NatsStateKeys.key(key));
			return null;
		});
	}

	/**
	 * Connected now, connecting first when the store never was.
	 */
	@Override
	public boolean isHealthy() {
		try {
			return connection("check health").getStatus() == Connection.Status.CONNECTED;
		}
		catch (StoreUnavailableException ex) {
			return false;
		}
	}

	void close() {
		Connection current;
		synchronized (this.monitor) {
			this.closed = true;
			current = this.connection;
			this.connection = null;
			this.keyValue = null;
		}
		if (current != null) {
			try {
				current.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private KeyValue keyValue(String operation) {
		Connection current = connection(operation);
		if (current.getStatus() != Connection.Status.CONNECTED) {
			throw unavailable(operation, "the connection is " + current.getStatus(), null);
		}
		KeyValue store = this.keyValue;
		if (store != null) {
			return store;
		}
		synchronized (this.monitor) {
			if (this.keyValue == null) {
				this.keyValue = call("open bucket '" + this.bucket + "'", () -> {
					ensureBucket(current.keyValueManagement());
					return current.keyValue(this.bucket);
				});
			}
			return Objects.requireNonNull(this.keyValue);
		}
	}

	private void ensureBucket(KeyValueManagement management) throws IOException, JetStreamApiException {
		try {
			management.getStatus(this.bucket);
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() != STREAM_NOT_FOUND) {
				throw ex;
			}
			try {
				management.create(KeyValueConfiguration.builder()
					.name(this.bucket)
					.maxHistoryPerKey(1)
					.storageType(this.storage)
					.build());
			}
			catch (JetStreamApiException createFailure) {
				// another instance created it in the meantime
				if (createFailure.getApiErrorCode() != STREAM_NAME_IN_USE) {
					throw createFailure;
				}
			}
		}
	}

	private Connection connection(String operation) {
		Connection current = this.connection;
		if (current != null) {
			return current;
		}
		synchronized (this.monitor) {
			if (this.closed) {
				throw new StoreUnavailableException(this.storeName + " could not " + operation + ": it was destroyed",
						null);
			}
			if (this.connection == null) {
				try {
					this.connection = Nats.connect(this.natsOptions);
				}
				catch (IOException ex) {
					throw unavailable(operation, ex.getMessage(), ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw unavailable(operation, "interrupted while connecting", ex);
				}
			}
			return Objects.requireNonNull(this.connection);
		}
	}

	private <T> T call(String operation, NatsCall<T> action) {
		try {
			return action.call();
		}
		catch (IOException ex) {
			throw unavailable(operation, ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(operation, "interrupted", ex);
		}
		catch (JetStreamApiException | IllegalArgumentException ex) {
			throw new UnhandledException(StatusCode.INTERNAL_SERVER_ERROR.code(),
					this.storeName + " could not " + operation + " in bucket '" + this.bucket + "': " + ex.getMessage(),
					null, null, ex);
		}
	}

	private StoreUnavailableException unavailable(String operation, @Nullable String reason,
			@Nullable Throwable cause) {
		return new StoreUnavailableException(
				this.storeName + " could not " + operation + ": NATS is unavailable (" + reason + ")", cause);
	}

	private static Options named(Options options, String name) {
		if (options.getConnectionName() != null) {
			return options;
		}
		return new Options.Builder(options).connectionName(name).build();
	}

	private static String describe(List<String> keys) {
		return (keys.size() == 1) ? "key '" + keys.get(0) + "'" : keys.size() + " keys";
	}

	@Override
	public String toString() {
		return "NatsKeyValueStorage[bucket=" + this.bucket + "]";
	}

	/**
	 * One jnats call.
	 */
	@FunctionalInterface
	private interface NatsCall<T> {

		@Nullable T call() throws IOException, JetStreamApiException, InterruptedException;

	}

}
