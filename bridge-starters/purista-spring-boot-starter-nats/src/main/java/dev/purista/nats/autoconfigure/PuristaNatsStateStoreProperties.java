package dev.purista.nats.autoconfigure;

import io.nats.client.api.StorageType;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.purista.nats.store.NatsStateStore;

/**
 * Settings of the NATS state store ({@code purista.nats.state-store.*}); the connection is configured by
 * {@code purista.nats.*}.
 */
@ConfigurationProperties("purista.nats.state-store")
public class PuristaNatsStateStoreProperties {

	/**
	 * JetStream key-value bucket of the state store (TypeScript's keyValueStoreName).
	 */
	private String bucket = NatsStateStore.DEFAULT_BUCKET;

	/**
	 * Storage of the bucket when the store creates it.
	 */
	private StorageType storage = StorageType.File;

	public String getBucket() {
		return this.bucket;
	}

	public void setBucket(String bucket) {
		this.bucket = bucket;
	}

	public StorageType getStorage() {
		return this.storage;
	}

	public void setStorage(StorageType storage) {
		this.storage = storage;
	}

}
