package dev.purista.aws;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.purista.core.store.SecretStore;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.aws.SecretsManagerEmulator;
import dev.purista.test.store.AbstractSecretStoreTests;

/**
 * {@link AwsSecretStore} passes the secret store contract through the real AWS SDK against the
 * {@link SecretsManagerEmulator}.
 */
class AwsSecretStoreContractIntegrationTests extends AbstractSecretStoreTests {

	private static SecretsManagerEmulator emulator;

	private static SecretsManagerClient client;

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = SecretsManagerEmulator.start();
		client = AwsTestSupport.client(emulator);
	}

	@AfterAll
	static void stopEmulator() {
		client.close();
		emulator.close();
	}

	@Override
	protected SecretStore createStore(StoreOptions options) {
		emulator.reset();
		return new AwsSecretStore(client, options);
	}

}
