package dev.purista.nats.store;

import io.nats.client.Options;
import io.nats.client.api.StorageType;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.KeyValueStateStore;
import dev.purista.core.store.StoreOptions;

/**
 * A state store in a NATS JetStream key-value bucket, sharing the bucket with TypeScript PURISTA's
 * {@code NatsStateStore}: bucket {@code purista-state-store} unless another is given (TypeScript's
 * {@code keyValueStoreName}), key = name as given (names that NATS refuses as keys, and which TypeScript therefore
 * cannot store, are escaped: {@link NatsStateKeys}), value = the JSON text as UTF-8 bytes; removing writes the
 * bucket's delete marker ({@code kv.delete}). A missing bucket is created (history 1, the given storage), as
 * TypeScript's {@code js.views.kv} does. Values read back as JSON trees; an entry without bytes reads as missing.
 * <p>
 * The store owns a connection of its own, opened on first use (or by {@link #isHealthy()}) and closed by
 * {@link #destroy()}; after it was opened once the client reconnects by itself. While NATS cannot be reached,
 * every operation fails at once with a {@link dev.purista.core.error.StoreUnavailableException} (503) and the
 * store is unhealthy. Thread-safe; each operation blocks for one JetStream round trip per name.
 */
public class NatsStateStore extends KeyValueStateStore {

	/** The store name (TypeScript's). */
	public static final String NAME = "NatsStateStore";

	/** TypeScript's default bucket ({@code keyValueStoreName}). */
	public static final String DEFAULT_BUCKET = "purista-state-store";

	private final NatsKeyValueStorage storage;

	/**
	 * Create a store on TypeScript's default bucket with file storage.
	 * @param natsOptions how to connect; a connection without a name is named {@value #NAME}
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public NatsStateStore(Options natsOptions, MessageCodec codec, StoreOptions options) {
		this(natsOptions, DEFAULT_BUCKET, StorageType.File, codec, options);
	}

	/**
	 * Create a store.
	 * @param natsOptions how to connect; a connection without a name is named {@value #NAME}
	 * @param bucket the key-value bucket
	 * @param storage the storage of the bucket when the store creates it
	 * @param codec the codec for JSON values
	 * @param options which operations are enabled
	 */
	public NatsStateStore(Options natsOptions, String bucket, StorageType storage, MessageCodec codec,
			StoreOptions options) {
		this(new NatsKeyValueStorage(NAME, natsOptions, bucket, storage), codec, options);
	}

	private NatsStateStore(NatsKeyValueStorage storage, MessageCodec codec, StoreOptions options) {
		super(NAME, storage, codec, options);
		this.storage = storage;
	}

	/**
	 * The key-value bucket the store keeps its values in.
	 * @return the bucket name
	 */
	public String bucket() {
		return this.storage.bucket();
	}

	/**
	 * Close the store's connection.
	 */
	@Override
	public void destroy() {
		this.storage.close();
	}

}
