package dev.purista.nats.store;

import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.purista.core.message.MessageCodec;
import dev.purista.core.store.StateStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.nats.NatsTestSupport;
import dev.purista.test.store.AbstractStateStoreTests;

/**
 * {@link NatsStateStore} against a real nats-server with JetStream: the state store contract, on a bucket of this
 * run that is deleted before every test (the store creates it again on first use).
 */
class NatsStateStoreContractIntegrationTests extends AbstractStateStoreTests {

	private static final String BUCKET = "purista-state-contract-" + UUID.randomUUID().toString().substring(0, 8);

	private static NatsTestSupport nats;

	private static Connection direct;

	@BeforeAll
	static void connect() {
		nats = new NatsTestSupport();
		direct = nats.connect();
	}

	@AfterAll
	static void deleteBucketAndDisconnect() throws Exception {
		if (direct != null) {
			deleteBucket();
			direct.close();
		}
	}

	@BeforeEach
	void emptyBucket() throws Exception {
		deleteBucket();
	}

	@Override
	protected StateStore createStore(StoreOptions options) {
		return new NatsStateStore(nats.options(), BUCKET, StorageType.Memory, new MessageCodec(), options);
	}

	private static void deleteBucket() throws Exception {
		try {
			direct.keyValueManagement().delete(BUCKET);
		}
		catch (JetStreamApiException ex) {
			// not created yet
		}
	}

}
