package dev.purista.aws;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import dev.purista.test.aws.SecretsManagerEmulator;

/**
 * Builds a real SDK client talking to a {@link SecretsManagerEmulator}.
 */
final class AwsTestSupport {

	/** The client's per-attempt timeout: the emulator's delay fault exceeds it. */
	static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);

	private AwsTestSupport() {
	}

	/**
	 * A client with the SDK's default timeouts and retries.
	 */
	static SecretsManagerClient client(SecretsManagerEmulator emulator) {
		return builder(emulator).build();
	}

	/**
	 * A client whose attempts time out after {@link #ATTEMPT_TIMEOUT}, with the SDK's default retries.
	 */
	static SecretsManagerClient clientWithShortTimeouts(SecretsManagerEmulator emulator) {
		return builder(emulator).overrideConfiguration((override) -> override.apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
			.apiCallTimeout(ATTEMPT_TIMEOUT.multipliedBy(4))).build();
	}

	private static SecretsManagerClientBuilder builder(SecretsManagerEmulator emulator) {
		return SecretsManagerClient.builder()
			.endpointOverride(emulator.endpoint())
			.region(Region.EU_CENTRAL_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.httpClient(UrlConnectionHttpClient.create());
	}

}
