package dev.purista.aws;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import dev.purista.core.error.StoreUnavailableException;
import dev.purista.core.error.UnhandledException;
import dev.purista.core.store.StoreOptions;
import dev.purista.test.aws.SecretsManagerEmulator;
import dev.purista.test.aws.SecretsManagerEmulator.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Faults of Secrets Manager, injected by the {@link SecretsManagerEmulator} under the real AWS SDK and its
 * retries: throttling, 5xx and timeouts make {@link AwsSecretStore} fail with 503 ({@link StoreUnavailableException})
 * and report itself unhealthy; other errors fail with 500; no value appears in exceptions or logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsSecretStoreFaultIntegrationTests {

	private static SecretsManagerEmulator emulator;

	private static SecretsManagerClient client;

	private static SecretsManagerClient shortTimeoutClient;

	private final String value = "s3cr3t-" + UUID.randomUUID();

	private static final StoreOptions WRITABLE = StoreOptions.secretDefaults()
		.toBuilder()
		.enableSet(true)
		.enableRemove(true)
		.build();

	private AwsSecretStore store = new AwsSecretStore(client, WRITABLE);

	@BeforeAll
	static void startEmulator() throws IOException {
		emulator = SecretsManagerEmulator.start();
		client = AwsTestSupport.client(emulator);
		shortTimeoutClient = AwsTestSupport.clientWithShortTimeouts(emulator);
	}

	@AfterAll
	static void stopEmulator() {
		client.close();
		shortTimeoutClient.close();
		emulator.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
		emulator.putSecret("db", this.value);
	}

	@Test
	void throttlingAfterTheSdksRetriesIsUnavailable(CapturedOutput output) {
		emulator.inject(Fault.throttling());
		StoreUnavailableException failure = catchThrowableOfType(StoreUnavailableException.class,
				() -> this.store.getSecret("db"));
		assertUnavailable(failure, "read", output);
		assertThat(failure.getMessage()).contains("ThrottlingException");
		assertThat(emulator.calls()).as("the SDK retried").hasSizeGreaterThan(1);
	}

	@Test
	void internalErrorIsUnavailable(CapturedOutput output) {
		emulator.inject(Fault.internalError());
		assertUnavailable(catchThrowableOfType(StoreUnavailableException.class,
				() -> this.store.setSecret("db", this.value)), "write", output);
	}

	@Test
	void serviceUnavailableIsUnavailable(CapturedOutput output) {
		emulator.inject(Fault.serviceUnavailable());
		assertUnavailable(catchThrowableOfType(StoreUnavailableException.class, () -> this.store.removeSecret("db")),
				"remove", output);
	}

	@Test
	void answerSlowerThanTheClientsTimeoutIsUnavailable(CapturedOutput output) {
		this.store = new AwsSecretStore(shortTimeoutClient, WRITABLE);
		emulator.inject(Fault.delay(AwsTestSupport.ATTEMPT_TIMEOUT.multipliedBy(3)));
		assertUnavailable(catchThrowableOfType(StoreUnavailableException.class, () -> this.store.getSecret("db")),
				"read", output);
	}

	@Test
	void otherErrorsAre500WithoutRetry(CapturedOutput output) {
		emulator.inject(Fault.accessDenied());
		UnhandledException failure = catchThrowableOfType(UnhandledException.class,
				() -> this.store.setSecret("db", this.value));
		assertThat(failure).isNotInstanceOf(StoreUnavailableException.class);
		assertThat(failure.getStatus()).isEqualTo(500);
		assertThat(failure.getMessage()).isEqualTo(
				"AwsSecretStore could not write secret 'db': Secrets Manager answered 400 AccessDeniedException");
		assertNoValueIn(failure, output);
		assertThat(emulator.calls()).hasSize(1);
		assertThat(this.store.isHealthy()).isTrue();
	}

	@Test
	void healthIsDownAfterAnUnavailableCallAndUpAfterTheNextSuccess() {
		assertThat(this.store.isHealthy()).isTrue();
		emulator.inject(Fault.serviceUnavailable());
		catchThrowableOfType(StoreUnavailableException.class, () -> this.store.getSecret("db"));
		assertThat(this.store.isHealthy()).isFalse();
		emulator.clearFaults();
		assertThat(this.store.getSecret("db")).containsEntry("db", this.value);
		assertThat(this.store.isHealthy()).isTrue();
	}

	private void assertUnavailable(StoreUnavailableException failure, String operation, CapturedOutput output) {
		assertThat(failure).as("a StoreUnavailableException").isNotNull();
		assertThat(failure.getStatus()).isEqualTo(503);
		assertThat(failure.getMessage()).startsWith("AwsSecretStore could not " + operation + " secret 'db': ");
		assertThat(this.store.isHealthy()).isFalse();
		assertNoValueIn(failure, output);
	}

	private void assertNoValueIn(Throwable failure, CapturedOutput output) {
		Consumer<Throwable> check = (ex) -> assertThat(String.valueOf(ex)).doesNotContain(this.value);
		for (Throwable current = failure; current != null; current = current.getCause()) {
			check.accept(current);
		}
		assertThat(output.getAll()).doesNotContain(this.value);
	}

}
